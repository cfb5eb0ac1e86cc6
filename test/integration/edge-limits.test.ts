import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/**
 * Issue 10, finding 1: one anonymous client must not be able to take the hall
 * down. Sockets without a token are counted per address and hall-wide and
 * refused beyond the limit; unauthenticated HTTP is rate-limited per address;
 * `state` requests per socket too; the snapshot is built once, not per screen.
 */
const LIMITS = { socketsPerAddress: 20, anonymousSockets: 30, reservedSockets: 5, trustedNetworks: ['10.8.0.0/16'], socketsPerToken: 40, httpBurst: 30, httpPerSecond: 0.001, filesBurst: 60, filesPerSecond: 0.001, displayEventsBurst: 5, displayEventsPerSecond: 0.001 };

function open(url: string, opts: { headers?: Record<string, string>; token?: string; ns?: string } = {}): Promise<{ s: Socket; ok: boolean; state: Promise<any> }> {
  const s = ioClient(`${url}${opts.ns ?? '/display'}`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: opts.headers, auth: opts.token ? { token: opts.token } : {} });
  const state = new Promise<any>((r) => s.once('state', r));
  return new Promise((resolve) => {
    s.once('connect', () => resolve({ s, ok: true, state }));
    s.once('connect_error', () => resolve({ s, ok: false, state }));
  });
}

/** The engine.io handshake as a browser's long-polling transport sends it: its refusal carries the reason. */
async function handshake(url: string, headers: Record<string, string> = {}) {
  const r = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers });
  return { status: r.status, text: await r.text() };
}

