/**
 * What a batch of a hall's events moves in the region's projections: the live
 * tickets, windows and alerts, and the daily aggregates per business day and
 * service. Pure: the caller loads the tickets the batch refers to and writes the
 * changes back in the transaction that stores the events.
 *
 * Counting follows the hall's report (server/domain/report.ts): a ticket record
 * belongs to the business day and service it was issued for; issued counts
 * `ticket.issued` only (a transfer or a joint-handling step makes a new record that
 * is not issued again); served / no-shows / cancelled / transferred count records
 * that ended so; a wait is one sample per call that takes a record out of the
 * queue, from the event that queued it (issue, transfer, joint-handling step or
 * restore); ratings count for the rated record.
 *
 * As in the hall's report: a joint case's ticket counts as issued for the case's
 * joint service (`caseServiceId`); a restore takes back the record's no-show (its
 * outcome counts once, when it ends again); an online number (status `remote`) is
 * issued but does not wait until it arrives — its wait runs from the arrival — and
 * one that expires unarrived ends without a wait.
 */
import type { UplinkEvent } from '../../common/region.js';
import { storableTime } from './storable.js';

/** `remote`: an online number (线上取号) not in the hall yet: neither waiting nor ended until it arrives or expires. */
export type LiveStatus = 'remote' | 'waiting' | 'called' | 'ended';

export interface LiveTicket {
  ticketId: string;
  serviceId: string;
  businessDay: string;
  status: LiveStatus;
  /** Its place in the hall's queue: the hall's own live view counts the longest wait from it. */
  queuedAt: string;
  /** When its current wait began as the hall's report counts it (issue, transfer, step, restore, arrival); null: `queuedAt`. */
  waitFrom: string | null;
  /** The last call and the start of service (null until then). */
  calledAt: string | null;
  servingAt: string | null;
  /** The ticket's public number (A012) and the window that called it last (for the hall drill-down). */
  number: string | null;
  windowId: string | null;
}

/** One wait ('w': queue → call) or service ('s': start or last call → finish), keyed by the event that ended it. */
export interface Sample {
  seq: number;
  /** The time of the event that ended it (the partition key). */
  at: string;
  kind: 'w' | 's';
  businessDay: string;
  serviceId: string;
  seconds: number;
}

/** One rating as the feed carries it (day and service of the rated record when the region knows it). */
export interface RatingFact {
  seq: number;
  at: string;
  businessDay: string | null;
  serviceId: string | null;
  windowId: string | null;
  grade: number;
  reasons: string[];
  source: string | null;
}

export interface DailyDelta {
  businessDay: string;
  serviceId: string;
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  transferred: number;
  /** No-shows restored (過號恢復): each also took its no-show back. */
  restored: number;
  /** Online numbers (线上取号) issued, and those that expired unarrived. */
  remote: number;
  expired: number;
  waits: number;
  waitSeconds: number;
  /** Count per grade 1..5 (index 0 = grade 1). */
  ratings: [number, number, number, number, number];
}

export interface Projection {
  tickets: Map<string, LiveTicket>;
  /** Tickets changed by the batch (to write back). */
  changedTickets: Set<string>;
  windows: Map<string, string>;
  alertsRaised: Map<string, { kind: string; at: string }>;
  alertsResolved: Set<string>;
  daily: Map<string, DailyDelta>;
  samples: Sample[];
  ratings: RatingFact[];
  /** The business day of the newest issued ticket seen (the hall's "today"). */
  businessDay: string | null;
}

export function newProjection(loaded: LiveTicket[]): Projection {
  return {
    tickets: new Map(loaded.map((t) => [t.ticketId, t])),
    changedTickets: new Set(),
    windows: new Map(),
    alertsRaised: new Map(),
    alertsResolved: new Set(),
    daily: new Map(),
    samples: [],
    ratings: [],
    businessDay: null,
  };
}

