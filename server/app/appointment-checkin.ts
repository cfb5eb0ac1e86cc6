import type { Lang, Ticket } from '../../common/types.js';
import { AttemptLimiter } from '../auth/rate-limit.js';
import { checkInClass, isNoShow, normalizeCode, toMinutes } from '../domain/appointments.js';
import { DomainError } from '../domain/errors.js';
import type { Identity } from '../domain/model.js';
import type { CardHolder } from './identity-service.js';
import type { AppointmentRecord } from '../store/appointment-repo.js';
import type { Actor } from '../store/event-log.js';
import { viewOf, type AppointmentView } from './appointments.js';
import type { Hall } from './hall.js';
import type { IssueRequest } from './issue-ticket.js';
import { issueAtKiosk, type KioskDevicesPort } from './kiosk-issue.js';

export interface CheckInRequest {
  code?: string;
  /**
   * Who is typing codes, for the wrong-code limit: the kiosk, the member of staff,
   * or the address of an unauthenticated (demo loopback) caller.
   */
  throttleKey: string;
  /** A card read at this kiosk's own reader (kiosks only). */
  cardToken?: string;
  /** The kiosk checking in; null when staff check someone in at a desk (no printing). */
  kioskId: string | null;
  actor: Actor;
  baseUrl: string;
  lang: Lang;
}

export interface CheckInResult {
  ticket: Ticket;
  appointment: AppointmentView;
  late: boolean;
  replayed: boolean;
  printed: boolean;
  /** At a kiosk: the ticket page's link, as printed. */
  trackUrl?: string;
}

/**
 * Check-in at a kiosk by appointment code (typed or scanned from the QR) or by
 * ID card (the card's HMAC finds today's appointment). On time gives an
 * 'appointment' ticket, late follows the hall's late rule; the ticket is printed
 * like any kiosk ticket, and the appointment is marked checked in within the
 * ticket's own transaction. Checking in twice gives the same ticket.
 */