describe('per-address and hall-wide limits for anonymous clients', () => {
  let dir: string;
  let hall: RunningHall;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dir = tempDir();
    // TRUST_PROXY=loopback: the test's X-Forwarded-For stands for other phones' addresses.
    // A still clock: the shared snapshot is rebuilt on a change or when it is 2 s old, and nothing here may depend on speed.
    const still = new Date('2026-03-06T02:00:00Z');
    hall = await startTestHall(dir, { edge: { ...LIMITS, trustProxy: 'loopback' }, now: () => new Date(still) });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  const settle = async () => {
    // Closed sockets give their seats back when the server sees the close.
    for (let i = 0; i < 100 && hall.deps.edge.sockets.counts().anonymous > 0; i++) await new Promise((r) => setTimeout(r, 20));
  };

  it('one address gets its limit of anonymous sockets, the next is refused with a reason; others still get in', async () => {
    await settle();
    const opened = await Promise.all(Array.from({ length: 25 }, () => open(hall.url)));
    sockets.push(...opened.map((o) => o.s));
    expect(opened.filter((o) => o.ok)).toHaveLength(20);
    const refused = await handshake(hall.url);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).message).toMatch(/^TOO_MANY_CONNECTIONS: your network address already has 20 open connections/);
    // Another address (another phone network) is not affected.
    const other = await open(hall.url, { headers: { 'x-forwarded-for': '10.1.0.7' } });
    sockets.push(other.s);
    expect(other.ok).toBe(true);
    // Admitted screens work: they got the state.
    expect((await opened.find((o) => o.ok)!.state).windows.length).toBeGreaterThan(0);
    // Closing sockets frees their seats.
    for (const o of opened) o.s.close();
    await settle();
    expect(hall.deps.edge.sockets.counts('127.0.0.1').fromAddress).toBe(0);
    const again = await open(hall.url);
    sockets.push(again.s);
    expect(again.ok).toBe(true);
  });

  it('many addresses together cannot exceed the hall-wide cap', async () => {
    await settle();
    const opened = await Promise.all(Array.from({ length: 40 }, (_, i) => open(hall.url, { headers: { 'x-forwarded-for': `10.2.${i}.1` } })));
    sockets.push(...opened.map((o) => o.s));
    // The public get the seats up to the reserve; the last five are kept for the hall's own equipment.
    expect(opened.filter((o) => o.ok)).toHaveLength(25);
    const refused = await handshake(hall.url, { 'x-forwarded-for': '10.3.0.1' });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).message).toMatch(/^TOO_MANY_CONNECTIONS: the hall server has 25 open public connections/);
  });

  it('two addresses filling the public seats do not lock out the counters and screens (review: they locked out the whole hall)', async () => {
    await settle();
    // A counter PC at 10.6.0.5 signed in before the flood; a screen in the trusted equipment subnet has never been seen.
    const clerk = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    expect((await clerk.req('GET', '/api/v1/services', undefined, { 'x-forwarded-for': '10.6.0.5' })).status).toBe(200);
    const flood = await Promise.all(
      Array.from({ length: 40 }, (_, i) => open(hall.url, { headers: { 'x-forwarded-for': i % 2 ? '10.5.0.1' : '10.5.0.2' } })),
    );
    sockets.push(...flood.map((o) => o.s));
    expect(flood.filter((o) => o.ok)).toHaveLength(25);
    expect((await handshake(hall.url, { 'x-forwarded-for': '10.5.0.3' })).status).toBe(403);
    // The counter's socket still gets in: its address showed a staff token.
    const counter = await open(hall.url, { ns: '/counter', token: clerk.token!, headers: { 'x-forwarded-for': '10.6.0.5' } });
    sockets.push(counter.s);
    expect(counter.ok).toBe(true);
    // So does a screen from ONESTOP_TRUSTED_NETWORKS, with no token at all.
    const screen = await open(hall.url, { headers: { 'x-forwarded-for': '10.8.3.4' } });
    sockets.push(screen.s);
    expect(screen.ok).toBe(true);
    expect((await screen.state).windows.length).toBeGreaterThan(0);
  });

  it('a display token read off a public screen does not make its address the hall’s equipment; a kiosk token does (review)', async () => {
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const clients = (await admin.get('/api/v1/admin/clients')).body.clients as { id: string; kind: string }[];
    const displayToken = (await admin.post(`/api/v1/admin/clients/${clients.find((c) => c.kind === 'display')!.id}/token`)).body.token as string;
    const kioskTok = (await admin.post(`/api/v1/admin/clients/${clients.find((c) => c.kind === 'kiosk')!.id}/token`)).body.token as string;
    const screen = await open(hall.url, { token: displayToken, headers: { 'x-forwarded-for': '10.12.0.1' } });
    const kiosk = await open(hall.url, { ns: '/kiosk', token: kioskTok, headers: { 'x-forwarded-for': '10.12.0.2' } });
    sockets.push(screen.s, kiosk.s);
    expect([screen.ok, kiosk.ok]).toEqual([true, true]);
    expect(hall.deps.edge.sockets.isKnown('10.12.0.1')).toBe(false);
    expect(hall.deps.edge.sockets.isKnown('10.12.0.2')).toBe(true);
    // Over HTTP the same: a display token's calls do not make the address known.
    await new Api(hall.url, displayToken).req('GET', '/api/v1/services', undefined, { 'x-forwarded-for': '10.12.0.3' });
    expect(hall.deps.edge.sockets.isKnown('10.12.0.3')).toBe(false);
  });

  it('a socket with a staff or device token gives its anonymous seat back', async () => {
    await settle();
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const token = (await admin.post('/api/v1/admin/clients/kiosk-1/token')).body.token as string;
    // More than the address's limit, one after another: each is anonymous only until its token is seen.
    const kiosks = [];
    for (let i = 0; i < 30; i++) kiosks.push(await open(hall.url, { ns: '/kiosk', token }));
    sockets.push(...kiosks.map((o) => o.s));
    expect(kiosks.every((o) => o.ok)).toBe(true);
    expect(hall.deps.edge.sockets.counts('127.0.0.1').fromAddress).toBe(0);
    const display = await open(hall.url);
    sockets.push(display.s);
    expect(display.ok).toBe(true);
  });

  it('a token is bounded too: one screen token cannot open sockets without end (the review crashed the heap with a display token)', async () => {
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const screen = ((await admin.get('/api/v1/admin/clients')).body.clients as { id: string; kind: string }[]).find((c) => c.kind === 'display')!;
    const token = (await admin.post(`/api/v1/admin/clients/${screen.id}/token`)).body.token as string;
    const opened = [];
    for (let i = 0; i < LIMITS.socketsPerToken; i++) opened.push(await open(hall.url, { token }));
    sockets.push(...opened.map((o) => o.s));
    expect(opened.every((o) => o.ok)).toBe(true);
    const refused = await new Promise<string>((resolve) => {
      const s = ioClient(`${hall.url}/display`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
      sockets.push(s);
      s.once('connect', () => resolve('admitted'));
      s.once('connect_error', (e: Error & { data?: { code?: string } }) => resolve(e.data?.code ?? e.message));
    });
    expect(refused).toBe('TOO_MANY_CONNECTIONS');
    // A seat of the token comes back when one of its sockets closes.
    opened[0].s.close();
    let again = false;
    for (let i = 0; i < 100 && !again; i++) {
      await new Promise((r) => setTimeout(r, 20));
      again = hall.deps.edge.sockets.tokenHasRoom(`device:${screen.id}`);
    }
    const next = await open(hall.url, { token });
    sockets.push(next.s);
    expect(next.ok).toBe(true);
  });

  it('unauthenticated HTTP: a burst per address, then 429 in the one error shape; token holders are not counted', async () => {
    const anon = new Api(hall.url);
    const statuses: number[] = [];
    let last: any = null;
    for (let i = 0; i < 40; i++) {
      const r = await anon.req('GET', '/api/v1/services', undefined, { 'x-forwarded-for': '10.9.9.9' });
      statuses.push(r.status);
      last = r;
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    expect(last.body).toMatchObject({ ok: false, error: { code: 'TOO_MANY_REQUESTS' } });
    // Writing the path in capitals reaches the same API, and counts against the same used-up budget.
    expect((await anon.req('GET', '/API/v1/services', undefined, { 'x-forwarded-for': '10.9.9.9' })).status).toBe(429);
    // A bogus token does not help…
    expect((await anon.req('GET', '/api/v1/services', undefined, { 'x-forwarded-for': '10.9.9.9', authorization: 'Bearer st_bogus' })).status).toBe(429);
    // …pages and files have their own budget: the used-up API budget does not keep a page from loading,
    // but that budget is limited too.
    const pages: number[] = [];
    for (let i = 0; i < 70; i++) pages.push((await anon.req('GET', i % 2 ? '/kiosk' : '/voice/zh-CN/manifest.json', undefined, { 'x-forwarded-for': '10.9.9.9' })).status);
    expect(pages.slice(0, 60).every((s) => s !== 429)).toBe(true);
    expect(pages.slice(60).every((s) => s === 429)).toBe(true);
    // Nor does a flood of files use up the API budget of another address.
    expect((await anon.req('GET', '/api/v1/services', undefined, { 'x-forwarded-for': '10.9.9.11' })).status).toBe(200);
    // …another address is not affected, and staff are not counted at all.
    expect((await anon.req('GET', '/api/v1/services', undefined, { 'x-forwarded-for': '10.9.9.10' })).status).toBe(200);
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    for (let i = 0; i < 40; i++) expect((await admin.req('GET', '/api/v1/services', undefined, { 'x-forwarded-for': '10.9.9.9' })).status).toBe(200);
  });

  it('`state` requests on one socket are rate-limited, and screens share one snapshot build', async () => {
    await settle();
    const build = vi.spyOn(hall.deps.hall, 'snapshot');
    const opened = await Promise.all(Array.from({ length: 15 }, (_, i) => open(hall.url, { headers: { 'x-forwarded-for': `10.4.${i}.1` } })));
    sockets.push(...opened.map((o) => o.s));
    const states = await Promise.all(opened.map((o) => o.state));
    expect(new Set(states.map((s) => JSON.stringify({ ...s, serverTime: '' }))).size).toBe(1);
    // Fifteen screens connecting cost at most one build each time the hall changes (nothing changed here).
    expect(build.mock.calls.length).toBeLessThanOrEqual(1);
    const s = opened[0].s;
    const acks = await Promise.all(Array.from({ length: 200 }, () => s.timeout(5000).emitWithAck('state', {})));
    const ok = acks.filter((a) => a.ok);
    expect(ok.length).toBe(LIMITS.displayEventsBurst);
    expect(acks.filter((a) => a.ok === false && a.error.code === 'TOO_MANY_REQUESTS')).toHaveLength(200 - LIMITS.displayEventsBurst);
    expect(build.mock.calls.length).toBeLessThanOrEqual(1);
    expect(s.connected).toBe(true);
    build.mockRestore();
  });
});
