import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, DEMO_STAFF_PASSWORD, clerkAt, connect, connected, emitAck, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { TestClock, bareKiosk, patchSettings } from '../helpers/features.js';

describe('no-show restore', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let clock: TestClock;
  let kiosk: Api;

  beforeEach(async () => {
    dir = tempDir();
    clock = new TestClock();
    hall = await startTestHall(dir, { now: clock.now });
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    kiosk = (await bareKiosk(admin)).api;
  });

  afterEach(async () => {
    await hall.close();
    removeDir(dir);
  });

  /** Six property tickets one minute apart; A001 called and marked no-show at w1. */
  async function withNoShow(clerk: Api): Promise<any> {
    for (let i = 0; i < 6; i++) {
      await kiosk.post('/api/v1/tickets', { serviceId: 'property' });
      clock.advance(1);
    }
    const called = await clerk.post('/api/v1/windows/w1/call-next');
    expect(called.body.ticket.number).toBe('A001');
    const ns = await clerk.post('/api/v1/windows/w1/no-show');
    expect(ns.body.ticket.status).toBe('no_show');
    return ns.body.ticket;
  }

  const waitingNumbers = async (api: Api) => (await api.get('/api/v1/windows/w1/waiting')).body.tickets.map((t: any) => t.number);

  it('staff reinstate a no-show: it keeps its number and queues after restoreAfter (3) waiting tickets', async () => {
    const clerk = await clerkAt(hall.url, 1);
    const t = await withNoShow(clerk);
    clock.advance(5);
    const r = await clerk.post(`/api/v1/tickets/${t.id}/restore`);
    expect(r.status).toBe(200);
    expect(r.body.ticket).toMatchObject({ id: t.id, number: 'A001', status: 'waiting', waitingAhead: 3 });
    expect(await waitingNumbers(clerk)).toEqual(['A002', 'A003', 'A004', 'A001', 'A005', 'A006']);

    // It is called in that place, and its history says who restored it.
    for (const n of ['A002', 'A003', 'A004', 'A001']) expect((await clerk.post('/api/v1/windows/w1/call-next')).body.ticket.number).toBe(n);
    const history = (await clerk.get(`/api/v1/tickets/${t.id}`)).body.history;
    const restored = history.find((e: any) => e.type === 'ticket.restored');
    const me = (await clerk.get('/api/v1/auth/me')).body.user;
    expect(restored.actorId).toBe(me.id);

    // The log alone gives the same state.
    const before = hall.deps.ctx.store.tickets.get(t.id);
    hall.deps.ctx.store.rebuildFromLog();
    expect(hall.deps.ctx.store.tickets.get(t.id)).toEqual(before);
  });

  it('the window lists its restorable no-shows with the time each stops being restorable', async () => {
    const clerk = await clerkAt(hall.url, 1);
    await withNoShow(clerk);
    const list = (await clerk.get('/api/v1/windows/w1/no-shows')).body.tickets;
    expect(list.map((x: any) => x.number)).toEqual(['A001']);
    expect(Date.parse(list[0].restorableUntil) - clock.now().getTime()).toBe(30 * 60_000);
    clock.advance(31);
    expect((await clerk.get('/api/v1/windows/w1/no-shows')).body.tickets).toEqual([]);
    expect((await clerk.get('/api/v1/windows/w2/no-shows')).body.tickets).toEqual([]);
  });

  it('restoreAfter and restoreWithinMinutes are settings; too late is refused clearly', async () => {
    await patchSettings(admin, { restoreAfter: 1, restoreWithinMinutes: 10 });
    const clerk = await clerkAt(hall.url, 1);
    const t = await withNoShow(clerk);
    clock.advance(11);
    const late = await clerk.post(`/api/v1/tickets/${t.id}/restore`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('RESTORE_TOO_LATE');
    expect(late.body.error.message).toMatch(/10 minutes/);

    await patchSettings(admin, { restoreWithinMinutes: 30 });
    const ok = await clerk.post(`/api/v1/tickets/${t.id}/restore`);
    expect(ok.status).toBe(200);
    expect(await waitingNumbers(clerk)).toEqual(['A002', 'A001', 'A003', 'A004', 'A005', 'A006']);

    await patchSettings(admin, { restoreWithinMinutes: 0 });
    await clerk.post('/api/v1/windows/w1/call-next');
    const t2 = (await clerk.post('/api/v1/windows/w1/no-show')).body.ticket;
    expect((await clerk.post(`/api/v1/tickets/${t2.id}/restore`)).body.error.code).toBe('RESTORE_DISABLED');
  });

  it('only no-show tickets; unknown tickets are 404; a supervisor may restore too', async () => {
    const clerk = await clerkAt(hall.url, 1);
    const t = await withNoShow(clerk);
    const waiting = (await clerk.get('/api/v1/windows/w1/waiting')).body.tickets[0];
    expect((await clerk.post(`/api/v1/tickets/${waiting.id}/restore`)).body.error.code).toBe('TICKET_NOT_NO_SHOW');
    expect((await clerk.post('/api/v1/tickets/nope/restore')).status).toBe(404);
    const sup = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    expect((await sup.post(`/api/v1/tickets/${t.id}/restore`)).status).toBe(200);
    expect((await sup.post(`/api/v1/tickets/${t.id}/restore`)).body.error.code).toBe('TICKET_NOT_NO_SHOW');
  });

  it('an automatic no-show (recalls used up) can be restored over the /counter socket', async () => {
    await patchSettings(admin, { maxRecalls: 0 });
    const clerk = await clerkAt(hall.url, 1);
    for (let i = 0; i < 4; i++) await kiosk.post('/api/v1/tickets', { serviceId: 'property' });
    const s = connect(hall.url, '/counter', clerk.token!);
    await connected(s);
    const first = await emitAck(s, 'call-next', {});
    const auto = await emitAck(s, 'recall', {});
    expect(auto).toMatchObject({ ok: true, autoNoShow: true, ticket: { status: 'no_show' } });

    const r = await emitAck(s, 'restore', { ticketId: first.ticket.id });
    expect(r).toMatchObject({ ok: true, ticket: { id: first.ticket.id, status: 'waiting', waitingAhead: 3 } });
    expect(await emitAck(s, 'restore', { ticketId: first.ticket.id })).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_NO_SHOW' } });
    expect(await emitAck(s, 'restore', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await waitingNumbers(clerk)).toEqual(['A002', 'A003', 'A004', 'A001']);
    s.close();
  });
});
