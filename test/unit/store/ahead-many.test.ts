import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PriorityClass } from '../../../common/types.js';
import type { TicketRecord } from '../../../server/domain/model.js';
import { HallDatabase } from '../../../server/store/store.js';
import { ticket } from '../domain/fixtures.js';

/** A small deterministic PRNG, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const CLASSES: PriorityClass[] = ['normal', 'normal', 'normal', 'appointment', 'priority', 'green'];

describe('store: people-ahead counts for the tickets of one commit, read in one go', () => {
  let dir: string;
  let store: HallDatabase;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'onestop-ahead-'));
    store = HallDatabase.open(join(dir, 'hall.db'));
    store.config.saveDepartment({ id: 'd', name: { 'zh-CN': '部门', en: 'Dept' } });
    for (const id of ['svc-a', 'svc-b']) {
      store.config.saveService({ id, departmentId: 'd', name: { 'zh-CN': id, en: id }, prefix: 'A', numberWidth: 3, dailyQuota: null, promisedMinutes: 15, guide: { 'zh-CN': [], en: [] } as never, open: true, sortOrder: 0 });
    }
    for (const [i, id] of ['w1', 'w2'].entries()) {
      store.config.saveWindow({ id, number: i + 1, name: id, departmentId: 'd', priorityOnly: false, services: [{ serviceId: 'svc-a', order: 0, weight: 1 }] });
    }
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('equals the one-ticket count for every ticket, on random queues with ties, targets, other statuses and classes', () => {
    for (let round = 0; round < 30; round++) {
      const r = rng(round + 1);
      const all: TicketRecord[] = [];
      store.tx(() => {
        store.db.prepare('DELETE FROM tickets').run();
        const n = 5 + Math.floor(r() * 60);
        for (let i = 0; i < n; i++) {
          // Few distinct times, so (queuedAt, seq) ties and equal times with other seqs happen.
          const minute = String(Math.floor(r() * 6)).padStart(2, '0');
          const t = ticket({
            id: `r${round}-t${i}`,
            seq: 1 + Math.floor(r() * 8),
            serviceId: r() < 0.7 ? 'svc-a' : 'svc-b',
            targetWindowId: r() < 0.2 ? (r() < 0.5 ? 'w1' : 'w2') : null,
            priority: CLASSES[Math.floor(r() * CLASSES.length)],
            status: r() < 0.8 ? 'waiting' : r() < 0.5 ? 'called' : 'done',
            queuedAt: `2026-11-28T01:${minute}:00.000Z`,
          });
          store.tickets.save(t);
          all.push(t);
        }
      });
      // "The commit": any handful of the waiting tickets, in any order.
      const waiting = all.filter((t) => t.status === 'waiting');
      const commit = waiting.filter(() => r() < 0.5);
      const many = store.tickets.aheadCountsMany(commit);
      expect([...many.keys()].sort()).toEqual(commit.map((t) => t.id).sort());
      for (const t of commit) expect(many.get(t.id), `round ${round}, ${t.id}`).toEqual(store.tickets.aheadCounts(t));
    }
  });
});
