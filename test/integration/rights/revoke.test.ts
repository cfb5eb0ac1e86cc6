import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, connect, connected, removeDir, startTestHall, tempDir } from '../../helpers/hall.js';

const endedBy = (s: Socket) => new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));

/** Finding 15: kiosks, displays and booking platforms can be revoked; their sockets end at once. */
describe('revoking device clients', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  const token = async (id: string) => (await admin.post(`/api/v1/admin/clients/${id}/token`)).body.token as string;

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('a revoked kiosk gets 401 and its open sockets end; a new token brings it back', async () => {
    const tok = await token('kiosk-1');
    const kiosk = new Api(hall.url, tok);
    expect((await kiosk.post('/api/v1/tickets', { serviceId: 'tax' }, { 'Idempotency-Key': 'revoke-ticket-1' })).status).toBe(201);
    const s = connect(hall.url, '/kiosk', tok);
    await connected(s);
    const end = endedBy(s);
    const r = await admin.post('/api/v1/admin/clients/kiosk-1/revoke');
    expect(r.status).toBe(200);
    expect(r.body.client).toMatchObject({ id: 'kiosk-1', revoked: true, hasToken: false });
    expect(await end).toBe('io server disconnect');
    const after = await kiosk.post('/api/v1/tickets', { serviceId: 'tax' }, { 'Idempotency-Key': 'revoke-ticket-2' });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const again = connect(hall.url, '/kiosk', tok);
    expect(await new Promise((res) => again.once('connect_error', (e: { data?: { code?: string } }) => res(e.data?.code)))).toBe('UNAUTHENTICATED');
    again.close();
    const audit = (await admin.get('/api/v1/admin/audit?type=config.client.revoked')).body.events;
    expect(audit[0]).toMatchObject({ type: 'config.client.revoked', data: { id: 'kiosk-1', kind: 'kiosk' } });
    // Reissuing is the way back.
    const fresh = await token('kiosk-1');
    expect((await new Api(hall.url, fresh).post('/api/v1/tickets', { serviceId: 'tax' }, { 'Idempotency-Key': 'revoke-ticket-3' })).status).toBe(201);
    expect(hall.deps.ctx.store.auth.client('kiosk-1')).toMatchObject({ revoked: false, hasToken: true });
  });

  it('a revoked display and a revoked booking platform get 401; a display socket that came with the token ends', async () => {
    const disp = await token('display-w1');
    const s = connect(hall.url, '/display', disp);
    await connected(s);
    const end = endedBy(s);
    expect((await admin.post('/api/v1/admin/clients/display-w1/revoke')).status).toBe(200);
    expect(await end).toBe('io server disconnect');
    expect((await new Api(hall.url, disp).post('/api/v1/ratings', { windowId: 'w1', grade: 5 })).status).toBe(401);

    const platform = (await admin.post('/api/v1/admin/clients', { kind: 'platform', name: '预约平台' })).body.client;
    const pl = new Api(hall.url, await token(platform.id));
    expect((await pl.get('/api/v1/appointments/slots?serviceId=property&date=2026-12-01')).status).toBe(200);
    expect((await admin.post(`/api/v1/admin/clients/${platform.id}/revoke`)).status).toBe(200);
    expect((await pl.get('/api/v1/appointments/slots?serviceId=property&date=2026-12-01')).status).toBe(401);
  });

  it('the demo kiosk on loopback is revoked too', async () => {
    const d = tempDir();
    const demo = await startTestHall(d, { demoLoopback: true });
    try {
      const a = await Api.login(demo.url, 'admin', ADMIN_PASSWORD);
      const s = connect(demo.url, '/kiosk');
      await connected(s);
      const end = endedBy(s);
      expect((await a.post('/api/v1/admin/clients/kiosk-1/revoke')).status).toBe(200);
      expect(await end).toBe('io server disconnect');
      expect((await new Api(demo.url).post('/api/v1/tickets', { serviceId: 'tax' }, { 'Idempotency-Key': 'revoke-demo-1' })).status).toBe(401);
    } finally {
      await demo.close();
      removeDir(d);
    }
  });

  it('an unknown client is a clear 404 (who may revoke: test/integration/permissions.test.ts)', async () => {
    const r = await admin.post('/api/v1/admin/clients/nothing-here/revoke');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'CLIENT_NOT_FOUND' } });
  });
});
