import { describe, expect, it } from 'vitest';
import { EachHall } from '../helpers/each-hall.js';
import { doorCodeFor } from '../../server/app/door-code.js';
import { ADMIN_PASSWORD, Api, clerkAt } from '../helpers/hall.js';
import { bareKiosk, idNumber, patchSettings, readCard } from '../helpers/features.js';

/** The attacker review of remote queueing (task remote3): quota drain, claims in someone else's name, held limits at arrival, daily door code, staff arrival. */
const REMOTE = { enabled: true, arrivalRule: 'keep', expireMinutes: 60, perDevicePerDay: 5, perPersonPerDay: 1, quotas: { social: 1 } };
const person = (seq: string) => ({ name: '李四', idNumber: idNumber('1985-05-05', seq) });
const device = (n: number) => `phone-${n}-0123456789abcdef`;

describe('remote queueing, review findings', () => {
  // A door secret typed before the hall made them (review 13): stored as it was, it keeps working.
  const h = new EachHall({ init: (hall) => hall.deps.settings.update({ remoteQueue: { doorCode: 'door-secret-1' } }) });

  const take = (seq: string, n = 1, headers: Record<string, string> = {}, serviceId = 'social') =>
    h.phone.post('/api/v1/remote/tickets', { serviceId, ...person(seq), deviceId: device(n) }, headers);
  const statusOf = (id: string) => h.hall.deps.ctx.store.tickets.get(id)?.status;

  it('an expired or cancelled online number gives its place back to the service quota', async () => {
    await patchSettings(h.admin, { remoteQueue: REMOTE });
    const first = (await take('001', 1)).body.ticket;
    expect((await take('002', 2)).body.error.code).toBe('REMOTE_QUOTA_REACHED');
    h.clock.advance(61);
    expect(h.hall.deps.hall.remote.expireDue()).toBe(1);
    expect(statusOf(first.id)).toBe('expired');
    expect((await h.phone.get('/api/v1/remote')).body.services[0].quotaLeft).toBe(1);
    const second = await take('002', 2);
    expect(second.status).toBe(201);
    // Cancelled by staff: the place comes back too.
    expect((await h.admin.post(`/api/v1/tickets/${second.body.ticket.id}/cancel`, { reason: 'citizen phoned' })).status).toBe(200);
    expect((await take('003', 3)).status).toBe(201);
  });

  it('caps remote takes per client address a day (the address the edge resolves)', async () => {
    await patchSettings(h.admin, { remoteQueue: { ...REMOTE, quotas: { social: 50 }, perAddressPerDay: 2 } });
    expect((await take('001', 1)).status).toBe(201);
    expect((await take('002', 2)).status).toBe(201);
    const third = await take('003', 3);
    expect([third.status, third.body.error.code]).toEqual([409, 'REMOTE_ADDRESS_LIMIT']);
    // Without TRUST_PROXY a client cannot escape the cap by claiming another address.
    expect((await take('004', 4, { 'x-forwarded-for': '10.9.9.9' })).body.error.code).toBe('REMOTE_ADDRESS_LIMIT');
    // The admin sees and edits it; 0 turns the cap off.
    expect((await h.admin.get('/api/v1/admin/settings')).body.settings.remoteQueue.perAddressPerDay).toBe(2);
    await patchSettings(h.admin, { remoteQueue: { ...REMOTE, quotas: { social: 50 }, perAddressPerDay: 0 } });
    expect((await take('005', 5)).status).toBe(201);
  });

  it('behind TRUST_PROXY the forwarded address is the one capped', async () => {
    await h.restart({ trustProxy: 'loopback' });
    await patchSettings(h.admin, { remoteQueue: { ...REMOTE, quotas: { social: 50 }, perAddressPerDay: 1 } });
    expect((await take('001', 1, { 'x-forwarded-for': '10.0.0.1' })).status).toBe(201);
    expect((await take('002', 2, { 'x-forwarded-for': '10.0.0.1' })).body.error.code).toBe('REMOTE_ADDRESS_LIMIT');
    expect((await take('003', 3, { 'x-forwarded-for': '10.0.0.2' })).status).toBe(201);
  });

  it('a number taken online in someone else\'s name does not block them at the kiosk with their card', async () => {
    await patchSettings(h.admin, { remoteQueue: REMOTE, personMaxPerDay: 1, personMaxWaiting: 1 });
    // Somebody types 李四's ID number on a phone.
    const claim = (await take('007', 1)).body.ticket;
    const kiosk = await bareKiosk(h.admin);
    const cardToken = readCard(h.hall, kiosk.id, person('007'));
    const own = await kiosk.api.post('/api/v1/tickets', { serviceId: 'tax', cardToken });
    expect(own.status).toBe(201);
    expect(statusOf(claim.id)).toBe('remote');
    // A typed ID number (unproven) is still held to the limits: the staff desk without a card is refused.
    const typed = await h.admin.post('/api/v1/tickets', { serviceId: 'tax', idCard: person('007') });
    expect(typed.body.error.code).toMatch(/^PERSON_HALL_/);
  });

  it('at card check-in the person\'s booking comes before an online number in their name', async () => {
    await patchSettings(h.admin, { remoteQueue: REMOTE });
    const booked = await h.admin.post('/api/v1/appointments', { serviceId: 'tax', date: '2026-03-06', slotStart: '09:30', ...person('008'), phone: '13812345678' });
    expect([booked.status, booked.body.error?.code]).toEqual([201, undefined]);
    const claim = (await take('008', 1)).body.ticket;
    h.clock.advance(25);
    const kiosk = await bareKiosk(h.admin);
    const r = await kiosk.api.post('/api/v1/appointments/check-in', { cardToken: readCard(h.hall, kiosk.id, person('008')) });
    expect(r.status).toBe(201);
    expect(r.body.arrived).toBeUndefined();
    expect(r.body.appointment.id).toBe(booked.body.appointment.id);
    expect(r.body.ticket.serviceId).toBe('tax');
    expect(statusOf(claim.id)).toBe('remote');
  });

  it('checks the held-at-once limit again at arrival, by every way in; refused, the online number stays valid', async () => {
    await patchSettings(h.admin, { remoteQueue: { ...REMOTE, quotas: { social: 10, tax: 10 }, perPersonPerDay: 5 }, personMaxWaiting: 1 });
    const remote = (await take('009', 1)).body;
    // Then the same person's other online number arrives (by staff): now they hold one, through a claim of
    // the same kind, which every way in counts (review 13: a door or code arrival counts only online numbers).
    const other = (await take('009', 2, {}, 'tax')).body.ticket;
    const kiosk = await bareKiosk(h.admin);
    const clerk = await clerkAt(h.hall.url, 3);
    expect((await clerk.post('/api/v1/windows/w3/remote-arrival', { number: other.number })).status).toBe(200);
    const door = (await h.admin.get('/api/v1/remote/door')).body.code;
    const tries = [
      () => kiosk.api.post('/api/v1/appointments/check-in', { code: remote.view.remote.arrivalCode }),
      () => kiosk.api.post('/api/v1/appointments/check-in', { cardToken: readCard(h.hall, kiosk.id, person('009')) }),
      () => h.phone.post(`/api/v1/track/${remote.ticket.trackToken}/arrive`, { door }),
      () => clerk.post('/api/v1/windows/w3/remote-arrival', { number: remote.ticket.number }),
    ];
    for (const attempt of tries) {
      const r = await attempt();
      expect([r.status, r.body.error?.code]).toEqual([409, 'ARRIVAL_HELD_LIMIT']);
      expect(r.body.error.message).toMatch(/10:00/);
      expect(statusOf(remote.ticket.id)).toBe('remote');
    }
    // Once the held ticket is done, the same number checks in.
    await h.admin.post(`/api/v1/tickets/${other.id}/cancel`, { reason: 'left' });
    const ok = await kiosk.api.post('/api/v1/appointments/check-in', { code: remote.view.remote.arrivalCode });
    expect(ok.body).toMatchObject({ arrived: true, ticket: { id: remote.ticket.id, status: 'waiting' } });
  });

  it('the door QR carries a daily code: yesterday\'s code is refused as old, the bare secret as wrong', async () => {
    await patchSettings(h.admin, { remoteQueue: { ...REMOTE, quotas: { social: 10 } } });
    const today = (await h.admin.get('/api/v1/remote/door')).body;
    expect(today).toMatchObject({ ok: true, enabled: true, businessDay: '2026-03-06', code: doorCodeFor('door-secret-1', '2026-03-06') });
    expect(today.url).toMatch(new RegExp(`/r\\?door=${today.code}$`));
    // Only the hall's screens (display tokens) and staff who may print it read it; never anonymous callers.
    expect((await h.phone.get('/api/v1/remote/door')).status).toBe(401);
    const screen = (await h.admin.post('/api/v1/admin/clients', { kind: 'display', name: 'hall screen' })).body.client;
    const screenApi = new Api(h.hall.url, (await h.admin.post(`/api/v1/admin/clients/${screen.id}/token`)).body.token);
    expect((await screenApi.get('/api/v1/remote/door')).body.code).toBe(today.code);
    const clerk = await clerkAt(h.hall.url, 3);
    expect((await clerk.get('/api/v1/remote/door')).status).toBe(403);

    const a = (await take('021', 1)).body.ticket;
    const b = (await take('022', 2)).body.ticket;
    const c = (await take('023', 3)).body.ticket;
    const bare = await h.phone.post(`/api/v1/track/${a.trackToken}/arrive`, { door: 'door-secret-1' });
    // The raw secret is just wrong (review 13): a different answer would confirm a guessed secret online.
    expect([bare.status, bare.body.error.code]).toEqual([409, 'REMOTE_DOOR_WRONG']);
    const yesterday = await h.phone.post(`/api/v1/track/${a.trackToken}/arrive`, { door: doorCodeFor('door-secret-1', '2026-03-05') });
    expect(yesterday.body.error.code).toBe('REMOTE_DOOR_OLD');
    expect((await h.phone.post(`/api/v1/track/${a.trackToken}/arrive`, { door: 'made-up-code-123' })).body.error.code).toBe('REMOTE_DOOR_WRONG');
    expect(statusOf(a.id)).toBe('remote');
    expect((await h.phone.post(`/api/v1/track/${a.trackToken}/arrive`, { door: today.code })).body.view.status).toBe('waiting');
    expect(statusOf(b.id)).toBe('remote');
    void c;
    // The next business day the code changes: today's photo no longer checks anyone in.
    h.clock.advance(24 * 60);
    h.admin = await Api.login(h.hall.url, 'admin', ADMIN_PASSWORD);
    const next = (await h.admin.get('/api/v1/remote/door')).body;
    expect(next.businessDay).toBe('2026-03-07');
    expect(next.code).not.toBe(today.code);
    const late = (await take('024', 4)).body.ticket;
    expect((await h.phone.post(`/api/v1/track/${late.trackToken}/arrive`, { door: today.code })).body.error.code).toBe('REMOTE_DOOR_OLD');
    expect((await h.phone.post(`/api/v1/track/${late.trackToken}/arrive`, { door: next.code })).body.view.status).toBe('waiting');
  });

  it('window staff check an online number in by its number for a citizen without phone or card; audited', async () => {
    await patchSettings(h.admin, { remoteQueue: REMOTE });
    const t = (await take('031', 1)).body.ticket;
    const clerk = await clerkAt(h.hall.url, 3);
    // A clerk acts only at their own window.
    expect((await clerk.post('/api/v1/windows/w4/remote-arrival', { number: t.number })).status).toBe(403);
    const unknown = await clerk.post('/api/v1/windows/w3/remote-arrival', { number: 'Z999' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'TICKET_NOT_FOUND']);
    const r = await clerk.post('/api/v1/windows/w3/remote-arrival', { number: t.number.toLowerCase() });
    expect(r.status).toBe(200);
    expect(r.body.ticket).toMatchObject({ id: t.id, status: 'waiting' });
    const audit = (await h.admin.get('/api/v1/admin/audit?type=ticket.arrived')).body.events;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: 'user', windowId: 'w3', data: { by: 'staff' } });
    expect((await clerk.post('/api/v1/windows/w3/call-next')).body.ticket.id).toBe(t.id);
  });
});
