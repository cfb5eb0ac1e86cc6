/**
 * Citizen notifications and booking-platform callbacks: pure rules. What a
 * message holds is decided here, so the docs can list every field that leaves.
 */

export type NotifyKind = 'ticket.near' | 'ticket.called' | 'appointment.checked_in' | 'appointment.no_show';

/** Retry delay after the `attempt`-th failure: 5 s, 10 s, 20 s … doubling, at most 10 minutes. */
export function backoffMs(attempt: number, baseMs = 5_000, maxMs = 600_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

export interface TicketFacts {
  ticketId: string;
  number: string;
  serviceId: string;
  serviceName: string;
  businessDay: string;
  trackToken: string;
  windowNumber?: number;
  ahead?: number;
}

/**
 * The webhook body for a ticket: number, service, window or places ahead, the
 * business day — and the track token only when the hall turned that on. Never a name, ID number or phone.
 */
export function ticketPayload(key: string, kind: 'ticket.near' | 'ticket.called', at: string, hall: string, t: TicketFacts, includeTrackToken: boolean) {
  return {
    id: key,
    kind,
    at,
    hall,
    ticket: {
      number: t.number,
      serviceId: t.serviceId,
      serviceName: t.serviceName,
      businessDay: t.businessDay,
      ...(kind === 'ticket.called' ? { windowNumber: t.windowNumber } : { ahead: t.ahead }),
      ...(includeTrackToken ? { trackToken: t.trackToken } : {}),
    },
  };
}

/** The booking platform's callback: its own appointment id and what happened (it already knows the person). */
export function appointmentPayload(key: string, kind: 'appointment.checked_in' | 'appointment.no_show', at: string, a: { appointmentId: string; serviceId: string; date: string; slotStart: string; ticketNumber?: string }) {
  return { id: key, kind, at, appointment: { id: a.appointmentId, serviceId: a.serviceId, date: a.date, slotStart: a.slotStart, ...(a.ticketNumber ? { ticketNumber: a.ticketNumber } : {}) } };
}

/** Idempotency keys: one message per ticket and condition (a recall is a new call). */
export const nearKey = (ticketId: string) => `near:${ticketId}`;
export const calledKey = (ticketId: string, calledAt: string) => `called:${ticketId}:${calledAt}`;
export const appointmentKey = (kind: string, appointmentId: string, attempt: number) => `${kind}:${appointmentId}:${attempt}`;

/** Citizen messages whose moment can pass; booking callbacks never expire (they keep their retries). */
export const EXPIRING_KINDS: readonly string[] = ['ticket.near', 'ticket.called'];

/**
 * Why a citizen message is no longer worth sending (null: it still is). "Near the
 * front" holds only while the ticket waits; "called" only while it is called and
 * not yet being served. Either is stale `expireMinutes` after it was queued: a
 * message held up by a receiver outage is dropped, not sent hours later.
 */
export function expiryReason(
  m: { kind: string; createdAt: string },
  ticketStatus: string | null,
  now: Date,
  expireMinutes: number,
): string | null {
  if (!EXPIRING_KINDS.includes(m.kind)) return null;
  if (ticketStatus === null) return 'the ticket is gone';
  if (m.kind === 'ticket.near' && ticketStatus !== 'waiting') return `the ticket is no longer waiting (${ticketStatus})`;
  if (m.kind === 'ticket.called' && ticketStatus !== 'called') return `the ticket is no longer called (${ticketStatus})`;
  const ageMinutes = (now.getTime() - Date.parse(m.createdAt)) / 60_000;
  if (expireMinutes > 0 && ageMinutes >= expireMinutes) return `older than ${expireMinutes} min`;
  return null;
}