/** The ticket ids a batch refers to (so the caller can load them first). */
export function ticketIdsOf(events: UplinkEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) if (e.ticketId) ids.add(e.ticketId);
  return [...ids];
}

function delta(p: Projection, t: LiveTicket): DailyDelta {
  const key = `${t.businessDay}|${t.serviceId}`;
  let d = p.daily.get(key);
  if (!d) {
    d = { businessDay: t.businessDay, serviceId: t.serviceId, issued: 0, served: 0, noShows: 0, cancelled: 0, transferred: 0, restored: 0, remote: 0, expired: 0, waits: 0, waitSeconds: 0, ratings: [0, 0, 0, 0, 0] };
    p.daily.set(key, d);
  }
  return d;
}

type Rec = { id?: unknown; serviceId?: unknown; businessDay?: unknown; number?: unknown; status?: unknown; queuedAt?: unknown };

function put(p: Projection, t: LiveTicket): void {
  p.tickets.set(t.ticketId, t);
  p.changedTickets.add(t.ticketId);
}

/**
 * A time the hall gave in an event's data (a ticket's place in the queue), if PostgreSQL can hold
 * it and JS read it back; else `fallback`. ("infinity" is a timestamptz node-pg reads back as
 * Infinity: the live view and the hall's next batch would fail on it.)
 */
const hallTime = <T>(v: unknown, fallback: T): string | T => (storableTime(v) ? v : fallback);

/** A new record waiting from `at` (the event that queued it), as the hall's report counts waits, at the place the hall gave it. */
function fromRecord(r: Rec, at: string, day?: string): LiveTicket | null {
  if (typeof r?.id !== 'string' || typeof r.serviceId !== 'string' || typeof r.businessDay !== 'string') return null;
  const number = typeof r.number === 'string' ? r.number : null;
  const status: LiveStatus = r.status === 'remote' ? 'remote' : 'waiting';
  const queuedAt = hallTime(r.queuedAt, at);
  return { ticketId: r.id, serviceId: r.serviceId, businessDay: day ?? r.businessDay, status, queuedAt, waitFrom: at, calledAt: null, servingAt: null, number, windowId: null };
}

const seconds = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

function sample(p: Projection, e: UplinkEvent, kind: Sample['kind'], tk: LiveTicket, from: string): void {
  p.samples.push({ seq: e.seq, at: e.at, kind, businessDay: tk.businessDay, serviceId: tk.serviceId, seconds: seconds(from, e.at) });
}

