import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forkTs, message } from '../../bench/lib/proc.js';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, connect, connected, kioskToken, once, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { PtyPair, requireSocat } from '../helpers/socat.js';
import { run } from './run.js';

const until = async (cond: () => boolean, what: string) => {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
};

/**
 * `npm run build:agent` makes a folder that runs on a kiosk PC with plain
 * node: here it is copied away from the checkout and run (not the source)
 * against a hall server, with its printer and ID-card reader on socat ptys.
 */
describe('the kiosk agent an installer can carry', () => {
  const dirs: string[] = [];
  const procs: ChildProcess[] = [];
  const ptys: PtyPair[] = [];
  let hall: RunningHall | null = null;
  afterAll(async () => {
    for (const p of procs) p.kill('SIGKILL');
    for (const p of ptys) await p.stop();
    await hall?.close();
    dirs.forEach(removeDir);
  });

  it('the built folder, copied to a kiosk, prints the ticket and reads the card over serial ptys', async () => {
    if (!requireSocat()) return;
    const built = tempDir('onestop-agent-build-');
    const kioskPc = tempDir('onestop-kiosk-pc-');
    const dataDir = tempDir('onestop-agent-hall-');
    dirs.push(built, kioskPc, dataDir);

    const b = await run('npm', ['run', '--silent', 'build:agent', '--', built]);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    // Only the two platforms' bindings travel.
    const prebuilds = readdirSync(join(built, 'node_modules/@serialport/bindings-cpp/prebuilds')).sort();
    expect(prebuilds).toEqual(['linux-x64', 'win32-x64']);
    expect(readdirSync(join(built, 'node_modules/usb/prebuilds')).sort()).toEqual(['linux-x64', 'win32-x64']);
    expect(readdirSync(join(built, 'node_modules/node-hid/prebuilds')).every((p) => /linux-x64|win32-x64/.test(p))).toBe(true);
    expect(existsSync(join(built, 'node_modules/usb/libusb'))).toBe(false);
    // The installer's copy: a folder with no repository and no npm around it.
    const agentDir = join(kioskPc, 'onestop-agent');
    cpSync(built, agentDir, { recursive: true });

    hall = await startTestHall(dataDir);
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    await admin.req('DELETE', '/api/v1/admin/devices/kiosk-1-printer');
    await admin.req('DELETE', '/api/v1/admin/devices/kiosk-1-reader');
    const kiosk = new Api(hall.url, await kioskToken(hall.url, admin));

    const printerPty = new PtyPair('agent-bundle-printer');
    const readerPty = new PtyPair('agent-bundle-reader');
    ptys.push(printerPty, readerPty);
    await printerPty.start();
    await readerPty.start();
    const printer = forkTs('bench/workers/printer-sim.ts', [printerPty.b]);
    const reader = forkTs('test/ops/idcard-sim-worker.ts', [readerPty.b]);
    procs.push(printer, reader);
    await message(printer, (m) => m.type === 'open', 30_000);
    await message(reader, (m) => m.type === 'open', 30_000);

    // Plain node, from the copied folder, with an environment that points nowhere near the checkout.
    const agent = spawn(process.execPath, [
      join(agentDir, 'agent.mjs'),
      '--server', hall.url,
      '--printer', `serial:${printerPty.a}?baud=115200`,
      '--reader', `serial:${readerPty.a}?baud=115200`,
    // The token from the environment, as the systemd unit gives it (not on the command line, where `ps` shows it).
    ], { cwd: kioskPc, env: { PATH: '/usr/bin:/bin', HOME: kioskPc, ONESTOP_KIOSK_TOKEN: kiosk.token! }, stdio: ['ignore', 'pipe', 'pipe'] });
    procs.push(agent);
    let out = '';
    agent.stdout!.on('data', (d) => (out += d));
    agent.stderr!.on('data', (d) => (out += d));
    const h = hall;
    await until(() => h.deps.devices.printerFor('kiosk-1') !== null || agent.exitCode !== null, 'the agent to register');
    expect(agent.exitCode, out).toBe(null);

    const ui = connect(hall.url, '/kiosk', kiosk.token!);
    await connected(ui);
    const cardP = once(ui, 'id-card', 15_000);
    reader.send({ type: 'place' });
    const card = await cardP;
    expect(card).toMatchObject({ maskedName: '张*三', maskedIdNumber: '*****************0' });

    const printed = message(printer, (m) => m.type === 'printed', 15_000);
    const r = await kiosk.post('/api/v1/tickets', { serviceId: 'household', cardToken: card.cardToken });
    expect(r.status).toBe(201);
    expect(r.body.printed).toBe(true);
    expect((await printed).text).toContain(r.body.ticket.number);
    ui.close();
  }, 180_000);
});
