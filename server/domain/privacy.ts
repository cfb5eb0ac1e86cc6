import { businessDay } from './business-day.js';
import type { HallEvent } from './events.js';
import type { Identity, TicketRecord } from './model.js';

/**
 * The event log is append-only and kept for audits, so no personal data may
 * enter it: a ticket's identity (masked name and ID number, birth date, ID HMAC)
 * is kept apart, keyed by ticket id, where retention can delete it. The event
 * keeps everything else, so reports and rebuilds never need the identity.
 */
export interface SplitEvent {
  event: HallEvent;
  identities: { ticketId: string; businessDay: string; identity: Identity }[];
}

const strip = (t: TicketRecord): TicketRecord => (t.identity ? { ...t, identity: null } : t);

export function splitIdentity(e: HallEvent): SplitEvent {
  if (e.type === 'ticket.issued' && e.ticket.identity) {
    return { event: { ...e, ticket: strip(e.ticket) }, identities: [{ ticketId: e.ticket.id, businessDay: e.ticket.businessDay, identity: e.ticket.identity }] };
  }
  if (e.type === 'ticket.transferred' && e.next.identity) {
    return { event: { ...e, next: strip(e.next) }, identities: [{ ticketId: e.next.id, businessDay: e.next.businessDay, identity: e.next.identity }] };
  }
  if (e.type === 'ticket.routed' && e.next.some((t) => t.identity)) {
    return {
      event: { ...e, next: e.next.map(strip) },
      identities: e.next.filter((t) => t.identity).map((t) => ({ ticketId: t.id, businessDay: t.businessDay, identity: t.identity! })),
    };
  }
  return { event: e, identities: [] };
}

/**
 * Personal data of business days before the returned day is purged: with
 * `days` = 30, on 2026-03-31 everything from 2026-03-01 on is kept.
 */
export function retentionCutoffDay(now: Date, days: number, timeZone: string, resetHour: number): string {
  return businessDay(new Date(now.getTime() - Math.max(0, days) * 86_400_000), timeZone, resetHour);
}
