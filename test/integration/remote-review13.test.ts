import { describe, expect, it } from 'vitest';
import { EachHall } from '../helpers/each-hall.js';
import { bareKiosk, idNumber, patchService, patchSettings, readCard } from '../helpers/features.js';

/** The attacker review of issue 13's remote queueing (task review13). */
const REMOTE = { enabled: true, arrivalRule: 'keep', expireMinutes: 60, perDevicePerDay: 5, perPersonPerDay: 5, quotas: { social: 1 }, doorCode: 'new' };
const person = (seq: string) => ({ name: '王五', idNumber: idNumber('1979-09-09', seq) });
const device = (n: number) => `phone-${n}-0123456789abcdef`;

describe('remote queueing, review 13', () => {
  const h = new EachHall();

  const take = (seq: string, n = 1, serviceId = 'social') => h.phone.post('/api/v1/remote/tickets', { serviceId, ...person(seq), deviceId: device(n) });
  const statusOf = (id: string) => h.hall.deps.ctx.store.tickets.get(id)?.status;

  it('online numbers that expire or are cancelled before arrival do not use up the service\'s daily quota', async () => {
    await patchService(h.admin, 'social', { dailyQuota: 3 });
    await patchSettings(h.admin, { remoteQueue: REMOTE });
    for (let i = 1; i <= 3; i++) {
      const t = (await take(`10${i}`, i)).body.ticket;
      h.clock.advance(61);
      expect(h.hall.deps.hall.remote.expireDue()).toBe(1);
      expect(statusOf(t.id)).toBe('expired');
    }
    const cancelled = (await take('104', 4)).body.ticket;
    expect((await h.admin.post(`/api/v1/tickets/${cancelled.id}/cancel`, { reason: 'citizen phoned' })).status).toBe(200);
    const kiosk = await bareKiosk(h.admin);
    // Four online numbers never arrived: all three places of the day are still free for walk-ins.
    for (let i = 0; i < 3; i++) {
      const r = await kiosk.api.post('/api/v1/tickets', { serviceId: 'social' });
      expect([r.status, r.body.error?.code]).toEqual([201, undefined]);
    }
    expect((await kiosk.api.post('/api/v1/tickets', { serviceId: 'social' })).body.error.code).toBe('QUOTA_REACHED');
  });

  it('a door or code arrival counts only the person\'s other online numbers: the link\'s holder cannot learn of their card ticket; the refusal names no count', async () => {
    await patchSettings(h.admin, { remoteQueue: { ...REMOTE, quotas: { social: 5, tax: 5 } }, personMaxWaiting: 1 });
    // Somebody types 王五's ID number on their own phone, twice.
    const a = (await take('201', 1)).body;
    const b = (await take('201', 1, 'tax')).body;
    // 王五 comes to the hall and takes a ticket with their ID card (a claim in their name does not block them).
    const kiosk = await bareKiosk(h.admin);
    const own = await kiosk.api.post('/api/v1/tickets', { serviceId: 'fund', cardToken: readCard(h.hall, kiosk.id, person('201')) });
    expect(own.status).toBe(201);
    // The phone's holder polls the door check-in: it says nothing about the card ticket (the claim arrives).
    const door = (await h.admin.get('/api/v1/remote/door')).body.code;
    const r = await h.phone.post(`/api/v1/track/${a.ticket.trackToken}/arrive`, { door });
    expect([r.status, r.body.error?.code]).toEqual([200, undefined]);
    expect(statusOf(a.ticket.id)).toBe('waiting');
    // Another claim in the same name is still held to the limit by the first (an online number), and says no count.
    const refused = await kiosk.api.post('/api/v1/appointments/check-in', { code: b.view.remote.arrivalCode });
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'ARRIVAL_HELD_LIMIT']);
    expect(refused.body.error.message.replace(/\d\d:\d\d/, '')).not.toMatch(/\d/);
    expect(statusOf(b.ticket.id)).toBe('remote');
  });

  it('the per-day limit is checked at arrival too, without the arriving ticket; card and staff arrivals count everything', async () => {
    await patchSettings(h.admin, { remoteQueue: { ...REMOTE, quotas: { social: 5 } }, personMaxPerDay: 1 });
    const online = (await take('301', 1)).body;
    const kiosk = await bareKiosk(h.admin);
    // The person also takes a walk-in ticket with their card: now one ticket today besides the online number.
    expect((await kiosk.api.post('/api/v1/tickets', { serviceId: 'fund', cardToken: readCard(h.hall, kiosk.id, person('301')) })).status).toBe(201);
    const byCard = await kiosk.api.post('/api/v1/appointments/check-in', { cardToken: readCard(h.hall, kiosk.id, person('301')) });
    expect([byCard.status, byCard.body.error?.code]).toEqual([409, 'ARRIVAL_DAILY_LIMIT']);
    expect(byCard.body.error.message).not.toMatch(/\d/);
    const byStaff = await h.admin.post('/api/v1/windows/w3/remote-arrival', { number: online.ticket.number });
    expect(byStaff.body.error?.code).toBe('ARRIVAL_DAILY_LIMIT');
    expect(statusOf(online.ticket.id)).toBe('remote');
    // The door QR proves no one: only other online numbers count, and the arriving one itself does not.
    const door = (await h.admin.get('/api/v1/remote/door')).body.code;
    expect((await h.phone.post(`/api/v1/track/${online.ticket.trackToken}/arrive`, { door })).status).toBe(200);
    expect(statusOf(online.ticket.id)).toBe('waiting');
  });

  it('the per-address cap counts an IPv6 client by its /64, not by each address in it', async () => {
    await h.restart({ trustProxy: 'loopback' });
    await patchSettings(h.admin, { remoteQueue: { ...REMOTE, quotas: { social: 50 }, perAddressPerDay: 2 } });
    const from = (seq: string, n: number, address: string) =>
      h.phone.post('/api/v1/remote/tickets', { serviceId: 'social', ...person(seq), deviceId: device(n) }, { 'x-forwarded-for': address });
    expect((await from('401', 1, '2001:db8:1:2::1')).status).toBe(201);
    expect((await from('402', 2, '2001:db8:1:2::2')).status).toBe(201);
    // A third address of the same /64 (the same client's privacy address) is the same client.
    expect((await from('403', 3, '2001:db8:1:2:abcd:ef01:2345:6789')).body.error?.code).toBe('REMOTE_ADDRESS_LIMIT');
    // Another /64 is another client.
    expect((await from('404', 4, '2001:db8:1:3::1')).status).toBe(201);
  });

  it('a booking already checked in does not hold the card back: the next card check-in checks in the online number', async () => {
    await patchSettings(h.admin, { remoteQueue: { ...REMOTE, quotas: { social: 5 } } });
    const booked = await h.admin.post('/api/v1/appointments', { serviceId: 'tax', date: '2026-03-06', slotStart: '09:30', ...person('501'), phone: '13812345678' });
    expect(booked.status).toBe(201);
    const claim = (await take('501', 1)).body.ticket;
    h.clock.advance(25);
    const kiosk = await bareKiosk(h.admin);
    const first = await kiosk.api.post('/api/v1/appointments/check-in', { cardToken: readCard(h.hall, kiosk.id, person('501')) });
    expect(first.body.appointment?.id).toBe(booked.body.appointment.id);
    expect(statusOf(claim.id)).toBe('remote');
    // The booking is checked in: the same card now checks in the online number.
    const second = await kiosk.api.post('/api/v1/appointments/check-in', { cardToken: readCard(h.hall, kiosk.id, person('501')) });
    expect(second.body).toMatchObject({ arrived: true, ticket: { id: claim.id, status: 'waiting' } });
  });

  it('the door secret is made by the hall: a typed one is refused, "new" makes 192 bits, the audit never holds it', async () => {
    const typed = await h.admin.req('PATCH', '/api/v1/admin/settings', { remoteQueue: { ...REMOTE, doorCode: 'my-typed-secret-1' } });
    expect([typed.status, typed.body.error?.code, typed.body.error?.field]).toEqual([400, 'INVALID_DOOR_SECRET', 'remoteQueue.doorCode']);
    await patchSettings(h.admin, { remoteQueue: { ...REMOTE, doorCode: 'new' } });
    const first = (await h.admin.get('/api/v1/admin/settings')).body.settings.remoteQueue.doorCode;
    expect(first).toMatch(/^[\w-]{32}$/);
    // Sent back unchanged, or left out: kept. "new" again: another one.
    await patchSettings(h.admin, { remoteQueue: { ...REMOTE, doorCode: first } });
    await patchSettings(h.admin, { remoteQueue: { enabled: true, arrivalRule: 'keep', expireMinutes: 60, perDevicePerDay: 5, perPersonPerDay: 5, quotas: { social: 1 } } });
    expect((await h.admin.get('/api/v1/admin/settings')).body.settings.remoteQueue.doorCode).toBe(first);
    await patchSettings(h.admin, { remoteQueue: { ...REMOTE, doorCode: 'new' } });
    const second = (await h.admin.get('/api/v1/admin/settings')).body.settings.remoteQueue.doorCode;
    expect(second).toMatch(/^[\w-]{32}$/);
    expect(second).not.toBe(first);
    const audit = JSON.stringify((await h.admin.get('/api/v1/admin/audit?type=config.settings.updated')).body);
    expect(audit).toContain('(regenerated)');
    for (const secret of [first, second]) expect(audit).not.toContain(secret);
  });
});
