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
