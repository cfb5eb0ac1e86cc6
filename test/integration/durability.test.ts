import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, kioskToken, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

describe('durability: restart, concurrent windows, idempotency, rebuild from the log', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let kiosk: Api;

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    kiosk = new Api(hall.url, await kioskToken(hall.url, admin));
  });

  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('a restart gives back exactly the same queues, windows and numbering', async () => {
    for (let i = 0; i < 5; i++) await kiosk.post('/api/v1/tickets', { serviceId: 'property' });
    await kiosk.post('/api/v1/tickets', { serviceId: 'tax' });
    const w1 = await clerkAt(hall.url, 1);
    await w1.post('/api/v1/windows/w1/call-next');
    await w1.post('/api/v1/windows/w1/start');
    const w6 = await clerkAt(hall.url, 6);
    await w6.post('/api/v1/windows/w6/pause', { reason: '系统维护' });
    const before = (await admin.get('/api/v1/queue')).body;

    const token = kiosk.token;
    await hall.close();
    hall = await startTestHall(dir);
    admin.base = kiosk.base = hall.url;
    const after = (await admin.get('/api/v1/queue')).body;
    const strip = (q: any) => ({ services: q.services, windows: q.windows, recentCalls: q.recentCalls, businessDay: q.businessDay });
    expect(strip(after)).toEqual(strip(before));
    expect(after.windows.find((w: any) => w.id === 'w6')).toMatchObject({ status: 'paused', pauseReason: '系统维护' });
    expect(after.windows.find((w: any) => w.id === 'w1').current).toMatchObject({ number: 'A001', status: 'serving' });

    // Device tokens and staff sessions survive too; numbering continues.
    kiosk.token = token;
    const next = await kiosk.post('/api/v1/tickets', { serviceId: 'property' });
    expect(next.body.ticket.number).toBe('A006');
    // The clerk's session survived the restart: finishing needs no new log-in.
    w1.base = hall.url;
    const again = await w1.post('/api/v1/windows/w1/finish');
    expect(again.body).toMatchObject({ ok: true, ticket: { number: 'A001', status: 'done' } });
  });

  it('two windows calling at once 1,000 times never get the same ticket', async () => {
    const N = 1000;
    const ids = new Set<string>();
    for (let i = 0; i < N; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, N - i) }, () => kiosk.post('/api/v1/tickets', { serviceId: 'social' })),
      );
      for (const r of batch) {
        expect(r.status).toBe(201);
        ids.add(r.body.ticket.id);
      }
    }
    expect(ids.size).toBe(N);
    const w3 = await clerkAt(hall.url, 3);
    const w9 = await clerkAt(hall.url, 9);
    const called: string[] = [];
    for (let i = 0; i < N / 2 + 1; i++) {
      const [a, b] = await Promise.all([w3.post('/api/v1/windows/w3/call-next'), w9.post('/api/v1/windows/w9/call-next')]);
      for (const r of [a, b]) {
        expect(r.status).toBe(200);
        if (r.body.ticket) called.push(r.body.ticket.id);
      }
    }
    expect(called.length).toBe(N);
    expect(new Set(called).size).toBe(N);
    for (const id of called) expect(ids.has(id)).toBe(true);
    // Every call is in the log exactly once.
    const logged = hall.deps.ctx.store.db.prepare(`SELECT COUNT(*) n, COUNT(DISTINCT e.ticket_id) d FROM events e JOIN tickets t ON t.id = e.ticket_id WHERE e.type = 'ticket.called' AND t.service_id = 'social'`).get() as { n: number; d: number };
    expect(logged).toEqual({ n: N, d: N });
    // Numbers are unique too.
    const numbers = hall.deps.ctx.store.db
      .prepare(`SELECT number, COUNT(*) n FROM tickets WHERE service_id = 'social' AND transferred_from_id IS NULL GROUP BY number HAVING n > 1`)
      .all();
    expect(numbers).toEqual([]);
  }, 180_000);

  it('a retried issue with the same Idempotency-Key returns one ticket, even when the retries race', async () => {
    const key = 'kiosk-1:tap:0001';
    const [a, b, c] = await Promise.all([
      kiosk.post('/api/v1/tickets', { serviceId: 'fund' }, { 'Idempotency-Key': key }),
      kiosk.post('/api/v1/tickets', { serviceId: 'fund' }, { 'Idempotency-Key': key }),
      kiosk.post('/api/v1/tickets', { serviceId: 'fund' }, { 'Idempotency-Key': key }),
    ]);
    const statuses = [a.status, b.status, c.status].sort();
    expect(statuses).toEqual([200, 200, 201]);
    expect(new Set([a.body.ticket.id, b.body.ticket.id, c.body.ticket.id]).size).toBe(1);
    const later = await kiosk.post('/api/v1/tickets', { serviceId: 'fund' }, { 'Idempotency-Key': key });
    expect(later.body.ticket.id).toBe(a.body.ticket.id);
    expect(later.body.replayed).toBe(true);
    const different = await kiosk.post('/api/v1/tickets', { serviceId: 'tax' }, { 'Idempotency-Key': key });
    expect(different.status).toBe(409);
    expect(different.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const count = hall.deps.ctx.store.db.prepare(`SELECT COUNT(*) n FROM tickets WHERE service_id = 'fund'`).get() as { n: number };
    expect(count.n).toBe(1);
  });

  it('the state rebuilt from the event log alone equals the live state', async () => {
    const store = hall.deps.ctx.store;
    const dump = () => ({
      tickets: store.db.prepare('SELECT * FROM tickets ORDER BY id').all(),
      counters: store.db.prepare('SELECT * FROM counters ORDER BY business_day, prefix').all(),
      streaks: store.db.prepare('SELECT * FROM streaks ORDER BY service_id').all(),
      windows: store.db.prepare('SELECT * FROM window_runtime ORDER BY window_id').all(),
    });
    const before = dump();
    expect(before.tickets.length).toBeGreaterThan(1000);
    store.rebuildFromLog();
    expect(dump()).toEqual(before);
  });

  it('the event log refuses to be rewritten', () => {
    const db = hall.deps.ctx.store.db;
    expect(() => db.prepare(`UPDATE events SET type = 'x' WHERE id = 1`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
  });
});
