import { describe, expect, it } from 'vitest';
import { message } from '../../bench/lib/proc.js';
import { AgentProcess, freePort, HallOnPort, PtyDevice, until } from '../helpers/agent-rig.js';
import { removeDir, tempDir } from '../helpers/hall.js';
import { requireSocat } from '../helpers/socat.js';

/**
 * The long variant of test/integration/kiosk-agent-cli.test.ts: one run of the
 * real agent CLI (printer and reader on socat ptys, simulators in their own
 * processes) started a minute before the hall server, then ten server restarts
 * and ten printer unplugs while a citizen keeps tapping. Every 201 is a ticket
 * printed with the API's number, every refusal names the cause, and the tickets
 * left waiting are exactly the printed ones.
 */
describe.runIf(requireSocat())('chaos: kiosk agent through server restarts and unplugs', () => {
  it('no ticket without paper, none printed twice, the agent always comes back', async () => {
    const dir = tempDir();
    const hall = new HallOnPort(dir, await freePort());
    const printer = new PtyDevice('chaos-agent-printer', 'bench/workers/printer-sim.ts');
    const reader = new PtyDevice('chaos-agent-reader', 'bench/workers/idcard-sim.ts');
    const agent = new AgentProcess();
    const printed: string[] = [];
    const issued: string[] = [];
    const refusals = new Map<string, number>();
    let n = 0;
    try {
      await hall.start();
      await hall.setUpKiosk();
      await hall.stop();
      await Promise.all([printer.start(), reader.start()]);
      printer.proc.on('message', (m: { type: string; number: string }) => m.type === 'printed' && printed.push(m.number));
      agent.start(['--server', hall.url, '--token', hall.kiosk.token!, '--printer', printer.uri, '--reader', reader.uri, '--status-interval', '1']);
      await new Promise((r) => setTimeout(r, 60_000)); // the kiosk PC boots long before the server
      await hall.start();

      const tap = async () => {
        const r = await hall.kiosk.post('/api/v1/tickets', { serviceId: 'household' }, { 'Idempotency-Key': `chaos-agent-${n++}-tap` }).catch(() => null);
        if (!r) return refusals.set('NO_SERVER', (refusals.get('NO_SERVER') ?? 0) + 1);
        if (r.status === 201) {
          expect(r.body.printed).toBe(true);
          issued.push(r.body.ticket.number);
        } else {
          expect(r.status).toBe(503);
          expect(r.body.error.code).toMatch(/^(PRINTER_|KIOSK_AGENT_OFFLINE$)/);
          refusals.set(r.body.error.code, (refusals.get(r.body.error.code) ?? 0) + 1);
        }
      };
      const printsAgain = async (what: string) => {
        await until(
          async () => (await hall.device('kiosk-1-agent'))?.state === 'ok' && (await hall.device('kiosk-1-agent-printer'))?.state === 'ok',
          `${what}: agent and printer ok in health`,
          300,
          100,
        );
        const done = message(printer.proc, (m) => m.type === 'printed', 15_000);
        const before = issued.length;
        await tap();
        expect(issued.length, `${what}: a tap prints`).toBe(before + 1);
        await done;
      };

      await printsAgain('after the late server start');
      for (let i = 0; i < 10; i++) {
        await hall.stop();
        await tap(); // refused: no server
        await hall.start();
        await printsAgain(`after server restart ${i + 1}`);
        await printer.unplug();
        await until(async () => (await hall.device('kiosk-1-agent-printer'))?.state === 'error', `unplug ${i + 1} reported`, 300, 100);
        for (let k = 0; k < 3; k++) await tap(); // refused: printer away
        await printer.replug();
        await printsAgain(`after replug ${i + 1}`);
      }
      await until(() => printed.length >= issued.length, 'the last tickets printed');
      const waiting = (hall.hall!.deps.ctx.store.db.prepare(`SELECT number FROM tickets WHERE status = 'waiting' ORDER BY number`).all() as { number: string }[]).map((r) => r.number);
      console.log('kiosk agent chaos summary', JSON.stringify({ taps: n, issued: issued.length, printed: printed.length, refusals: Object.fromEntries(refusals) }));
      expect([...printed].sort()).toEqual([...issued].sort()); // every issued ticket printed once, nothing else printed
      expect(waiting).toEqual([...issued].sort()); // no ghost: only printed tickets wait
      expect(refusals.get('PRINTER_OFFLINE') ?? 0).toBeGreaterThan(0);
    } finally {
      await agent.stop();
      await hall.stop();
      await Promise.allSettled([printer.stop(), reader.stop()]);
      removeDir(dir);
    }
  }, 600_000);
});