export async function checkInAppointment(hall: Hall, devices: KioskDevicesPort, req: CheckInRequest): Promise<CheckInResult> {
  const { store } = hall.ctx;
  const appts = hall.appointments;
  const clock = appts.clock();
  let card: CardHolder | null = null;
  let a: AppointmentRecord | null;
  if (req.code) {
    const limiter = limiterOf(hall);
    const now = hall.ctx.now().getTime();
    assertCodeAttemptAllowed(hall, req.throttleKey);
    a = store.appointments.byCode(normalizeCode(req.code));
    // A kiosk (anyone in the hall) learns nothing from a code that is not for today: not even that it exists.
    const atKiosk = req.kioskId !== null;
    if (!a || (atKiosk && a.date !== clock.date)) {
      limiter.fail(req.throttleKey, now, false);
      throw new DomainError(
        'APPOINTMENT_NOT_FOUND',
        atKiosk ? 'No appointment for today has this code; please check it or ask at the help desk' : 'No appointment has this code; please check it or ask at the help desk',
        'code',
      );
    }
  } else if (req.cardToken && req.kioskId) {
    card = devices.cardIdentity(req.kioskId, req.cardToken);
    if (!card) throw new DomainError('CARD_EXPIRED', 'Please place your ID card on the reader again', 'cardToken');
    a = pickForCard(store.appointments.forPerson(card.identity.idHmac, clock.date), clock.minutes);
    if (!a) throw new DomainError('APPOINTMENT_NOT_FOUND', 'There is no appointment today for this ID card; please take a normal ticket', 'cardToken');
  } else {
    throw new DomainError('VALIDATION', 'Send the appointment code, or (at a kiosk) the cardToken of the card just read', 'code');
  }

  if (a.status === 'checked_in' && a.ticketId) {
    const held = store.tickets.get(a.ticketId);
    if (held && held.status !== 'cancelled' && held.kioskId !== req.kioskId) {
      return { ticket: hall.view().toTicket(held), appointment: viewOf(a), late: false, replayed: true, printed: hall.wasPrinted(held.id) };
    }
    if (held?.status === 'cancelled') {
      // Its print failed: the appointment is open again for a new ticket.
      a = { ...a, status: 'booked', ticketId: null, attempts: a.attempts + 1 };
      store.appointments.update(a.id, { status: 'booked', ticketId: null, attempts: a.attempts, updatedAt: hall.ctx.now().toISOString() });
    }
  }

  const s = hall.ctx.settings();
  const replaying = a.status === 'checked_in';
  if (!replaying && isNoShow(a, clock, s.appointmentLateMinutes)) {
    appts.markNoShow(a);
    throw new DomainError('APPOINTMENT_MISSED', 'This appointment was missed (no check-in in time); please take a normal ticket');
  }
  const decision = replaying
    ? { priority: store.tickets.get(a.ticketId!)!.priority, late: false }
    : checkInClass(a, clock, { early: s.appointmentEarlyMinutes, late: s.appointmentLateMinutes, lateRule: s.lateRule });

  const appt = a;
  const identity: Identity = card?.identity ?? { maskedName: a.maskedName, maskedIdNumber: a.maskedIdNumber, idHmac: a.idHmac };
  const request: IssueRequest = {
    serviceId: a.serviceId,
    priority: decision.priority,
    kioskId: req.kioskId,
    identity,
    birthDate: card?.birthDate ?? null,
    idempotencyKey: `appointment:${a.id}:${a.attempts}`,
    scope: 'appointment',
    actor: req.actor,
    mayGrantPriority: true,
    atKiosk: req.kioskId !== null,
    cardProven: card !== null,
    grant: decision.priority === 'appointment' ? { reason: 'appointment', categoryId: null, grantedBy: null, appointmentId: a.id } : undefined,
    afterIssue: (t) => {
      store.appointments.update(appt.id, { status: 'checked_in', ticketId: t.id, attempts: appt.attempts, updatedAt: t.issuedAt });
      appts.audit('appointment.checked_in', appt, req.actor, { late: decision.late, ticketNumber: t.number }, t.id);
    },
  };
  const out = req.kioskId
    ? await issueAtKiosk(hall, devices, { ...request, kioskId: req.kioskId, baseUrl: req.baseUrl, lang: req.lang })
    : { ...(await hall.issue(request)), printed: false, trackUrl: undefined };
  return {
    ticket: out.ticket,
    appointment: viewOf(store.appointments.get(a.id)!),
    late: decision.late,
    replayed: out.replayed,
    printed: out.printed,
    ...(out.trackUrl ? { trackUrl: out.trackUrl } : {}),
  };
}

/** Wrong codes allowed per kiosk, member of staff or address, in CHECKIN_MISS_WINDOW_MS. */
export const CHECKIN_MAX_MISSES = 10;
export const CHECKIN_MISS_WINDOW_MS = 5 * 60_000;
const limiters = new WeakMap<Hall, AttemptLimiter>();
/** Refuses a typed code while this kiosk or address has had too many wrong ones (before any code is looked up). */
export function assertCodeAttemptAllowed(hall: Hall, throttleKey: string): void {
  const wait = limiterOf(hall).retryAfter(throttleKey, hall.ctx.now().getTime());
  if (wait > 0) {
    throw new DomainError(
      'TOO_MANY_ATTEMPTS',
      `Too many wrong appointment codes here; try again in ${Math.ceil(wait / 1000)} seconds, or check in with the ID card`,
      'code',
    );
  }
}

function limiterOf(hall: Hall): AttemptLimiter {
  let l = limiters.get(hall);
  if (!l) limiters.set(hall, (l = new AttemptLimiter(CHECKIN_MAX_MISSES, CHECKIN_MISS_WINDOW_MS)));
  return l;
}

/** Of one person's appointments today: an open one nearest to now, else one already checked in. */
function pickForCard(list: AppointmentRecord[], minutes: number): AppointmentRecord | null {
  const open = list.filter((x) => x.status === 'booked');
  if (open.length > 0) return open.sort((x, y) => Math.abs(toMinutes(x.slotStart) - minutes) - Math.abs(toMinutes(y.slotStart) - minutes))[0];
  return list.find((x) => x.status === 'checked_in') ?? null;
}
