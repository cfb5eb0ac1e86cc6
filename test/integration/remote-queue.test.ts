import { describe, expect, it } from 'vitest';
import { EachHall } from '../helpers/each-hall.js';
import { Api, clerkAt } from '../helpers/hall.js';
import { bareKiosk, idNumber, patchSettings, readCard } from '../helpers/features.js';

const REMOTE = { enabled: true, arrivalRule: 'keep', expireMinutes: 60, perDevicePerDay: 2, perPersonPerDay: 1, quotas: { social: 3 }, doorCode: 'new' };
const person = (seq: string) => ({ name: '李四', idNumber: idNumber('1985-05-05', seq) });
const DEVICE_A = 'phone-a-0123456789abcdef';
const DEVICE_B = 'phone-b-0123456789abcdef';

describe('remote queueing (线上取号) over HTTP', () => {
  const h = new EachHall();

  const take = (seq: string, device = DEVICE_A, serviceId = 'social') => h.phone.post('/api/v1/remote/tickets', { serviceId, ...person(seq), deviceId: device });

  it('is off until the hall turns it on, and only for services with a remote quota', async () => {
    expect((await h.phone.get('/api/v1/remote')).body).toMatchObject({ ok: true, enabled: false, services: [] });
    const off = await take('001');
    expect(off.status).toBe(409);
    expect(off.body.error.code).toBe('REMOTE_QUEUE_OFF');
    await patchSettings(h.admin, { remoteQueue: REMOTE });
    const offer = (await h.phone.get('/api/v1/remote')).body;
    expect(offer.services.map((s: any) => s.id)).toEqual(['social']);
    expect(offer.services[0]).toMatchObject({ quotaLeft: 3, promisedMinutes: expect.any(Number), fees: { 'zh-CN': expect.any(String) } });
    const other = await take('001', DEVICE_A, 'tax');
    expect(other.body.error.code).toBe('REMOTE_NOT_OFFERED');
    // A bad setting is refused with a clear error and changes nothing.
    const secret = (await h.admin.get('/api/v1/admin/settings')).body.settings.remoteQueue.doorCode;
    expect(secret).toMatch(/^[\w-]{32}$/); // made by the hall (review 13)
    const bad = await h.admin.req('PATCH', '/api/v1/admin/settings', { remoteQueue: { ...REMOTE, doorCode: 'x' } });
    expect(bad.status).toBe(400);
    expect((await h.admin.get('/api/v1/admin/settings')).body.settings.remoteQueue.doorCode).toBe(secret);
  });

  it('is no oracle for who holds a ticket: off answers alike for anyone, and a person limit names no service or count (review)', async () => {
    await patchSettings(h.admin, { personMaxWaiting: 1 });
    // 李四 (seq 001) holds a ticket for tax, taken at the counter with the card typed in.
    expect((await h.admin.post('/api/v1/tickets', { serviceId: 'tax', idCard: person('001') })).status).toBe(201);
    const holder = await take('001');
    const stranger = await take('002');
    expect([holder.status, holder.body.error.code]).toEqual([409, 'REMOTE_QUEUE_OFF']);
    expect([stranger.status, stranger.body.error.code]).toEqual([409, 'REMOTE_QUEUE_OFF']);
    await patchSettings(h.admin, { remoteQueue: REMOTE });
    const limited = await take('001');
    expect(limited.body.error.code).toBe('REMOTE_PERSON_LIMIT');
    expect(limited.body.error.message).not.toMatch(/tax|税|\d/);
    expect((await take('002')).status).toBe(201);
  });

  it('arrival codes share the wrong-code limit: after 10 wrong codes even a right one is refused (review)', async () => {
    await patchSettings(h.admin, { remoteQueue: REMOTE });
    const r = await take('001');
    const code = r.body.view.remote.arrivalCode as string;
    const kiosk = await bareKiosk(h.admin);
    const wrong = code === 'ZZZZZZZ' ? 'YYYYYYY' : 'ZZZZZZZ';
    for (let i = 0; i < 10; i++) expect((await kiosk.api.post('/api/v1/appointments/check-in', { code: wrong })).status).toBe(404);
    const refused = await kiosk.api.post('/api/v1/appointments/check-in', { code });
    expect(refused.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(h.hall.deps.ctx.store.tickets.get(r.body.ticket.id)?.status).toBe('remote');
  });

  it('a remote ticket waits unarrived, is skipped by call-next, and keeps its place when it checks in at the kiosk', async () => {
    await patchSettings(h.admin, { remoteQueue: REMOTE });
    const r = await take('001');
    expect(r.status).toBe(201);
    const remote = r.body.ticket;
    expect(remote.status).toBe('remote');
    expect(r.body.view).toMatchObject({ status: 'remote', waitingAhead: 0, remote: { arrivalRule: 'keep', arrivalCode: expect.stringMatching(/^[2-9A-HJKMNP-Z]{7}$/) } });
    expect(r.body.view.fees['zh-CN']).toBeTruthy();
    // Expiry in the hall's zone (09:00 + 60 minutes), and the door QR is offered because the hall set one.
    expect(r.body.view.remote).toMatchObject({ expiresAt: expect.stringMatching(/^2026-03-06T10:00:00(\.000)?\+08:00$/), doorCheckIn: true });
    const code = r.body.view.remote.arrivalCode;

    h.clock.advance(5);
    const staff = await Api.login(h.hall.url, 'supervisor', 'demo1234');
    const walkIn1 = (await staff.post('/api/v1/tickets', { serviceId: 'social' })).body.ticket;
    h.clock.advance(1);
    const walkIn2 = (await staff.post('/api/v1/tickets', { serviceId: 'social' })).body.ticket;

    // Not arrived: the window calls the walk-in, never the remote ticket.
    const clerk = await clerkAt(h.hall.url, 3);
    expect((await clerk.post('/api/v1/windows/w3/call-next')).body.ticket.id).toBe(walkIn1.id);
    await clerk.post('/api/v1/windows/w3/finish');
    // The phone page shows where it would queue now: before walkIn2 (its place is kept).
    expect((await h.phone.get(`/api/v1/track/${remote.trackToken}`)).body.view).toMatchObject({ status: 'remote', waitingAhead: 0 });

    // Check-in at a kiosk with the arrival code: it queues at its kept place, ahead of walkIn2.
    const kiosk = await bareKiosk(h.admin);
    const arrived = await kiosk.api.post('/api/v1/appointments/check-in', { code: code.toLowerCase() });
    expect(arrived.status).toBe(201);
    expect(arrived.body).toMatchObject({ arrived: true, printed: false, ticket: { id: remote.id, status: 'waiting', waitingAhead: 0 } });
    // Checking in twice gives the same ticket.
    expect((await kiosk.api.post('/api/v1/appointments/check-in', { code })).body.ticket.id).toBe(remote.id);
    expect((await clerk.post('/api/v1/windows/w3/call-next')).body.ticket.id).toBe(remote.id);
    expect((await h.phone.get(`/api/v1/track/${remote.trackToken}`)).body.view.status).toBe('called');
    await clerk.post('/api/v1/windows/w3/finish');
    expect((await clerk.post('/api/v1/windows/w3/call-next')).body.ticket.id).toBe(walkIn2.id);
  });

  it('"join at arrival" queues it behind everyone already waiting; the ID card at the kiosk checks it in', async () => {
    await patchSettings(h.admin, { remoteQueue: { ...REMOTE, arrivalRule: 'join' } });
    const remote = (await take('002')).body.ticket;
    h.clock.advance(3);
    const staff = await Api.login(h.hall.url, 'supervisor', 'demo1234');
    const walkIn = (await staff.post('/api/v1/tickets', { serviceId: 'social' })).body.ticket;
    expect((await h.phone.get(`/api/v1/track/${remote.trackToken}`)).body.view.waitingAhead).toBe(1);
    h.clock.advance(3);
    const kiosk = await bareKiosk(h.admin);
    const cardToken = readCard(h.hall, kiosk.id, person('002'));
    const arrived = await kiosk.api.post('/api/v1/appointments/check-in', { cardToken });
    expect(arrived.body).toMatchObject({ arrived: true, ticket: { id: remote.id, status: 'waiting', waitingAhead: 1 } });
    const clerk = await clerkAt(h.hall.url, 3);
    expect((await clerk.post('/api/v1/windows/w3/call-next')).body.ticket.id).toBe(walkIn.id);
  });

  it('the door QR checks in only with today\'s code of the hall\'s secret; an unarrived ticket expires by rule and cannot check in then', async () => {
    await patchSettings(h.admin, { remoteQueue: REMOTE });
    const a = (await take('003')).body.ticket;
    const b = (await take('004', DEVICE_B)).body.ticket;
    const wrong = await h.phone.post(`/api/v1/track/${a.trackToken}/arrive`, { door: 'door-secret-2' });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('REMOTE_DOOR_WRONG');
    const today = (await h.admin.get('/api/v1/remote/door')).body.code;
    const door = await h.phone.post(`/api/v1/track/${a.trackToken}/arrive`, { door: today });
    expect(door.status).toBe(200);
    expect(door.body.view.status).toBe('waiting');

    h.clock.advance(61);
    expect(h.hall.deps.hall.remote.expireDue()).toBe(1);
    expect((await h.phone.get(`/api/v1/track/${b.trackToken}`)).body.view.status).toBe('expired');
    const late = await h.phone.post(`/api/v1/track/${b.trackToken}/arrive`, { door: today });
    expect(late.body.error.code).toBe('REMOTE_EXPIRED');
    // The arrived one is untouched by the sweep.
    expect((await h.phone.get(`/api/v1/track/${a.trackToken}`)).body.view.status).toBe('waiting');

    // The report counts both as issued online, one expired, none served or no-show; the event log rebuilds the same state.
    const report = (await h.admin.get('/api/v1/admin/reports?period=day&from=2026-03-06&to=2026-03-06&by=service')).body;
    const row = report.rows.find((x: any) => x.key === 'social');
    expect(row).toMatchObject({ issued: 2, remote: 2, expired: 1, served: 0, noShows: 0 });
    const before = h.hall.deps.ctx.store.tickets.get(b.id);
    h.hall.deps.ctx.store.rebuildFromLog();
    expect(h.hall.deps.ctx.store.tickets.get(b.id)).toEqual(before);
    expect(h.hall.deps.ctx.store.tickets.get(a.id)!.status).toBe('waiting');
  });

  it('stops hoarding: service quota, per phone and per ID number per day', async () => {
    await patchSettings(h.admin, { remoteQueue: { ...REMOTE, quotas: { social: 3 }, perDevicePerDay: 2, perPersonPerDay: 1 } });
    expect((await take('010', DEVICE_A)).status).toBe(201);
    const samePerson = await take('010', DEVICE_B);
    expect(samePerson.body.error.code).toBe('REMOTE_PERSON_LIMIT');
    expect((await take('011', DEVICE_A)).status).toBe(201);
    const samePhone = await take('012', DEVICE_A);
    expect(samePhone.body.error.code).toBe('REMOTE_DEVICE_LIMIT');
    expect((await take('013', DEVICE_B)).status).toBe(201);
    const full = await take('014', 'phone-c-0123456789abcdef');
    expect(full.body.error.code).toBe('REMOTE_QUOTA_REACHED');
    expect((await h.phone.get('/api/v1/remote')).body.services[0].quotaLeft).toBe(0);
    // Nothing personal leaves in the public view of a remote ticket.
    const t = h.hall.deps.ctx.store.tickets.unarrived()[0];
    const view = (await h.phone.get(`/api/v1/track/${t.trackToken}`)).body.view;
    expect(JSON.stringify(view)).not.toMatch(/李|\*{5}/);
  });
});
