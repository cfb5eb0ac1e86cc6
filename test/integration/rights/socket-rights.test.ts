import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, DEMO_STAFF_PASSWORD, clerkAt, connect, connected, emitAck, removeDir, startTestHall, tempDir } from '../../helpers/hall.js';

/** Why a socket ended, and what it was told first. */
function ended(s: Socket, timeoutMs = 12_000): Promise<{ reason: string; told: unknown }> {
  let told: unknown = null;
  s.on('session-ended', (m: unknown) => (told = m));
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('the socket was not ended')), timeoutMs);
    s.once('disconnect', (reason) => {
      clearTimeout(t);
      resolve({ reason, told });
    });
  });
}

const refused = (base: string, ns: string, token?: string) =>
  new Promise<string>((resolve) => {
    const s = connect(base, ns, token);
    s.once('connect', () => (s.close(), resolve('admitted')));
    s.once('connect_error', (e: Error & { data?: { code?: string } }) => (s.close(), resolve(e.data?.code ?? e.message)));
  });

/** Finding 5 and 15: sockets lose what their token lost, within seconds; /counter watch checks the window. */
describe('socket rights follow the token', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let clock = new Date('2026-11-30T01:00:00Z');
  const userId = (u: string) => hall.deps.ctx.store.auth.userByUsername(u)!.id;

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir, { now: () => clock });
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('logout ends the session’s counter and admin sockets, not other sessions’', async () => {
    const clerk = await clerkAt(hall.url, 1);
    const sup = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    const other = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    const counter = connect(hall.url, '/counter', clerk.token!);
    const monitor = connect(hall.url, '/admin', sup.token!);
    const otherMonitor = connect(hall.url, '/admin', other.token!);
    await Promise.all([connected(counter), connected(monitor), connected(otherMonitor)]);
    const counterEnd = ended(counter);
    const monitorEnd = ended(monitor);
    expect((await clerk.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await sup.post('/api/v1/auth/logout')).status).toBe(200);
    expect(await counterEnd).toEqual({ reason: 'io server disconnect', told: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    expect((await monitorEnd).reason).toBe('io server disconnect');
    // The other supervisor session still works on its socket.
    expect(otherMonitor.connected).toBe(true);
    expect(await refused(hall.url, '/counter', clerk.token!)).toBe('UNAUTHENTICATED');
    otherMonitor.close();
  });

  it('session expiry ends the socket within seconds', async () => {
    const clerk = await clerkAt(hall.url, 2);
    const counter = connect(hall.url, '/counter', clerk.token!);
    await connected(counter);
    const end = ended(counter);
    clock = new Date(clock.getTime() + 12 * 3_600_000 + 1000);
    expect((await end).reason).toBe('io server disconnect');
    // Hall time never runs backwards (server/ops/clock.ts), so the admin's session from before the
    // jump has expired too: sign in again at the new time rather than stepping the clock back.
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
  });

  it('a password change and a role change end that user’s sockets', async () => {
    const clerk = await clerkAt(hall.url, 3);
    const counter = connect(hall.url, '/counter', clerk.token!);
    await connected(counter);
    const end = ended(counter);
    expect((await admin.req('PATCH', `/api/v1/admin/users/${userId('clerk3')}`, { password: 'a-new-password-3' })).status).toBe(200);
    expect((await end).reason).toBe('io server disconnect');

    const sup = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    const monitor = connect(hall.url, '/admin', sup.token!);
    await connected(monitor);
    const monitorEnd = ended(monitor);
    expect((await admin.req('PATCH', `/api/v1/admin/users/${userId('supervisor')}`, { role: 'clerk' })).status).toBe(200);
    expect((await monitorEnd).reason).toBe('io server disconnect');
    expect((await admin.req('PATCH', `/api/v1/admin/users/${userId('supervisor')}`, { role: 'supervisor' })).status).toBe(200);
  });

  it('a reissued device token ends the kiosk sockets of the old one', async () => {
    const old = (await admin.post('/api/v1/admin/clients/kiosk-1/token')).body.token as string;
    const kiosk = connect(hall.url, '/kiosk', old);
    await connected(kiosk);
    const end = ended(kiosk);
    const fresh = (await admin.post('/api/v1/admin/clients/kiosk-1/token')).body.token as string;
    expect((await end).reason).toBe('io server disconnect');
    expect(await refused(hall.url, '/kiosk', old)).toBe('UNAUTHENTICATED');
    expect(await refused(hall.url, '/kiosk', fresh)).toBe('admitted');
  });

  it('/counter watch: a clerk sees only the window they are signed in to; a supervisor any', async () => {
    const clerk = await clerkAt(hall.url, 4);
    const s = connect(hall.url, '/counter', clerk.token!);
    await connected(s);
    expect(await emitAck(s, 'watch', { windowId: 'w7' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await emitAck(s, 'watch', { windowId: 'w4' })).toMatchObject({ ok: true, window: { id: 'w4' } });
    s.close();
    const sup = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    const m = connect(hall.url, '/counter', sup.token!);
    await connected(m);
    expect(await emitAck(m, 'watch', { windowId: 'w7' })).toMatchObject({ ok: true, window: { id: 'w7' } });
    m.close();
  });

  it('a clerk whose window is taken over stops watching it', async () => {
    const clerk = await clerkAt(hall.url, 5);
    const s = connect(hall.url, '/counter', clerk.token!);
    await connected(s);
    const room = () => hall.io.of('/counter').adapter.rooms.get('window:w5') ?? new Set<string>();
    await expect.poll(() => room().size).toBe(1);
    const sup = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    expect((await sup.post('/api/v1/windows/w5/open', { force: true })).status).toBe(200);
    await expect.poll(() => room().size, { timeout: 10_000 }).toBe(0);
    expect(s.connected).toBe(true); // still logged in, just without the window
    expect(await emitAck(s, 'watch', { windowId: 'w5' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    s.close();
  });
});
