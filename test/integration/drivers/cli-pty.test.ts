/**
 * The CLI over a real serial line: socat links two ptys, the simulator runs in
 * this process on one end with the real serial transport, the CLI (a child
 * process) opens the other end as serial:<pty>. Skips loudly without socat
 * on a developer machine, fails on CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RESIDENT } from '../../../drivers/idcard/demo-cards.js';
import { IdCardSimulator } from '../../../drivers/idcard/simulator.js';
import { PrinterSimulator } from '../../../drivers/printer/simulator.js';
import { createTransport } from '../../../drivers/transport/open.js';
import type { Transport } from '../../../drivers/transport/types.js';
import { PtyPair, requireSocat } from '../../helpers/socat.js';
import { cli, show } from '../../unit/drivers/cli/cli-process.js';

describe.runIf(requireSocat())('devices CLI over a socat pty pair', { timeout: 120_000 }, () => {
  describe('printer-status', () => {
    const pty = new PtyPair('cli-printer');
    let device: Transport;
    let sim: PrinterSimulator;

    beforeAll(async () => {
      await pty.start();
      device = createTransport(`serial:${pty.b}?baud=9600`);
      await device.open();
      sim = new PrinterSimulator(device);
    });
    afterAll(async () => {
      sim?.dispose();
      await device?.close();
      await pty.stop();
    });

    it('reads a healthy printer', async () => {
      const r = await cli(['printer-status', `serial:${pty.a}?baud=9600`]);
      expect(r.code, show(r)).toBe(0);
      expect(r.stdout).toMatch(/online {3}yes/);
      expect(r.stdout).toMatch(/paper {4}ok/);
      expect(sim.queries).toEqual([1, 2, 4]);
    });

    it('reports paper near end (exit 0) and paper out (exit 1) as JSON', async () => {
      sim.setState({ paper: 'near-end' });
      const near = await cli(['printer-status', `serial:${pty.a}?baud=9600`, '--json']);
      expect(near.code, show(near)).toBe(0);
      expect(JSON.parse(near.stdout)).toMatchObject({ paper: 'near-end', printable: true });
      sim.setState({ paper: 'out' });
      const out = await cli(['printer-status', `serial:${pty.a}?baud=9600`, '--json']);
      expect(out.code, show(out)).toBe(1);
      expect(JSON.parse(out.stdout)).toMatchObject({ paper: 'out', printable: false });
      expect(out.stderr).toContain(`serial:${pty.a}?baud=9600: out of paper`);
    });

    it('names the query that went unanswered when the printer is silent', async () => {
      sim.setState({ paper: 'ok', noReply: true });
      const r = await cli(['printer-status', `serial:${pty.a}?baud=9600`, '--timeout', '2']);
      sim.setState({ noReply: false });
      expect(r.code, show(r)).toBe(1);
      expect(r.stderr).toMatch(/no reply to DLE EOT 1 .* — check: power, the cable .* baud rate/);
    });
  });

  describe('idcard --once --json', () => {
    const pty = new PtyPair('cli-idcard');
    let device: Transport;
    let sim: IdCardSimulator;

    beforeAll(async () => {
      await pty.start();
      device = createTransport(`serial:${pty.b}?baud=115200`);
      await device.open();
      sim = new IdCardSimulator(device);
      sim.placeCard(DEMO_RESIDENT);
    });
    afterAll(async () => {
      sim?.dispose();
      await device?.close();
      await pty.stop();
    });

    it('reads the card on the reader and prints it masked', async () => {
      const r = await cli(['idcard', `serial:${pty.a}?baud=115200`, '--once', '--json', '--timeout', '20']);
      expect(r.code, show(r)).toBe(0);
      const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(events[0]).toMatchObject({ event: 'ready', samId: '0501000000000020231103000000001a' });
      expect(events.at(-1)).toMatchObject({
        event: 'card',
        card: { cardType: 'resident', name: '张*三', idNumber: '*****************0', gender: 'male', nation: '汉', birthDate: '1990-**-**', validTo: '2035-06-01' },
      });
      for (const secret of [DEMO_RESIDENT.name, DEMO_RESIDENT.idNumber, DEMO_RESIDENT.address, DEMO_RESIDENT.authority]) {
        expect(r.stdout + r.stderr).not.toContain(secret);
      }
      expect(sim.received).toContain('30 01'); // it really read the card over the line
    });
  });
});
