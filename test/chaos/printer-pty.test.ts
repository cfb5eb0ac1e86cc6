import { describe, expect, it } from 'vitest';
import { bindPtyPrinter } from '../../bench/cases/printer.js';
import { admin } from '../../bench/lib/hall-setup.js';
import { JsonClient } from '../../bench/lib/http.js';
import { forkTs, message, removeDir, startServer, tempDir } from '../../bench/lib/proc.js';
import { PtyPair, requireSocat } from '../helpers/socat.js';

/**
 * Reliability 3 over a real pty: kiosk-1's printer is bound to `serial:` on a
 * socat pair, the virtual printer runs in its own process on the other end.
 * socat is killed (unplug) and restarted (replug) in the middle of a load, and
 * the paper runs out. No ghost ticket, every refusal PRINTER_*, printing resumes.
 */
describe.runIf(requireSocat())('chaos: pty printer unplugged and out of paper during a load', () => {
  it('no ghost ticket, every kiosk told, printing resumes', async () => {
    const pty = new PtyPair('chaos-printer');
    await pty.start();
    const sim = forkTs('bench/workers/printer-sim.ts', [pty.b]);
    await message(sim, (m) => m.type === 'open');
    const dir = tempDir();
    const server = await startServer(dir);
    try {
      const a = await admin(server.url);
      await bindPtyPrinter(a, pty.a);
      const token = (await a.post('/api/v1/admin/clients/kiosk-1/token')).body.token as string;
      const results: { status: number; body: any; phase: string }[] = [];
      let phase = 'ok';
      let running = true;
      let n = 0;
      const tapper = async (k: number) => {
        const c = new JsonClient(server.url, token);
        while (running) {
          const p = phase;
          const r = await c.post('/api/v1/tickets', { serviceId: 'social' }, { 'Idempotency-Key': `pty-${k}-${n++}-tap` });
          results.push({ status: r.status, body: r.body, phase: p });
          if (r.status !== 201) await new Promise((res) => setTimeout(res, 50)); // a citizen does not tap 1,000 times a second
        }
        c.close();
      };
      const until = async (count: number) => {
        const target = results.length + count;
        while (results.length < target) await new Promise((r) => setTimeout(r, 10));
      };
      const tappers = [0, 1, 2].map(tapper);
      await until(10);
      phase = 'unplugged';
      await pty.stop();
      await until(10);
      phase = 'replugged';
      await pty.start();
      sim.send({ type: 'reopen' });
      await message(sim, (m) => m.type === 'open');
      // The server's reconnecting transport finds the pty again by itself.
      for (let i = 0; i < 200 && !results.slice(-3).every((r) => r.status === 201 && r.phase === 'replugged'); i++) await new Promise((r) => setTimeout(r, 50));
      phase = 'paper-out';
      sim.send({ type: 'paper', paper: 'out' });
      await until(10);
      phase = 'paper-ok';
      sim.send({ type: 'paper', paper: 'ok' });
      for (let i = 0; i < 200 && !results.slice(-3).every((r) => r.status === 201 && r.phase === 'paper-ok'); i++) await new Promise((r) => setTimeout(r, 50));
      running = false;
      await Promise.all(tappers);

      const created = results.filter((r) => r.status === 201);
      const refused = results.filter((r) => r.status !== 201);
      const db = (await import('better-sqlite3')).default;
      const file = new db(`${dir}/onestop.db`, { readonly: true });
      const waiting = (file.prepare(`SELECT id FROM tickets WHERE status = 'waiting'`).all() as { id: string }[]).map((r) => r.id).sort();
      file.close();
      const codes = [...new Set(refused.map((r) => r.body?.error?.code))];
      console.log('pty printer summary', JSON.stringify({ tried: results.length, created: created.length, refused: refused.length, ghosts: waiting.length - created.length, codes }));
      for (const r of refused) {
        expect(r.status).toBe(503);
        expect(r.body.error.code).toMatch(/^PRINTER_/);
      }
      expect(refused.some((r) => r.phase === 'unplugged')).toBe(true);
      expect(codes).toContain('PRINTER_PAPER_OUT');
      expect(waiting).toEqual(created.map((r) => r.body.ticket.id).sort());
      expect(results.filter((r) => r.phase === 'replugged').some((r) => r.status === 201)).toBe(true);
      expect(results.slice(-3).every((r) => r.status === 201)).toBe(true);
    } finally {
      await server.kill();
      sim.kill();
      await pty.stop();
      removeDir(dir);
    }
  });
});
