import { describe, expect, it } from 'vitest';
import type { TicketRecord } from '../../../server/domain/model.js';
import { byTime, nearHeads, peopleAhead } from '../../../server/domain/priority.js';
import { CLASSES, at, prng, ticket } from './fixtures.js';

/** What the store's queueHeads reads: the oldest `perClass` tickets of each class. */
function headsOf(queue: readonly TicketRecord[], perClass: number): TicketRecord[] {
  return CLASSES.flatMap((c) => queue.filter((t) => t.priority === c).sort(byTime).slice(0, perClass));
}

describe('nearHeads: places ahead from the queue heads only', () => {
  it('finds exactly the tickets within the threshold, with the same places as the whole queue gives', () => {
    const rand = prng(13);
    let checked = 0;
    for (let round = 0; round < 400; round++) {
      const n = 1 + Math.floor(rand() * 40);
      const queue = [...Array(n).keys()].map((i) =>
        ticket({ id: `t${i}`, seq: i + 1, priority: CLASSES[Math.floor(rand() * CLASSES.length)], queuedAt: at(Math.floor(rand() * 8)) }),
      );
      const threshold = Math.floor(rand() * 6);
      const ratio = Math.floor(rand() * 4);
      const streak = Math.floor(rand() * 4);
      const greenExempt = rand() < 0.5;
      const expected = queue
        .map((t) => ({ id: t.id, ahead: peopleAhead(t, queue, ratio, streak, greenExempt) }))
        .filter((x) => x.ahead <= threshold)
        .sort((a, b) => a.id.localeCompare(b.id));
      const got = nearHeads(headsOf(queue, threshold + 1), threshold, ratio, streak, greenExempt)
        .map((x) => ({ id: x.ticket.id, ahead: x.ahead }))
        .sort((a, b) => a.id.localeCompare(b.id));
      expect(got, JSON.stringify({ round, threshold, ratio, streak, greenExempt })).toEqual(expected);
      checked += expected.length;
    }
    expect(checked).toBeGreaterThan(100);
  });
});
