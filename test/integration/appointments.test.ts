import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, DEMO_STAFF_PASSWORD, kioskToken, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { TestClock, bareKiosk, idNumber, patchSettings, readCard } from '../helpers/features.js';

const TODAY = '2026-03-06'; // a Friday; the clock starts at 09:00 Shanghai time
const ZHANG = { name: '张小三', idNumber: idNumber('1990-03-07', '123') };

describe('appointments from a booking platform', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let platform: Api;
  let clock: TestClock;
  let kiosk: { id: string; api: Api };

  beforeEach(async () => {
    dir = tempDir();
    clock = new TestClock();
    hall = await startTestHall(dir, { now: clock.now });
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const client = (await admin.post('/api/v1/admin/clients', { kind: 'platform', name: '省政务服务网' })).body.client;
    const token = (await admin.post(`/api/v1/admin/clients/${client.id}/token`)).body.token;
    platform = new Api(hall.url, token);
    kiosk = await bareKiosk(admin);
  });

  afterEach(async () => {
    await hall.close();
    removeDir(dir);
  });

  const book = (body: Record<string, unknown> = {}, key?: string, api = platform) =>
    api.post('/api/v1/appointments', { serviceId: 'social', date: TODAY, slotStart: '10:00', ...ZHANG, phone: '13812345678', ...body }, key ? { 'Idempotency-Key': key } : {});

  it('a platform token (pl_…) may read slots and book, nothing else', async () => {
    expect(platform.token).toMatch(/^pl_/);
    const slots = await platform.get(`/api/v1/appointments/slots?serviceId=social&date=${TODAY}`);
    expect(slots.status).toBe(200);
    expect(slots.body.slots).toHaveLength(13);
    expect(slots.body.slots[0]).toEqual({ start: '09:00', end: '09:30', capacity: 2, booked: 0, available: 2 });
    expect((await platform.post('/api/v1/tickets', { serviceId: 'social' })).status).toBe(403);
    expect((await platform.get(`/api/v1/appointments?date=${TODAY}`)).status).toBe(403);
    expect((await platform.get('/api/v1/admin/settings')).status).toBe(403);
    // Weekends have no generated slots.
    expect((await platform.get('/api/v1/appointments/slots?serviceId=social&date=2026-03-07')).body.slots).toEqual([]);
  });

  it('booking keeps only the masked identity and an HMAC, returns a short code, and is idempotent', async () => {
    const r = await book({}, 'booking-0001');
    expect(r.status).toBe(201);
    const a = r.body.appointment;
    expect(a).toMatchObject({ serviceId: 'social', date: TODAY, slotStart: '10:00', slotEnd: '10:30', status: 'booked', maskedName: '张*三', maskedIdNumber: '*'.repeat(17) + ZHANG.idNumber.slice(-1), maskedPhone: '138****5678' });
    expect(a.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(a).not.toHaveProperty('idHmac');

    const again = await book({}, 'booking-0001');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replayed: true, appointment: { id: a.id, code: a.code } });
    const other = await book({ slotStart: '10:30' }, 'booking-0001');
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // One appointment per person, service and day.
    expect((await book({ slotStart: '11:00' })).body.error.code).toBe('APPOINTMENT_EXISTS');

    const db = hall.deps.ctx.store.db;
    const dump = JSON.stringify([db.prepare('SELECT * FROM appointments').all(), db.prepare('SELECT * FROM events').all()]);
    expect(dump).not.toContain(ZHANG.idNumber);
    expect(dump).not.toContain('张小三');
    expect(dump).not.toContain('13812345678');
    expect((await platform.get(`/api/v1/appointments/slots?serviceId=social&date=${TODAY}`)).body.slots.find((s: any) => s.start === '10:00')).toMatchObject({ booked: 1, available: 1 });
  });

  it('capacity, dates and slots are enforced with their own codes', async () => {
    expect((await book({ name: '甲', idNumber: idNumber('1980-01-01', '001') })).status).toBe(201);
    expect((await book({ name: '乙', idNumber: idNumber('1980-01-01', '002') })).status).toBe(201);
    expect((await book({ name: '丙', idNumber: idNumber('1980-01-01', '003') })).body.error.code).toBe('SLOT_FULL');
    expect((await book({ slotStart: '08:00' })).body.error.code).toBe('SLOT_NOT_FOUND');
    expect((await book({ slotStart: '09:00' })).body.error.code).toBe('SLOT_STARTED');
    expect((await book({ date: '2026-03-05' })).body.error.code).toBe('APPOINTMENT_DATE_PAST');
    expect((await book({ date: '2026-04-30' })).body.error.code).toBe('APPOINTMENT_TOO_FAR');
    expect((await book({ idNumber: '410102199003071239' })).body.error.code).toBe('INVALID_ID_NUMBER');
    expect((await book({ serviceId: 'nope' })).status).toBe(404);
    expect((await book({ slotStart: '9:00' })).status).toBe(400);
  });

  it('administrators set a day’s own slots; a service capacity of 0 takes no appointments', async () => {
    const put = await admin.req('PUT', '/api/v1/admin/appointment-slots', {
      serviceId: 'fund', date: '2026-03-07', slots: [{ start: '09:00', end: '11:00', capacity: 5 }],
    });
    expect(put.body.slots).toEqual([{ start: '09:00', end: '11:00', capacity: 5, booked: 0, available: 5 }]);
    expect((await book({ serviceId: 'fund', date: '2026-03-07', slotStart: '09:00' })).status).toBe(201);
    await admin.req('PUT', '/api/v1/admin/appointment-slots', { serviceId: 'fund', date: '2026-03-07', slots: null });
    expect((await platform.get('/api/v1/appointments/slots?serviceId=fund&date=2026-03-07')).body.slots).toEqual([]);

    const s = (await admin.get('/api/v1/admin/services')).body.services.find((x: any) => x.id === 'tax');
    await admin.req('PUT', '/api/v1/admin/services/tax', { ...s, id: undefined, appointmentCapacity: 0 });
    expect((await platform.get(`/api/v1/appointments/slots?serviceId=tax&date=${TODAY}`)).body.slots).toEqual([]);
  });

  it('platforms cancel their own appointments; supervisors list a day', async () => {
    const a = (await book()).body.appointment;
    const other = (await admin.post('/api/v1/admin/clients', { kind: 'platform', name: '另一个平台' })).body.client;
    const otherApi = new Api(hall.url, (await admin.post(`/api/v1/admin/clients/${other.id}/token`)).body.token);
    expect((await otherApi.post(`/api/v1/appointments/${a.id}/cancel`)).status).toBe(404);

    const sup = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    expect((await sup.get(`/api/v1/appointments?date=${TODAY}&serviceId=social`)).body.appointments.map((x: any) => x.id)).toEqual([a.id]);

    const c = await platform.post(`/api/v1/appointments/${a.id}/cancel`);
    expect(c.body.appointment.status).toBe('cancelled');
    expect((await platform.post(`/api/v1/appointments/${a.id}/cancel`)).status).toBe(200);
    expect((await platform.get(`/api/v1/appointments/slots?serviceId=social&date=${TODAY}`)).body.slots.find((s: any) => s.start === '10:00').booked).toBe(0);
    expect((await kiosk.api.post('/api/v1/appointments/check-in', { code: a.code })).body.error.code).toBe('APPOINTMENT_CANCELLED');
    const audit = (await sup.get('/api/v1/admin/audit?type=appointment.')).body.events.map((e: any) => e.type);
    expect(audit).toEqual(['appointment.cancelled', 'appointment.booked']);
  });

  it('check-in by code on time gives an appointment ticket; checking in again gives the same ticket', async () => {
    const a = (await book()).body.appointment;
    const early = await kiosk.api.post('/api/v1/appointments/check-in', { code: a.code });
    expect(early.body.error.code).toBe('APPOINTMENT_TOO_EARLY');
    expect(early.body.error.message).toMatch(/09:30/);

    clock.set('2026-03-06T01:40:00Z'); // 09:40
    const r = await kiosk.api.post('/api/v1/appointments/check-in', { code: ` ${a.code.toLowerCase().slice(0, 3)}-${a.code.slice(3)} ` });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ ok: true, late: false, printed: false, replayed: false, appointment: { id: a.id, status: 'checked_in' } });
    expect(r.body.ticket).toMatchObject({ serviceId: 'social', priority: 'appointment', status: 'waiting', identity: { maskedName: '张*三' } });
    expect(r.body.appointment.ticketId).toBe(r.body.ticket.id);

    const sup = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    const t = (await sup.get(`/api/v1/tickets/${r.body.ticket.id}`)).body;
    expect(t.grant).toEqual({ reason: 'appointment', categoryId: null, grantedBy: null, appointmentId: a.id });
    expect(t.history.map((e: any) => e.type)).toEqual(['ticket.issued', 'appointment.checked_in']);

    const again = await kiosk.api.post('/api/v1/appointments/check-in', { code: a.code });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replayed: true, ticket: { id: r.body.ticket.id } });
    expect(hall.deps.ctx.store.tickets.count()).toBe(1);
    // An appointment ticket goes before normal walk-ins.
    const walkIn = await kiosk.api.post('/api/v1/tickets', { serviceId: 'social' });
    expect(walkIn.body.ticket.waitingAhead).toBe(1);

    // Its ticket cancelled (as after a failed print): the appointment can be checked in again, for a new ticket.
    await sup.post(`/api/v1/tickets/${r.body.ticket.id}/cancel`, { reason: 'print failed' });
    const retry = await kiosk.api.post('/api/v1/appointments/check-in', { code: a.code });
    expect(retry.status).toBe(201);
    expect(retry.body.ticket.id).not.toBe(r.body.ticket.id);
    expect(retry.body.ticket.number).toBe('B003');
    expect(retry.body.appointment).toMatchObject({ status: 'checked_in', ticketId: retry.body.ticket.id });
    // Staff at a desk check in by code too (nothing printed).
    const other = (await book({ name: '李四', idNumber: idNumber('1985-11-20', '456'), slotStart: '10:30' })).body.appointment;
    clock.set('2026-03-06T02:05:00Z');
    const desk = await sup.post('/api/v1/appointments/check-in', { code: other.code });
    expect(desk.body).toMatchObject({ ok: true, printed: false, ticket: { priority: 'appointment', identity: { maskedName: '李*' } } });
  });

  it('check-in by ID card at the kiosk finds today’s appointment by the card’s HMAC', async () => {
    const a = (await book()).body.appointment;
    clock.set('2026-03-06T02:05:00Z'); // 10:05
    const none = readCard(hall, kiosk.id, { name: '李四', idNumber: idNumber('1985-11-20', '456') });
    expect((await kiosk.api.post('/api/v1/appointments/check-in', { cardToken: none })).body.error.code).toBe('APPOINTMENT_NOT_FOUND');
    const card = readCard(hall, kiosk.id, ZHANG);
    const r = await kiosk.api.post('/api/v1/appointments/check-in', { cardToken: card });
    expect(r.status).toBe(201);
    expect(r.body.appointment).toMatchObject({ id: a.id, status: 'checked_in' });
    expect(r.body.ticket.priority).toBe('appointment');
    // A card read at another kiosk is not valid here; staff cannot send card tokens.
    const other = await bareKiosk(admin, 'kiosk 2');
    expect((await other.api.post('/api/v1/appointments/check-in', { cardToken: card })).body.error.code).toBe('CARD_EXPIRED');
    const sup = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    expect((await sup.post('/api/v1/appointments/check-in', { cardToken: card })).status).toBe(400);
    expect((await kiosk.api.post('/api/v1/appointments/check-in', {})).body.error.code).toBe('VALIDATION');
  });

  it('an elderly person checking in a booking with their card gets the best class: priority, not appointment', async () => {
    const OLD = { name: '王老伯', idNumber: idNumber('1940-01-15', '321') }; // 86 on the business day
    const a = (await book(OLD)).body.appointment;
    clock.set('2026-03-06T01:50:00Z'); // 09:50, on time for 10:00
    // An elderly walk-in at the kiosk, before the booking holder arrives.
    const walkInCard = readCard(hall, kiosk.id, { name: '赵老太', idNumber: idNumber('1945-05-05', '654') });
    const walkIn = await kiosk.api.post('/api/v1/tickets', { serviceId: 'social', cardToken: walkInCard });
    expect(walkIn.body.ticket.priority).toBe('priority');
    clock.set('2026-03-06T02:00:00Z');
    const card = readCard(hall, kiosk.id, OLD);
    const r = await kiosk.api.post('/api/v1/appointments/check-in', { cardToken: card });
    expect(r.status).toBe(201);
    expect(r.body.ticket.priority).toBe('priority');
    const detail = await admin.get(`/api/v1/tickets/${r.body.ticket.id}`);
    expect(detail.body.grant).toMatchObject({ reason: 'elderly', appointmentId: a.id });
    // Same class as the elderly walk-in: served by time, not behind them as an appointment.
    expect(r.body.ticket.waitingAhead).toBe(1);
    // A younger booking holder still gets the appointment class.
    const young = (await book({ slotStart: '10:30' })).body.appointment;
    clock.set('2026-03-06T02:25:00Z');
    const y = await kiosk.api.post('/api/v1/appointments/check-in', { code: young.code });
    expect(y.body.ticket.priority).toBe('appointment');
  });

  it("late arrivals: a normal ticket under lateRule 'normal', refused under 'refuse'", async () => {
    const a = (await book()).body.appointment;
    const b = (await book({ name: '李四', idNumber: idNumber('1985-11-20', '456') })).body.appointment;
    clock.set('2026-03-06T02:20:00Z'); // 10:20: more than 15 minutes after the start
    const late = await kiosk.api.post('/api/v1/appointments/check-in', { code: a.code });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ late: true, ticket: { priority: 'normal' }, appointment: { status: 'checked_in' } });
    const audit = hall.deps.ctx.store.events.list({ limit: 5, type: 'appointment.checked_in' });
    expect(audit[0].data).toMatchObject({ appointmentId: a.id, late: true });

    await patchSettings(admin, { lateRule: 'refuse' });
    const refused = await kiosk.api.post('/api/v1/appointments/check-in', { code: b.code });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('APPOINTMENT_LATE');
  });

  it('appointments not checked in by slot end + late minutes become no-shows (sweep and day roll)', async () => {
    const a = (await book()).body.appointment;
    const b = (await book({ slotStart: '14:00', name: '李四', idNumber: idNumber('1985-11-20', '456') })).body.appointment;
    const c = (await book({ date: '2026-03-09', name: '王五', idNumber: idNumber('1970-07-07', '789') })).body.appointment;
    const appts = hall.deps.hall.appointments;
    clock.set('2026-03-06T02:45:00Z'); // 10:45 = 10:30 + 15: still in time
    expect(appts.sweepNoShows()).toBe(0);
    clock.set('2026-03-06T02:46:00Z');
    expect(appts.sweepNoShows()).toBe(1);
    const sup = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    const list = (await sup.get(`/api/v1/appointments?date=${TODAY}`)).body.appointments;
    expect(list.find((x: any) => x.id === a.id).status).toBe('no_show');
    expect((await kiosk.api.post('/api/v1/appointments/check-in', { code: a.code })).body.error.code).toBe('APPOINTMENT_MISSED');
    const events = (await sup.get('/api/v1/admin/audit?type=appointment.no_show')).body.events;
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ appointmentId: a.id, serviceId: 'social', slotStart: '10:00' });

    // Past its time but not swept yet: the check-in itself records the no-show.
    clock.set('2026-03-06T06:46:00Z'); // 14:46, slot 14:00–14:30
    expect((await kiosk.api.post('/api/v1/appointments/check-in', { code: b.code })).body.error.code).toBe('APPOINTMENT_MISSED');
    expect((await sup.get('/api/v1/admin/audit?type=appointment.no_show')).body.events).toHaveLength(2);
    expect(appts.sweepNoShows()).toBe(0);
    // The next day (a new business day) everything of the day before is settled; later days are untouched.
    clock.set('2026-03-07T00:30:00Z');
    expect(appts.sweepNoShows()).toBe(0);
    const sup2 = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    expect((await sup2.get('/api/v1/appointments?date=2026-03-09')).body.appointments[0]).toMatchObject({ id: c.id, status: 'booked' });
  });

  it('the periodic sweep marks an appointment of a day that has rolled over', async () => {
    const a = (await book({ slotStart: '16:30' })).body.appointment;
    clock.set('2026-03-07T01:00:00Z'); // Saturday 09:00
    expect(hall.deps.hall.appointments.sweepNoShows()).toBe(1);
    expect(hall.deps.ctx.store.appointments.get(a.id)?.status).toBe('no_show');
  });

  it('the demo kiosk prints the checked-in ticket like any kiosk ticket', async () => {
    const demo = new Api(hall.url, await kioskToken(hall.url, admin));
    for (let i = 0; i < 50; i++) {
      const h = (await demo.get('/api/v1/health')).body.devices;
      if (h.find((d: any) => d.id === 'kiosk-1-printer')?.state === 'ok') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const a = (await book()).body.appointment;
    clock.set('2026-03-06T01:50:00Z');
    const r = await demo.post('/api/v1/appointments/check-in', { code: a.code });
    expect(r.status).toBe(201);
    expect(r.body.printed).toBe(true);
    const printed = await admin.post('/api/v1/admin/devices/kiosk-1-printer/simulate', { action: 'last-ticket' });
    expect(printed.body.ticket.qr).toEqual([expect.stringMatching(new RegExp(`/t/${r.body.ticket.trackToken}$`))]);
    const again = await demo.post('/api/v1/appointments/check-in', { code: a.code });
    expect(again.body).toMatchObject({ replayed: true, printed: true });
    expect((await admin.post('/api/v1/admin/devices/kiosk-1-printer/simulate', { action: 'last-ticket' })).body.ticket.count).toBe(1);
  });
});
