import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { admin, kioskTokens } from '../../bench/lib/hall-setup.js';
import { JsonClient } from '../../bench/lib/http.js';
import { BENCH_ADMIN_PASSWORD, forkTs, message, removeDir, startServer, tempDir } from '../../bench/lib/proc.js';

/** Reliability 2: 8 windows sharing two queues call concurrently until 10,000 tickets are called. */
describe('chaos: 8 windows, 10,000 calls', () => {
  it('no ticket is called twice and none is skipped', async () => {
    const N = Number(process.env.CHAOS_CALLS ?? 10_000);
    const dir = tempDir();
    const server = await startServer(dir);
    try {
      const a = await admin(server.url);
      const windows: string[] = [];
      for (let n = 21; n <= 28; n++) {
        const r = await a.post('/api/v1/admin/windows', { number: n, name: `${n}号窗口`, departmentId: 'general', services: [{ serviceId: 'social', order: n % 2 }, { serviceId: 'fund', order: (n + 1) % 2 }] });
        expect(r.status).toBe(201);
        windows.push(r.body.window.id);
      }
      const tokens = await kioskTokens(a, 32);
      const load = forkTs('bench/workers/kiosk-load.ts', [JSON.stringify({ base: server.url, tokens, services: ['social', 'fund'], perKiosk: Math.ceil(N / 32), keyPrefix: 'calls' })]);
      await message(load, (m) => m.type === 'ready');
      const issuedP = message(load, (m) => m.type === 'result', 600_000);
      load.send({ type: 'start' });
      const issued = await issuedP;
      expect(issued.errors).toEqual({});
      const total = issued.created as number;

      for (const w of windows) expect((await a.post(`/api/v1/windows/${w}/open`)).status).toBe(200);
      const called: string[] = [];
      const staff = await JsonClient.loginMany(server.url, 'admin', BENCH_ADMIN_PASSWORD, windows.length);
      await Promise.all(
        windows.map(async (w, i) => {
          for (;;) {
            const r = await staff[i].post(`/api/v1/windows/${w}/call-next`);
            expect(r.status).toBe(200);
            if (!r.body.ticket) return;
            called.push(r.body.ticket.id);
            expect((await staff[i].post(`/api/v1/windows/${w}/finish`)).status).toBe(200);
          }
        }),
      );
      const db = new Database(join(dir, 'onestop.db'), { readonly: true });
      const ids = (db.prepare(`SELECT id FROM tickets`).all() as { id: string }[]).map((r) => r.id);
      const waiting = db.prepare(`SELECT COUNT(*) n FROM tickets WHERE status = 'waiting'`).get() as { n: number };
      const logged = db.prepare(`SELECT COUNT(*) n, COUNT(DISTINCT ticket_id) d FROM events WHERE type = 'ticket.called'`).get() as { n: number; d: number };
      db.close();
      const twice = called.length - new Set(called).size;
      const skipped = ids.filter((id) => !called.includes(id)).length;
      console.log('calls summary', JSON.stringify({ issued: total, called: called.length, twice, skipped, stillWaiting: waiting.n, loggedCalls: logged }));
      expect(total).toBeGreaterThanOrEqual(N);
      expect(twice).toBe(0);
      expect(skipped).toBe(0);
      expect(waiting.n).toBe(0);
      expect(called.length).toBe(total);
      expect(logged).toEqual({ n: total, d: total });
    } finally {
      await server.kill();
      removeDir(dir);
    }
  });
});
