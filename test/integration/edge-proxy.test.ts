import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import type { RunningHall } from '../../server/bootstrap.js';
import { DEMO_STAFF_PASSWORD, Api, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/**
 * Issue 10, finding 4: behind a reverse proxy on the same machine every client
 * arrives from loopback. A relayed request is never the demo kiosk; TRUST_PROXY
 * (express's semantics) decides whose address a request has, for the login
 * limiter too; browser sockets must come from the hall's own pages.
 */
const RELAYED: Record<string, string>[] = [{ 'x-forwarded-for': '203.0.113.5' }, { forwarded: 'for=203.0.113.5' }, { 'x-real-ip': '203.0.113.5' }];

function kioskSocket(url: string, headers: Record<string, string>): Promise<{ ok: boolean; code?: string }> {
  const s = ioClient(`${url}/kiosk`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: headers });
  return new Promise((resolve) => {
    s.once('connect', () => {
      s.close();
      resolve({ ok: true });
    });
    s.once('connect_error', (e: any) => {
      s.close();
      resolve({ ok: false, code: e?.data?.code });
    });
  });
}

describe('the demo loopback kiosk behind a proxy', () => {
  let dir: string;
  let hall: RunningHall;
  const lines: string[] = [];

  beforeAll(async () => {
    dir = tempDir();
    const sink = new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) });
    hall = await startTestHall(dir, { demoLoopback: true, log: pino({ level: 'info' }, sink) });
  });
  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('says at start-up, as a warning, that the demo exemption is on', () => {
    const warn = lines.map((l) => JSON.parse(l)).find((l) => l.level === 40 && /demo kiosk/.test(l.msg));
    expect(warn).toBeTruthy();
  });

  it('issues for an unauthenticated client on this machine, but never for a relayed request', async () => {
    const local = await new Api(hall.url).post('/api/v1/tickets', { serviceId: 'property' });
    expect(local.status).toBe(201);
    for (const headers of RELAYED) {
      const r = await new Api(hall.url).post('/api/v1/tickets', { serviceId: 'property' }, headers);
      expect(r.status, JSON.stringify(headers)).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('lets a local socket be the kiosk, never a relayed one', async () => {
    expect(await kioskSocket(hall.url, {})).toEqual({ ok: true });
    for (const headers of RELAYED) expect(await kioskSocket(hall.url, headers)).toEqual({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('TRUST_PROXY decides the caller address (login limiter included)', () => {
  const halls: { hall: RunningHall; dir: string }[] = [];
  const start = async (trustProxy: boolean | string) => {
    const dir = tempDir();
    const hall = await startTestHall(dir, { edge: { trustProxy } });
    halls.push({ hall, dir });
    return hall;
  };
  afterAll(async () => {
    for (const h of halls) {
      await h.hall.close();
      removeDir(h.dir);
    }
  });

  const login = (url: string, from: string, password = 'wrong-password') =>
    new Api(url).post('/api/v1/auth/login', { username: 'clerk1', password }, { 'x-forwarded-for': from });

  it('trusted proxy on loopback: failed log-ins lock out the real client address only', async () => {
    const hall = await start('loopback');
    for (let i = 0; i < 5; i++) expect((await login(hall.url, '10.0.0.1')).status).toBe(401);
    expect((await login(hall.url, '10.0.0.1')).body.error.code).toBe('TOO_MANY_ATTEMPTS');
    // Another client behind the same proxy can still log in.
    expect((await login(hall.url, '10.0.0.2', DEMO_STAFF_PASSWORD)).status).toBe(200);
  });

  it('no TRUST_PROXY (the default): a client cannot pick its address with X-Forwarded-For', async () => {
    const hall = await start(false);
    for (let i = 0; i < 5; i++) expect((await login(hall.url, `10.0.0.${i + 1}`)).status).toBe(401);
    expect((await login(hall.url, '10.0.0.99', DEMO_STAFF_PASSWORD)).body.error?.code).toBe('TOO_MANY_ATTEMPTS');
  });
});

describe('browser sockets are checked against Origin', () => {
  let dir: string;
  let hall: RunningHall;
  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir, { edge: { allowedOrigins: ['https://hall.example.cn'] } });
  });
  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  const handshake = async (headers: Record<string, string>) => {
    const r = await fetch(`${hall.url}/socket.io/?EIO=4&transport=polling`, { headers });
    return { status: r.status, body: await r.text() };
  };

  it('refuses another site’s page, admits the hall’s own pages, allowed origins and clients without Origin', async () => {
    const evil = await handshake({ origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body).message).toMatch(/^ORIGIN_NOT_ALLOWED/);
    expect((await handshake({ origin: 'null' })).status).toBe(403);
    expect((await handshake({ origin: hall.url })).status).toBe(200);
    expect((await handshake({ origin: 'https://hall.example.cn' })).status).toBe(200);
    expect((await handshake({})).status).toBe(200); // the kiosk agent, curl: not a browser
    // X-Forwarded-Host is only a proxy's word when TRUST_PROXY names the proxy (not set here).
    expect((await handshake({ origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' })).status).toBe(403);
    const s = ioClient(`${hall.url}/display`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { origin: 'http://evil.example' } });
    const refused = await new Promise<boolean>((r) => {
      s.once('connect', () => r(false));
      s.once('connect_error', () => r(true));
    });
    s.close();
    expect(refused).toBe(true);
  });
});
