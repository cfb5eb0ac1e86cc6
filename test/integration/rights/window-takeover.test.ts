import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, DEMO_STAFF_PASSWORD, clerkAt, removeDir, startTestHall, tempDir } from '../../helpers/hall.js';

/** Finding 6: nobody takes a window someone else is signed in to; a second window releases the first. */
describe('window sign-in', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;

  const runtime = (id: string) => hall.deps.ctx.store.config.runtime(id)!;
  const login = (u: string) => Api.login(hall.url, u, u === 'admin' ? ADMIN_PASSWORD : DEMO_STAFF_PASSWORD);
  const userId = (u: string) => hall.deps.ctx.store.auth.userByUsername(u)!.id;

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    admin = await login('admin');
  });
  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('a clerk cannot open a window another clerk holds, nor force it', async () => {
    const clerk2 = await clerkAt(hall.url, 2);
    const clerk1 = await clerkAt(hall.url, 1);
    const taken = await clerk1.post('/api/v1/windows/w2/open');
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ ok: false, error: { code: 'WINDOW_TAKEN', message: expect.stringContaining('supervisor') } });
    const forced = await clerk1.post('/api/v1/windows/w2/open', { force: true });
    expect(forced.status).toBe(403);
    expect(forced.body.error.code).toBe('FORBIDDEN');
    // Nothing moved: clerk2 still holds w2 and can work it; clerk1 still holds w1.
    expect(runtime('w2')).toMatchObject({ status: 'open', staffId: userId('clerk2') });
    expect(runtime('w1')).toMatchObject({ status: 'open', staffId: userId('clerk1') });
    expect((await clerk2.post('/api/v1/windows/w2/call-next')).status).toBe(200);
    expect((await clerk1.get('/api/v1/auth/me')).body.windowId).toBe('w1');
  });

  it('a supervisor may force it; the takeover is recorded and the clerk is signed out of it', async () => {
    const clerk5 = await clerkAt(hall.url, 5);
    const sup = await login('supervisor');
    expect((await sup.post('/api/v1/windows/w5/open')).body.error.code).toBe('WINDOW_TAKEN');
    const forced = await sup.post('/api/v1/windows/w5/open', { force: true });
    expect(forced.status).toBe(200);
    expect(runtime('w5')).toMatchObject({ status: 'open', staffId: userId('supervisor') });
    expect((await clerk5.get('/api/v1/auth/me')).body.windowId).toBeNull();
    expect((await clerk5.post('/api/v1/windows/w5/call-next')).status).toBe(403);
    const audit = (await admin.get('/api/v1/admin/audit?type=window.taken_over')).body.events;
    expect(audit[0]).toMatchObject({ type: 'window.taken_over', actorId: userId('supervisor'), windowId: 'w5', data: { fromStaffIds: [userId('clerk5')] } });
  });

  it('opening a second window closes the first (audited), and is refused while a ticket is in hand there', async () => {
    const clerk3 = await clerkAt(hall.url, 3);
    const kiosk = new Api(hall.url, (await admin.post('/api/v1/admin/clients/kiosk-1/token')).body.token);
    expect((await kiosk.post('/api/v1/tickets', { serviceId: 'social' }, { 'Idempotency-Key': 'takeover-ticket-1' })).status).toBe(201);
    expect((await clerk3.post('/api/v1/windows/w3/call-next')).body.ticket).toBeTruthy();
    const refused = await clerk3.post('/api/v1/windows/w8/open');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'TICKET_IN_HAND', message: expect.stringContaining('window 3') });
    expect(runtime('w8').status).toBe('closed');
    expect(runtime('w3')).toMatchObject({ status: 'open', staffId: userId('clerk3') });

    expect((await clerk3.post('/api/v1/windows/w3/finish')).status).toBe(200);
    const moved = await clerk3.post('/api/v1/windows/w8/open');
    expect(moved.status).toBe(200);
    expect(runtime('w3')).toMatchObject({ status: 'closed', staffId: null });
    expect(runtime('w8')).toMatchObject({ status: 'open', staffId: userId('clerk3') });
    expect((await clerk3.get('/api/v1/auth/me')).body.windowId).toBe('w8');
    const closed = (await admin.get('/api/v1/admin/audit?type=window.closed')).body.events;
    expect(closed[0]).toMatchObject({ windowId: 'w3', actorId: userId('clerk3') });
    // w3 is free again: another clerk signs in without force.
    const clerk9 = await login('clerk9');
    expect((await clerk9.post('/api/v1/windows/w3/open')).status).toBe(200);
  });

  it('a supervisor or admin keeps operating the windows they opened before (they may operate any window)', async () => {
    const a = await login('admin');
    expect((await a.post('/api/v1/windows/w3/open')).status).toBe(409); // clerk9 holds w3 since the test above
    expect((await a.post('/api/v1/windows/w10/open')).status).toBe(200);
    expect((await a.post('/api/v1/windows/w4/open')).status).toBe(200);
    expect(runtime('w10')).toMatchObject({ status: 'open', staffId: userId('admin') });
    expect((await a.post('/api/v1/windows/w10/call-next')).status).toBe(200);
  });

  it('a window whose clerk logged out, or that was closed, is free again', async () => {
    const clerk6 = await clerkAt(hall.url, 6);
    expect((await clerk6.post('/api/v1/auth/logout')).status).toBe(200);
    const clerk7 = await login('clerk7');
    expect((await clerk7.post('/api/v1/windows/w6/open')).status).toBe(200);
    expect(runtime('w6')).toMatchObject({ status: 'open', staffId: userId('clerk7') });
  });
});