function end(p: Projection, e: UplinkEvent, t: LiveTicket | undefined, how: 'served' | 'noShows' | 'cancelled' | 'transferred'): void {
  if (!t || t.status === 'ended') return;
  delta(p, t)[how] += 1;
  const start = t.servingAt ?? t.calledAt;
  if (how === 'served' && start) sample(p, e, 's', t, start);
  put(p, { ...t, status: 'ended' });
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Applies one event. Events about tickets the region never saw issued move nothing. */
export function project(p: Projection, e: UplinkEvent): void {
  const d = e.data as Record<string, any>;
  const t = e.ticketId ? p.tickets.get(e.ticketId) : undefined;
  switch (e.type) {
    case 'ticket.issued': {
      const rec = fromRecord(d.ticket, e.at);
      if (!rec || p.tickets.has(rec.ticketId)) return;
      put(p, rec);
      // a joint case's ticket is issued for the joint service (its first step is step work of its own service)
      const caseService = str(d.ticket.caseServiceId);
      const dd = delta(p, caseService ? { ...rec, serviceId: caseService } : rec);
      dd.issued += 1;
      if (rec.status === 'remote') dd.remote += 1;
      if (!p.businessDay || rec.businessDay > p.businessDay) p.businessDay = rec.businessDay;
      return;
    }
    case 'ticket.called':
      if (!t) return;
      if (t.status === 'waiting') {
        const from = t.waitFrom ?? t.queuedAt;
        const dd = delta(p, t);
        dd.waits += 1;
        dd.waitSeconds += seconds(from, e.at);
        sample(p, e, 'w', t, from);
      }
      if (t.status !== 'ended') put(p, { ...t, status: 'called', calledAt: e.at, servingAt: null, windowId: e.windowId ?? (typeof d.windowId === 'string' ? d.windowId : t.windowId) });
      return;
    case 'ticket.recalled':
      if (t && t.status !== 'ended') put(p, { ...t, calledAt: e.at });
      return;
    case 'ticket.started':
      if (t && t.status !== 'ended') put(p, { ...t, servingAt: e.at });
      return;
    case 'ticket.finished':
      return end(p, e, t, 'served');
    case 'ticket.no_show':
      return end(p, e, t, 'noShows');
    case 'ticket.cancelled':
      return end(p, e, t, 'cancelled');
    case 'ticket.transferred': {
      end(p, e, t, 'transferred');
      // the new record belongs to the day of the record it continues
      const next = fromRecord(d.next, e.at, t?.businessDay);
      if (next && !p.tickets.has(next.ticketId)) put(p, next);
      return;
    }
    case 'ticket.routed':
      for (const r of Array.isArray(d.next) ? d.next : []) {
        const next = fromRecord(r, e.at);
        if (next && !p.tickets.has(next.ticketId)) put(p, next);
      }
      return;
    case 'ticket.restored':
      // Only a no-show can be restored (server/domain/ticket-machine.ts): the no-show is taken back.
      if (!t) return;
      if (t.status === 'ended') {
        const dd = delta(p, t);
        dd.noShows -= 1;
        dd.restored += 1;
      }
      put(p, { ...t, status: 'waiting', queuedAt: hallTime(d.queuedAt, e.at), waitFrom: e.at, windowId: null });
      return;
    // Only an online number arrives or expires at the hall. A live row stored before the region knew
    // online numbers (region migration 010) says `waiting` for it: taken as the online number it is.
    case 'ticket.arrived':
      // in the hall from now: it waits from its arrival, whatever place the hall's rule gave it
      if (t && (t.status === 'remote' || t.status === 'waiting')) put(p, { ...t, status: 'waiting', queuedAt: hallTime(d.queuedAt, t.queuedAt ?? e.at), waitFrom: e.at });
      return;
    case 'ticket.expired':
      // not arrived in time: ends without a wait
      if (!t || (t.status !== 'remote' && t.status !== 'waiting')) return;
      delta(p, t).expired += 1;
      put(p, { ...t, status: 'ended' });
      return;
    case 'rating.given': {
      const g = Number(d.grade);
      if (!Number.isInteger(g) || g < 1 || g > 5) return;
      if (t) delta(p, t).ratings[g - 1] += 1;
      p.ratings.push({
        seq: e.seq,
        at: e.at,
        businessDay: t?.businessDay ?? null,
        serviceId: t?.serviceId ?? str(d.serviceId),
        windowId: str(d.windowId) ?? e.windowId,
        grade: g,
        reasons: Array.isArray(d.reasons) ? d.reasons.filter((r): r is string => typeof r === 'string') : [],
        source: str(d.source),
      });
      return;
    }
    case 'window.opened':
    case 'window.resumed':
      if (e.windowId) p.windows.set(e.windowId, 'open');
      return;
    case 'window.paused':
      if (e.windowId) p.windows.set(e.windowId, 'paused');
      return;
    case 'window.closed':
      if (e.windowId) p.windows.set(e.windowId, 'closed');
      return;
    case 'alert.raised':
      if (typeof d.key === 'string') {
        p.alertsResolved.delete(d.key);
        p.alertsRaised.set(d.key, { kind: String(d.kind ?? ''), at: e.at });
      }
      return;
    case 'alert.resolved':
      if (typeof d.key === 'string') {
        p.alertsRaised.delete(d.key);
        p.alertsResolved.add(d.key);
      }
      return;
  }
}
