import { describe, expect, it } from 'vitest';
import { byTime } from '../../../server/domain/priority.js';
import { assertRestorable, restoredQueuedAt } from '../../../server/domain/restore.js';
import { ticket } from './fixtures.js';

const at = (min: number, ms = 0) => new Date(Date.UTC(2026, 10, 28, 1, min, 0, ms)).toISOString();
const now = new Date(Date.UTC(2026, 10, 28, 2, 0));

describe('assertRestorable', () => {
  const noShow = ticket({ id: 'x', status: 'no_show', finishedAt: '2026-11-28T01:45:00.000Z' });

  it('a no-show within the allowed minutes of the same day may be restored', () => {
    expect(() => assertRestorable(noShow, now, '2026-11-28', 30)).not.toThrow();
    expect(() => assertRestorable(noShow, now, '2026-11-28', 15)).not.toThrow();
  });

  it('too late, another day, or switched off', () => {
    expect(() => assertRestorable(noShow, now, '2026-11-28', 14)).toThrow(expect.objectContaining({ code: 'RESTORE_TOO_LATE' }));
    expect(() => assertRestorable(noShow, now, '2026-11-29', 600)).toThrow(expect.objectContaining({ code: 'RESTORE_TOO_LATE' }));
    expect(() => assertRestorable(noShow, now, '2026-11-28', 0)).toThrow(expect.objectContaining({ code: 'RESTORE_DISABLED' }));
  });

  it('only no-show tickets', () => {
    for (const status of ['waiting', 'called', 'serving', 'done', 'transferred', 'cancelled'] as const) {
      expect(() => assertRestorable({ ...noShow, status }, now, '2026-11-28', 30)).toThrow(expect.objectContaining({ code: 'TICKET_NOT_NO_SHOW' }));
    }
  });
});

/** Where the restored ticket ends up among the others, 0-based, by the queue's own time order. */
function position(me: ReturnType<typeof ticket>, queue: ReturnType<typeof ticket>[], after: number): number {
  const restored = { ...me, status: 'waiting' as const, queuedAt: restoredQueuedAt(me, queue, after, now) };
  return [...queue.filter((t) => t.id !== me.id), restored].sort(byTime).findIndex((t) => t.id === me.id);
}

describe('restoredQueuedAt', () => {
  const me = ticket({ id: 'me', seq: 2, queuedAt: at(0), status: 'no_show' });
  const queue = [5, 6, 7, 8, 9, 10].map((seq, i) => ticket({ id: `t${seq}`, seq, queuedAt: at(10 + i) }));

  it('sorts right after the Nth waiting ticket, keeping its (lower) number', () => {
    for (const n of [1, 2, 3, 4, 5]) expect(position(me, queue, n)).toBe(n);
    expect(restoredQueuedAt(me, queue, 3, now)).toBe(new Date(Date.parse(at(12)) + 1).toISOString());
  });

  it('after 0 goes to the head of the queue', () => {
    expect(position(me, queue, 0)).toBe(0);
  });

  it('with fewer waiting than N it goes after the last; with none it takes now', () => {
    expect(position(me, queue.slice(0, 2), 3)).toBe(2);
    expect(position(me, queue, 99)).toBe(6);
    expect(restoredQueuedAt(me, [], 3, now)).toBe(now.toISOString());
  });

  it('ignores itself in the list', () => {
    expect(position(me, [...queue, me], 2)).toBe(2);
  });

  it('tickets issued in one group commit share a time: never ahead of the Nth, exact where the number allows', () => {
    // Tickets 5, 6, 8, 9 at the same millisecond; the restored ticket is number 7 (it was one of them).
    const same = [5, 6, 8, 9].map((seq) => ticket({ id: `s${seq}`, seq, queuedAt: at(10) }));
    const seven = ticket({ id: 'seven', seq: 7, queuedAt: at(10), status: 'no_show' });
    expect(position(seven, same, 2)).toBe(2); // between 6 and 8 at the same time
    expect(position(seven, same, 4)).toBe(4);
    // Between 5 and 6 (same millisecond) no time fits number 7: it goes after the tied group, never before.
    expect(position(seven, same, 1)).toBe(4);
    const low = ticket({ id: 'low', seq: 1, queuedAt: at(0), status: 'no_show' });
    for (const n of [1, 2, 3, 4]) expect(position(low, same, n)).toBeGreaterThanOrEqual(n);
  });

  it('neighbours one millisecond apart', () => {
    const tight = [ticket({ id: 'a', seq: 5, queuedAt: at(10, 0) }), ticket({ id: 'b', seq: 6, queuedAt: at(10, 1) }), ticket({ id: 'c', seq: 7, queuedAt: at(10, 2) })];
    const mine = ticket({ id: 'mine', seq: 9, queuedAt: at(0), status: 'no_show' });
    expect(position(mine, tight, 1)).toBe(1);
    expect(position(mine, tight, 2)).toBe(2);
  });

  it('is pure: the same input gives the same time and nothing is changed', () => {
    const copy = JSON.stringify(queue);
    expect(restoredQueuedAt(me, queue, 3, now)).toBe(restoredQueuedAt(me, queue, 3, now));
    expect(JSON.stringify(queue)).toBe(copy);
  });
});
