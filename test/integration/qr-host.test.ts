import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Api, removeDir, tempDir } from '../helpers/hall.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PW = 'qr-test-admin-pw';

/** The real `npm run start:dev` command with a fresh demo hall; resolves with its port once it is running. */
async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', ONESTOP_ADMIN_PASSWORD: PW, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const port = await new Promise<number>((ok, fail) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Onestop is running: http:\/\/localhost:(\d+)\//.exec(out);
      if (m) ok(Number(m[1]));
    });
    child.stderr!.on('data', (d) => (out += d));
    child.once('exit', (code) => fail(new Error(`server exited ${code}: ${out}`)));
  });
  return { child, port };
}

/** POST with a Host header of the attacker's choosing (fetch would not send it). */
function postWithHost(port: number, path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  return new Promise((ok, fail) => {
    const data = JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c)).on('end', () => ok({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', fail);
    req.end(data);
  });
}

const myAddresses = () =>
  Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);

/** Issue 10 #9: the QR printed on a ticket never takes its host from the request's Host header. */
describe('printed QR links', { timeout: 120_000 }, () => {
  let dir: string;
  let child: ChildProcess | null = null;

  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    child = null;
    removeDir(dir);
  });

  const printTicket = async (port: number) => {
    const base = `http://127.0.0.1:${port}`;
    const admin = await Api.login(base, 'admin', PW);
    const token = (await admin.post('/api/v1/admin/clients/kiosk-1/token')).body.token;
    // The demo kiosk's simulated printer must be up before the ticket.
    await expect.poll(async () => (await admin.get('/api/v1/admin/devices')).body.devices.find((d: any) => d.id === 'kiosk-1-printer')?.health.state, { timeout: 20_000 }).toBe('ok');
    const r = await postWithHost(port, '/api/v1/tickets', { serviceId: 'social' }, { authorization: `Bearer ${token}`, host: 'evil.example:6666' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // The simulated printer decodes the bytes as they arrive: wait for this ticket's QR.
    let qr = '';
    await expect
      .poll(async () => (qr = (await admin.post('/api/v1/admin/devices/kiosk-1-printer/simulate', { action: 'last-ticket' })).body.ticket?.qr?.[0] ?? ''), { timeout: 10_000 })
      .toMatch(new RegExp(`/t/${r.body.ticket.trackToken}$`));
    // The kiosk's screen shows the same link (from the answer, not from the browser's origin).
    expect(r.body.trackUrl).toBe(qr);
    return { qr, track: r.body.ticket.trackToken as string, admin };
  };

  it('without a setting: the server’s own LAN address and port, whatever Host said; the admin settings show it', async () => {
    dir = tempDir();
    const s = await startServer(join(dir, 'data'));
    child = s.child;
    const { qr, track, admin } = await printTicket(s.port);
    expect(qr).not.toContain('evil.example');
    const url = new URL(qr);
    expect(url.pathname).toBe(`/t/${track}`);
    expect(url.port).toBe(String(s.port));
    const mine = myAddresses();
    expect(mine.length ? mine : ['localhost']).toContain(url.hostname);
    expect((await admin.get('/api/v1/admin/settings')).body.serverUrl).toBe(url.origin);
  });

  it('ONESTOP_PUBLIC_URL, and then the hall setting, decide the link', async () => {
    dir = tempDir();
    const s = await startServer(join(dir, 'data'), { ONESTOP_PUBLIC_URL: 'https://hall.example.gov.cn/q' });
    child = s.child;
    const first = await printTicket(s.port);
    expect(first.qr).toBe(`https://hall.example.gov.cn/q/t/${first.track}`);
    expect((await first.admin.req('PATCH', '/api/v1/admin/settings', { publicBaseUrl: 'https://qr.example.gov.cn' })).status).toBe(200);
    const second = await printTicket(s.port);
    expect(second.qr).toBe(`https://qr.example.gov.cn/t/${second.track}`);
  });
});
