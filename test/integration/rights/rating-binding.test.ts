import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, removeDir, startTestHall, tempDir } from '../../helpers/hall.js';

/** Finding 13: only the screen bound to a window (or its evaluator) rates that window. */
describe('who may rate a window', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  const tokenOf = async (id: string) => (await admin.post(`/api/v1/admin/clients/${id}/token`)).body.token as string;

  beforeAll(async () => {
    dir = tempDir();
    // The demo exemption is on: the loopback "kiosk" must not rate either.
    hall = await startTestHall(dir, { demoLoopback: true });
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('the hall screen, another window’s screen, a kiosk and the loopback demo kiosk are refused; window 1’s screen rates', async () => {
    const clerk = await clerkAt(hall.url, 1);
    expect((await clerk.post('/api/v1/tickets', { serviceId: 'property' })).status).toBe(201);
    expect((await clerk.post('/api/v1/windows/w1/call-next')).body.ticket).toBeTruthy();
    expect((await clerk.post('/api/v1/windows/w1/finish')).status).toBe(200);
    expect((await clerk.post('/api/v1/windows/w1/rate-request')).status).toBe(200);

    const w2 = (await admin.post('/api/v1/admin/clients', { kind: 'display', name: '2号窗口屏', config: { mode: 'window', window: 2 } })).body.client;
    const rating = { windowId: 'w1', grade: 1, reasons: ['attitude'] };
    const hallScreen = await new Api(hall.url, await tokenOf('display-hall')).post('/api/v1/ratings', rating);
    expect(hallScreen.status).toBe(403);
    expect(hallScreen.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'windowId' } });
    const otherScreen = await new Api(hall.url, await tokenOf(w2.id)).post('/api/v1/ratings', rating);
    expect(otherScreen.status).toBe(403);
    expect(otherScreen.body.error.message).toMatch(/window 2.*window 1/);
    expect((await new Api(hall.url, await tokenOf('kiosk-1')).post('/api/v1/ratings', rating)).status).toBe(403);
    expect((await new Api(hall.url).post('/api/v1/ratings', rating)).status).toBe(403); // loopback demo kiosk
    expect(hall.deps.ctx.store.ratings.between('2000-01-01', '2100-01-01')).toEqual([]);

    // The request is still open for the window's own screen.
    const own = await new Api(hall.url, await tokenOf('display-w1')).post('/api/v1/ratings', { windowId: 'w1', grade: 5 });
    expect(own.status).toBe(201);
    expect(own.body.rating).toMatchObject({ grade: 5 });
  });
});
