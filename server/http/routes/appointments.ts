import { z } from 'zod';
import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { checkInAtHall } from '../../app/kiosk-checkin.js';
import { actorOf } from '../../auth/principal.js';
import type { Principal } from '../../auth/principal.js';
import { HttpError } from '../errors.js';
import { route, defineRoutes, reply } from '../route.js';
import { id, idempotencyKey, idempotencyKeyOf } from '../schemas.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM');

const bookBody = z.object({
  serviceId: id,
  date,
  slotStart: hhmm,
  name: z.string().min(1).max(60),
  idNumber: z.string().min(15).max(18),
  phone: z.string().regex(/^\+?[\d -]{5,20}$/, 'digits only').optional(),
});

const slotsBody = z.object({
  serviceId: id,
  date,
  /** null: back to the generated slots; []: no appointments that day. */
  slots: z
    .array(z.object({ start: hhmm, end: hhmm, capacity: z.number().int().min(0).max(1000) }).refine((s) => s.start < s.end, 'end must be after start'))
    .max(100)
    .nullable(),
});

const scopeOf = (p: Principal) => (p.kind === 'device' ? `client:${p.client.id}` : p.kind === 'user' ? `user:${p.userId}` : 'anon');
const platformOf = (p: Principal) => (p.kind === 'device' ? p.client.id : null);

/** Appointments: booking platforms book and cancel, kiosks check in, supervisors list. */
export function appointmentRoutes(deps: Deps) {
  const appts = deps.hall.appointments;
  return defineRoutes([
    route(replies.Slots)({
      method: 'get', path: '/api/v1/appointments/slots', summary: 'Bookable slots of a service on a day, with what is left', tag: 'appointments',
      auth: 'appointments.manage',
      query: z.object({ serviceId: id, date }),
      handler: (req) => ({ ok: true, serviceId: req.query.serviceId, date: req.query.date, slots: appts.slots(req.query.serviceId, req.query.date) }),
    }),
    route(replies.Booked)({
      method: 'post', path: '/api/v1/appointments', summary: 'Book an appointment; only the masked name and number and an HMAC of the number are kept', tag: 'appointments',
      auth: 'appointments.manage', body: bookBody, status: 201, alsoStatus: [200],
      headers: [{ name: 'Idempotency-Key', required: false, description: 'A retried booking with the same key returns the same appointment (200, replayed: true)', schema: idempotencyKey }],
      handler: (req) => {
        const key = idempotencyKeyOf(req.headers);
        const r = appts.book({ ...req.body, idempotencyKey: key, scope: scopeOf(req.principal), actor: actorOf(req.principal), clientId: platformOf(req.principal) });
        return reply(r.replayed ? 200 : 201, { ok: true, appointment: r.appointment, replayed: r.replayed });
      },
    }),
    route(replies.Appointments)({
      method: 'get', path: '/api/v1/appointments', summary: 'Appointments of a day (optionally one service)', tag: 'appointments',
      auth: 'appointments.read',
      query: z.object({ date, serviceId: id.optional() }),
      handler: (req) => ({ ok: true, appointments: appts.list(req.query.date, req.query.serviceId) }),
    }),
    route(replies.AppointmentReply)({
      method: 'post', path: '/api/v1/appointments/:id/cancel', summary: 'Cancel a booked appointment (a platform only its own)', tag: 'appointments',
      auth: 'appointments.manage',
      handler: (req) => ({ ok: true, appointment: appts.cancel(req.params.id, actorOf(req.principal), platformOf(req.principal)) }),
    }),
    route(replies.CheckedIn)({
      method: 'post', path: '/api/v1/appointments/check-in', summary: 'Check in by code/QR or (kiosks) the card just read; issues and prints the ticket. An online number (线上取号) checks in here too: its 7-character arrival code or its holder\'s card puts it into the queue (answer `arrived: true`, nothing printed). At a kiosk a code that is not for today is answered like an unknown one; 10 wrong codes in 5 minutes per kiosk, member of staff or address get 429 TOO_MANY_ATTEMPTS', tag: 'appointments',
      auth: 'appointments.checkin', status: 201, alsoStatus: [200],
      body: z.object({ code: z.string().min(4).max(16).optional(), cardToken: z.string().min(8).max(64).optional() }),
      handler: async (req) => {
        const p = req.principal;
        if (req.body.cardToken && p.kind !== 'device') {
          throw new HttpError(400, 'VALIDATION', 'cardToken: only a kiosk can use a card read at its own reader', 'cardToken');
        }
        const r = await checkInAtHall(deps.hall, deps.devices, {
          ...req.body,
          kioskId: p.kind === 'device' ? p.client.id : null,
          throttleKey: p.kind === 'user' ? `user:${p.userId}` : p.kind === 'device' && !p.demo ? `kiosk:${p.client.id}` : `address:${req.ip}`,
          actor: actorOf(p),
          baseUrl: deps.ownBaseUrl(),
          lang: req.lang,
        });
        return reply(r.replayed ? 200 : 201, { ok: true, ...r });
      },
    }),
    route(replies.SlotsSet)({
      method: 'put', path: '/api/v1/admin/appointment-slots', summary: "Set one service's slots for one day (null: generated slots again)", tag: 'appointments',
      auth: 'config.write', body: slotsBody,
      handler: (req) => {
        appts.setSlots(req.body.serviceId, req.body.date, req.body.slots, actorOf(req.principal));
        return { ok: true, slots: appts.slots(req.body.serviceId, req.body.date) };
      },
    }),
  ]);
}
