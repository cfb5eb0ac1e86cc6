import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, kioskToken, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/**
 * Reliability 6: the business day rolls over (reset hour 03:00 Shanghai) while
 * kiosks are issuing. The clock is injected; it crosses the boundary while
 * requests are in flight.
 */
describe('reliability: business-day rollover under load', () => {
  let dir: string;
  let hall: RunningHall;
  let kiosks: Api[];
  // 2026-03-10 02:59:59.000 in Shanghai (UTC+8) = 18:59:59 UTC the day before.
  let clock = Date.parse('2026-03-09T18:59:59.000Z');

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir, { now: () => new Date(clock) });
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    kiosks = [];
    for (let i = 0; i < 8; i++) {
      const c = await admin.post('/api/v1/admin/clients', { kind: 'kiosk', name: `rollover ${i}` });
      kiosks.push(new Api(hall.url, await kioskToken(hall.url, admin, c.body.client.id)));
    }
  });

  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('numbering restarts at 001 for the new day; no ticket lost or duplicated across the boundary', async () => {
    const acked: any[] = [];
    const refused: any[] = [];
    const wave = (tag: string) =>
      Promise.all(
        kiosks.flatMap((k, i) =>
          Array.from({ length: 10 }, (_, j) =>
            k.post('/api/v1/tickets', { serviceId: j % 2 ? 'social' : 'tax' }, { 'Idempotency-Key': `roll-${tag}-${i}-${j}` }).then((r) => {
              if (r.status === 201) acked.push(r.body.ticket);
              else refused.push(r.body);
            }),
          ),
        ),
      );
    // Before, across (the clock moves while the wave is in flight), and after the boundary.
    await wave('a');
    const across = wave('b');
    clock += 1500; // 03:00:00.5: the new day
    await across;
    await wave('c');

    expect(refused).toEqual([]);
    expect(acked).toHaveLength(240);
    const days = [...new Set(acked.map((t) => t.businessDay))].sort();
    expect(days).toEqual(['2026-03-09', '2026-03-10']);

    const db = hall.deps.ctx.store.db;
    const rows = db.prepare('SELECT id, number, seq, prefix, business_day AS day FROM tickets').all() as any[];
    // Every acknowledged ticket is there, with the number it was given.
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const t of acked) expect(byId.get(t.id)?.number).toBe(t.number);
    expect(rows).toHaveLength(240);
    // Per day and prefix: numbers 1..n, each once; the new day starts at 001.
    for (const day of days) {
      for (const prefix of ['B', 'E']) {
        const seqs = rows.filter((r) => r.day === day && r.prefix === prefix).map((r) => r.seq).sort((a, b) => a - b);
        expect(seqs.length).toBeGreaterThan(0);
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      }
    }
    const firstOfNewDay = acked.filter((t) => t.businessDay === '2026-03-10').map((t) => t.number);
    expect(firstOfNewDay).toContain('B001');
    expect(firstOfNewDay).toContain('E001');
    // The event log agrees: one issued event per ticket.
    const issued = db.prepare(`SELECT COUNT(*) n, COUNT(DISTINCT ticket_id) d FROM events WHERE type = 'ticket.issued'`).get();
    expect(issued).toEqual({ n: 240, d: 240 });
  });
});
