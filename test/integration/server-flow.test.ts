import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, connect, connected, emitAck, kioskToken, once, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

describe('hall server: issue → call → display', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let kiosk: Api;

  beforeEach(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    kiosk = new Api(hall.url, await kioskToken(hall.url, admin));
  });

  afterEach(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('a display receives `called` with window and number when a clerk calls the ticket', async () => {
    const display = connect(hall.url, '/display');
    const state = await once(display, 'state');
    expect(state.windows).toHaveLength(10);

    const issued = await kiosk.post('/api/v1/tickets', { serviceId: 'property' });
    expect(issued.status).toBe(201);
    expect(issued.body.ticket.number).toBe('A001');
    expect(issued.body.ticket.status).toBe('waiting');

    const clerk = await clerkAt(hall.url, 2);
    const calledP = once(display, 'called');
    const call = await clerk.post('/api/v1/windows/w2/call-next');
    expect(call.status).toBe(200);
    expect(call.body.ticket.number).toBe('A001');
    const called = await calledP;
    expect(called).toMatchObject({ ticketNumber: 'A001', windowNumber: 2, windowName: '2号窗口', recall: false });
    expect(called.serviceName).toBe('不动产登记');

    const recallP = once(display, 'called');
    await clerk.post('/api/v1/windows/w2/recall');
    expect((await recallP).recall).toBe(true);
    display.close();
  });

  it('numbers continue per prefix and people ahead count up', async () => {
    const a = await kiosk.post('/api/v1/tickets', { serviceId: 'social' });
    const b = await kiosk.post('/api/v1/tickets', { serviceId: 'social' });
    const c = await kiosk.post('/api/v1/tickets', { serviceId: 'fund' });
    expect([a.body.ticket.number, b.body.ticket.number, c.body.ticket.number]).toEqual(['B001', 'B002', 'C001']);
    expect(b.body.ticket.waitingAhead).toBe(1);
    expect(b.body.ticket.estimatedWaitSeconds).toBeGreaterThan(0);
    const services = await kiosk.get('/api/v1/services');
    expect(services.body.find((s: any) => s.id === 'social').waiting).toBe(2);
  });

  it('the whole life of a ticket is in its history, and transfer keeps the number', async () => {
    const t = (await kiosk.post('/api/v1/tickets', { serviceId: 'consult' })).body.ticket;
    const w9 = await clerkAt(hall.url, 9);
    await w9.post('/api/v1/windows/w9/call-next');
    await w9.post('/api/v1/windows/w9/start');
    const tr = await w9.post('/api/v1/windows/w9/transfer', { toServiceId: 'tax' });
    expect(tr.status).toBe(200);
    expect(tr.body.ticket).toMatchObject({ number: t.number, serviceId: 'tax', status: 'waiting' });

    const w6 = await clerkAt(hall.url, 6);
    const next = await w6.post('/api/v1/windows/w6/call-next');
    expect(next.body.ticket.number).toBe(t.number);
    expect((await w6.post('/api/v1/windows/w6/finish')).body.ticket.status).toBe('done');

    const hist = await w6.get(`/api/v1/tickets/${t.id}`);
    expect(hist.body.history.map((e: any) => e.type)).toEqual(['ticket.issued', 'ticket.printed', 'ticket.called', 'ticket.started', 'ticket.transferred']);
    // The phone page follows the token to the newest ticket.
    const track = await new Api(hall.url).get(`/api/v1/track/${t.trackToken}`);
    expect(track.body.view).toMatchObject({ number: t.number, status: 'done' });
    expect(JSON.stringify(track.body)).not.toContain('identity');
  });

  it('recalls beyond the limit mark a no-show', async () => {
    await kiosk.post('/api/v1/tickets', { serviceId: 'travel' });
    const w8 = await clerkAt(hall.url, 8);
    await w8.post('/api/v1/windows/w8/call-next');
    expect((await w8.post('/api/v1/windows/w8/recall')).body.ticket.recallCount).toBe(1);
    expect((await w8.post('/api/v1/windows/w8/recall')).body.ticket.recallCount).toBe(2);
    const third = await w8.post('/api/v1/windows/w8/recall');
    expect(third.body.autoNoShow).toBe(true);
    expect(third.body.ticket.status).toBe('no_show');
    expect(third.body.window.current).toBeNull();
  });

  it('a paused window cannot call, and says why', async () => {
    const w4 = await clerkAt(hall.url, 4);
    expect((await w4.post('/api/v1/windows/w4/pause', { reason: '午休' })).status).toBe(200);
    const r = await w4.post('/api/v1/windows/w4/call-next');
    expect(r.status).toBe(409);
    expect(r.body).toEqual({ ok: false, error: { code: 'WINDOW_PAUSED', message: expect.stringContaining('午休') } });
    await w4.post('/api/v1/windows/w4/resume');
    expect((await w4.post('/api/v1/windows/w4/call-next')).body).toMatchObject({ ok: true, ticket: null });
  });

  it('counters work over the /counter socket too, with the same ack shape', async () => {
    await kiosk.post('/api/v1/tickets', { serviceId: 'household' });
    const clerk = await clerkAt(hall.url, 7);
    const s = connect(hall.url, '/counter', clerk.token!);
    await connected(s);
    const ack = await emitAck(s, 'call-next', {});
    expect(ack).toMatchObject({ ok: true, ticket: { number: 'F001', status: 'called' } });
    const bad = await emitAck(s, 'pause', { reason: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } });
    const other = await emitAck(s, 'call-next', { windowId: 'w1' });
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    s.close();
  });

  it('quota and priority rules are enforced with clear errors', async () => {
    const r = await kiosk.post('/api/v1/tickets', { serviceId: 'property', priority: 'green' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('PRIORITY_NOT_ALLOWED');
    await admin.req('PUT', '/api/v1/admin/services/travel', {
      departmentId: 'police', name: { 'zh-CN': '出入境' }, prefix: 'G', dailyQuota: 1,
    });
    expect((await kiosk.post('/api/v1/tickets', { serviceId: 'travel' })).status).toBe(201);
    const full = await kiosk.post('/api/v1/tickets', { serviceId: 'travel' });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('QUOTA_REACHED');
    const green = await admin.post('/api/v1/tickets', { serviceId: 'property', priority: 'green' });
    expect(green.status).toBe(201);
    expect(green.body.ticket.priority).toBe('green');
  });

  it('ID numbers are kept only masked and as an HMAC', async () => {
    const r = await kiosk.post('/api/v1/tickets', { serviceId: 'social', idCard: { name: '张三丰', idNumber: '11010519491231002X' } });
    expect(r.status).toBe(201);
    expect(r.body.ticket.identity).toEqual({ maskedName: '张*丰', maskedIdNumber: '*****************X' });
    const db = hall.deps.ctx.store.db;
    const dump = JSON.stringify([db.prepare('SELECT * FROM tickets').all(), db.prepare('SELECT * FROM events').all()]);
    expect(dump).not.toContain('11010519491231002X');
    expect(dump).not.toContain('张三丰');
    const bad = await kiosk.post('/api/v1/tickets', { serviceId: 'social', idCard: { name: '张三', idNumber: '110105194912310021' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_ID_NUMBER');
  });
});
