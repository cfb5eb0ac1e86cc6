import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message } from '../../bench/lib/proc.js';
import { AgentProcess, freePort, HallOnPort, PtyDevice, ROOT, until } from '../helpers/agent-rig.js';
import { connect, connected, once, removeDir, tempDir } from '../helpers/hall.js';
import { requireSocat } from '../helpers/socat.js';

type Start = 'plain' | 'before-server' | 'server-restart' | 'unplug' | 'start-unplugged';

/**
 * Issue 11, tried as an installer would: 20 consecutive starts of the real
 * agent CLI with its printer and SAM reader on `serial:` ptys, against a real
 * hall server, in every order of events. Each start must end with a ticket
 * printed whose number is the API's, health right, and paper-out refused with
 * PRINTER_PAPER_OUT leaving no waiting ticket behind.
 */
describe.runIf(requireSocat())('kiosk agent CLI over serial ptys', () => {
  let dir: string;
  let hall: HallOnPort;
  let printer: PtyDevice;
  let reader: PtyDevice;
  const agent = new AgentProcess();
  let taps = 0;

  beforeAll(async () => {
    dir = tempDir();
    hall = new HallOnPort(dir, await freePort());
    await hall.start();
    await hall.setUpKiosk();
    printer = new PtyDevice('agent-printer', 'bench/workers/printer-sim.ts');
    reader = new PtyDevice('agent-reader', 'bench/workers/idcard-sim.ts');
    await Promise.all([printer.start(), reader.start()]);
  });

  afterAll(async () => {
    await agent.stop();
    await hall?.stop();
    await Promise.allSettled([printer?.stop(), reader?.stop()]);
    removeDir(dir);
  });

  const startAgent = (viaNpm = false) =>
    agent.start(['--server', hall.url, '--token', hall.kiosk.token!, '--printer', printer.uri, '--reader', reader.uri, '--status-interval', '0.5'], viaNpm);

  const fail = (what: string) => (err: Error) => {
    throw new Error(`${what}: ${err.message}\n--- agent output ---\n${agent.out.slice(-3000)}`);
  };

  /** What every start must end with. */
  async function proveKioskWorks(label: string, withCard: boolean): Promise<void> {
    await until(async () => (await hall.device('kiosk-1-agent-printer'))?.state === 'ok' && (await hall.device('kiosk-1-agent-idcard'))?.state === 'ok', `${label}: agent devices ok in health`, 400).catch(fail(label));
    expect(await hall.device('kiosk-1-agent')).toMatchObject({ state: 'ok' });

    if (withCard) {
      const page = connect(hall.url, '/kiosk', hall.kiosk.token!);
      await connected(page);
      const read = once(page, 'id-card', 10_000);
      reader.proc.send({ type: 'place' });
      const got = await read.catch(fail(`${label}: card read`));
      expect(got.maskedIdNumber).toMatch(/^[0-9X*]{18}$/);
      expect(got.maskedIdNumber).toContain('*'); // masked: the clear number never reaches the kiosk
      reader.proc.send({ type: 'remove' });
      page.close();
    }

    const printed = message<{ number: string }>(printer.proc, (m) => m.type === 'printed', 15_000);
    const r = await hall.kiosk.post('/api/v1/tickets', { serviceId: 'household' }, { 'Idempotency-Key': `agent-cli-${taps++}-tap` });
    expect(r.status, `${label}: ${JSON.stringify(r.body)}`).toBe(201);
    expect(r.body.printed, `${label}: printed`).toBe(true);
    expect((await printed.catch(fail(`${label}: printed ticket`))).number).toBe(r.body.ticket.number);

    printer.proc.send({ type: 'paper', paper: 'out' });
    await until(async () => (await hall.device('kiosk-1-agent-printer'))?.detail === 'paper out', `${label}: paper-out in health`).catch(fail(label));
    const before = hall.waiting();
    const refused = await hall.kiosk.post('/api/v1/tickets', { serviceId: 'household' }, { 'Idempotency-Key': `agent-cli-${taps++}-tap` });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('PRINTER_PAPER_OUT');
    expect(hall.waiting()).toBe(before);
    printer.proc.send({ type: 'paper', paper: 'ok' });
    await until(async () => (await hall.device('kiosk-1-agent-printer'))?.state === 'ok', `${label}: printer ok again`).catch(fail(label));
  }

  const plan: Start[] = [
    'plain', 'before-server', 'server-restart', 'unplug', 'start-unplugged',
    'plain', 'before-server', 'server-restart', 'unplug', 'start-unplugged',
    'plain', 'before-server', 'server-restart', 'unplug', 'start-unplugged',
    'plain', 'before-server', 'server-restart', 'unplug', 'plain',
  ];

  it('20 consecutive agent starts in every order of events each end with the ticket printed', async () => {
    for (const [i, kind] of plan.entries()) {
      const label = `start ${i + 1} (${kind})`;
      if (kind === 'before-server') {
        await hall.stop();
        startAgent();
        // The agent is up and finds no server; then the server comes.
        await until(() => agent.out.includes('cannot reach the hall server'), `${label}: agent running without a server`, 400).catch(fail(label));
        await hall.start();
      } else if (kind === 'start-unplugged') {
        await Promise.all([printer.unplug(), reader.unplug()]);
        startAgent();
        await until(
          async () => (await hall.device('kiosk-1-agent'))?.state === 'ok' && /cannot open/.test((await hall.device('kiosk-1-agent-printer'))?.detail ?? ''),
          `${label}: unplugged printer reported`,
          400,
        ).catch(fail(label));
        // Without its printer the kiosk refuses, and nothing waits.
        const before = hall.waiting();
        const r = await hall.kiosk.post('/api/v1/tickets', { serviceId: 'household' });
        expect(r.status).toBe(503);
        expect(r.body.error.code).toMatch(/^PRINTER_/);
        expect(hall.waiting()).toBe(before);
        await Promise.all([printer.replug(), reader.replug()]);
      } else {
        startAgent(i === 0);
      }
      await proveKioskWorks(label, kind === 'plain');

      if (kind === 'server-restart') {
        await hall.stop();
        await hall.start();
        await proveKioskWorks(`${label} after the server restarted`, false);
      }
      if (kind === 'unplug') {
        await Promise.all([printer.unplug(), reader.unplug()]);
        await until(async () => (await hall.device('kiosk-1-agent-printer'))?.state === 'error', `${label}: unplug reported`, 400).catch(fail(label));
        await Promise.all([printer.replug(), reader.replug()]);
        await proveKioskWorks(`${label} after replug`, true);
      }
      await agent.stop();
      await until(async () => (await hall.device('kiosk-1-agent'))?.state === 'unavailable', `${label}: agent gone`);
      // A kiosk bound to an agent takes no ticket while the agent is away.
      const r = await hall.kiosk.post('/api/v1/tickets', { serviceId: 'household' });
      expect(r.body.error?.code).toBe('KIOSK_AGENT_OFFLINE');
    }
  }, 300_000);

  it('the agent started long before the server, and long after it', async () => {
    await agent.stop();
    await hall.stop();
    startAgent();
    await new Promise((r) => setTimeout(r, 6000)); // the agent's reconnect backoff has grown to its cap (2 s)
    await hall.start();
    await proveKioskWorks('long before', false);
    await agent.stop();

    await hall.stop();
    await hall.start();
    await new Promise((r) => setTimeout(r, 4000)); // the server has been up a while
    startAgent();
    await proveKioskWorks('long after', false);
    await agent.stop();
  }, 120_000);

  it('a bad --status-interval is a usage error (exit 2) naming the option', () => {
    const r = spawnSync(`${ROOT}/node_modules/.bin/tsx`, ['agent/main.ts', '--server', hall.url, '--token', 'x', '--status-interval', 'soon'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--status-interval must be 0 or 0.2–3600 seconds, not "soon"');
  });
});
