import type { ReportBy, ReportFigures, ReportPeriod, ReportRow } from '../../common/supervision.js';
import { emptyGradeCounts, satisfaction, type GradeCounts } from './ratings.js';
import { mean, percentile, roundSeconds, roundShare, share, sortNumbers } from './stats.js';

/**
 * The assessment report, replayed from the event log alone so anyone can derive
 * it again and audit it. Definitions (each ticket record = one ticket at one
 * service; a transfer makes a new record that keeps the number):
 * - issued: `ticket.issued` in the period, counted for the service of issue. For
 *   a window or staff row: tickets handed to it (called there at least once).
 * - served / noShows / transferred: records finished / marked no-show /
 *   transferred, counted where the record was last called.
 * - wait: from joining the queue (issue, transfer or restore) to the call that
 *   took it out of the queue; one sample per such call, counted where called.
 * - service time: from the start of service (or the last call when never
 *   started) to the finish, for served records.
 * - ratings: `rating.given` for records of the period, where they were rated.
 * - satisfaction = (n5 + n4) / (n1 + … + n5); greenShare = green-channel / issued.
 * - restored: no-shows restored (過號恢復). A record's outcome is counted once: a
 *   restore takes back its no-show, so served + noShows never exceed the records.
 * - joint cases (联办): the case's ticket is issued for the joint service (its row
 *   counts issued, completed = every step done, caseAvg = issue to last step's
 *   finish); each step's record is step work (`steps`) of the step's service, and
 *   its call, wait, finish or no-show count there like any record.
 * - remote / expired: online numbers (线上取号) issued, and those that expired
 *   unarrived; a remote ticket's wait runs from its arrival, not from issue.
 * A record belongs to the business day it was issued on.
 */
export interface ReportEvent {
  type: string;
  at: string;
  windowId: string | null;
  ticketId: string | null;
  data: Record<string, any>;
}

export interface ReportOptions {
  from: string;
  to: string;
  period: ReportPeriod;
  by: ReportBy;
  labels: { service: Map<string, string>; window: Map<string, string>; staff: Map<string, string> };
}

interface Rec {
  serviceId: string;
  day: string;
  green: boolean;
  waitingSince: string | null;
  windowId: string | null;
  staffId: string | null;
  lastCalledAt: string | null;
  servingAt: string | null;
  /** Windows or staff this record was counted for (once each); usually one. */
  handledBy: string[];
  /** When its last event happened (ms). */
  lastAtMs: number;
  /** Finished, no-show, cancelled or transferred on (until a restore). */
  ended: boolean;
  /** Where its no-show was counted (a restore takes it back there). */
  noShowAt: { windowId: string | null; staffId: string | null } | null;
  /** Joint handling: the case (first ticket's id) and the step this record is. */
  caseId: string | null;
  routeStep: number | null;
}

/** A joint case in progress: its service of issue, when it was issued, its records not yet done. */
interface Case {
  serviceId: string;
  day: string;
  issuedAt: string;
  total: number;
  open: Set<string>;
}

/**
 * A record that has ended (finished, no-show, cancelled, transferred) can still get
 * a rating within minutes or a restore within the day, but nothing two days later:
 * the replay forgets it then, so a year's report holds about two days of ended
 * records instead of every ticket of the year. Records that have not ended are
 * kept (the business-day rollover ends them, even after a long power-off).
 */
const FORGET_AFTER_MS = 48 * 3600_000;

interface Acc {
  issued: number;
  green: number;
  served: number;
  noShows: number;
  transferred: number;
  remote: number;
  expired: number;
  waits: number[];
  services: number[];
  ratings: GradeCounts;
  restored: number;
  steps: number;
  completed: number;
  cases: number[];
}

const newAcc = (): Acc => ({ issued: 0, green: 0, served: 0, noShows: 0, transferred: 0, remote: 0, expired: 0, waits: [], services: [], ratings: emptyGradeCounts(), restored: 0, steps: 0, completed: 0, cases: [] });
const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The bucket a business day falls in: the day, the Monday of its week, or YYYY-MM. */
export function periodOf(day: string, period: ReportPeriod): string {
  if (period === 'day') return day;
  if (period === 'month') return day.slice(0, 7);
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const monday = new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000);
  return `${monday.getUTCFullYear()}-${pad(monday.getUTCMonth() + 1)}-${pad(monday.getUTCDate())}`;
}

export function figures(a: Acc): ReportFigures {
  const waits = sortNumbers(a.waits);
  return {
    issued: a.issued,
    served: a.served,
    noShows: a.noShows,
    transferred: a.transferred,
    remote: a.remote,
    expired: a.expired,
    waitAvg: roundSeconds(mean(waits)),
    waitMedian: roundSeconds(percentile(waits, 0.5)),
    waitP90: roundSeconds(percentile(waits, 0.9)),
    serviceAvg: roundSeconds(mean(a.services)),
    ratings: { ...a.ratings },
    satisfaction: roundShare(satisfaction(a.ratings)),
    greenShare: roundShare(share(a.green, a.issued)),
    restored: a.restored,
    steps: a.steps,
    completed: a.completed,
    caseAvg: roundSeconds(mean(a.cases)),
  };
}

export const NO_STAFF = '-';

export function buildReport(events: Iterable<ReportEvent>, opts: ReportOptions): { rows: ReportRow[]; periodTotals: (ReportFigures & { period: string })[]; totals: ReportFigures } {
  const recs = new Map<string, Rec>();
  const rows = new Map<string, Acc>();
  const periods = new Map<string, Acc>();
  const totals = newAcc();
  const inRange = (day: string) => day >= opts.from && day <= opts.to;

  const row = (rec: Rec, key: string): Acc => {
    const id = `${periodOf(rec.day, opts.period)}\u0000${key}`;
    let a = rows.get(id);
    if (!a) rows.set(id, (a = newAcc()));
    return a;
  };
  const periodAcc = (rec: Rec): Acc => {
    const p = periodOf(rec.day, opts.period);
    let a = periods.get(p);
    if (!a) periods.set(p, (a = newAcc()));
    return a;
  };
  /** The row of this record for the report's dimension, plus the period and grand totals. */
  const targets = (rec: Rec, where: { windowId: string | null; staffId: string | null }): Acc[] => {
    const key = opts.by === 'service' ? rec.serviceId : opts.by === 'window' ? where.windowId : (where.staffId ?? NO_STAFF);
    return key === null ? [periodAcc(rec), totals] : [row(rec, key), periodAcc(rec), totals];
  };
  const here = (rec: Rec) => ({ windowId: rec.windowId, staffId: rec.staffId });

  /** Ended records by ticket id, least recently touched first (touching moves one to the end). */
  const ended = new Map<string, Rec>();
  const find = (id: string | null | undefined) => (id ? (recs.get(id) ?? ended.get(id)) : undefined);
  const touch = (id: string, rec: Rec, atMs: number) => {
    rec.lastAtMs = atMs;
    ended.delete(id);
    if (rec.ended) {
      recs.delete(id);
      ended.set(id, rec);
    } else recs.set(id, rec);
  };
  type Made = { serviceId: string; priority: string; caseId?: string | null; routeStep?: number | null };
  const fresh = (t: Made, day: string, at: string, atMs: number): Rec => ({
    serviceId: t.serviceId, day, green: t.priority === 'green', waitingSince: at, windowId: null, staffId: null, lastCalledAt: null, servingAt: null,
    handledBy: [], lastAtMs: atMs, ended: false, noShowAt: null, caseId: t.caseId ?? null, routeStep: t.routeStep ?? null,
  });
  /** Joint cases by case id; a case leaves when complete, cancelled, or forgotten with its records. */
  const cases = new Map<string, Case>();
  /** A step record made (issue, next step, transfer): step work of its service, and open in its case. */
  const stepMade = (id: string, rec: Rec) => {
    const c = rec.caseId ? cases.get(rec.caseId) : undefined;
    if (!c) return;
    c.open.add(id);
    for (const a of opts.by === 'service' ? [row(rec, rec.serviceId), periodAcc(rec), totals] : [periodAcc(rec), totals]) a.steps++;
  };
  /** A case's row is its joint service's, on the case's day. */
  const caseRows = (c: Case): Acc[] => {
    const p = periodOf(c.day, opts.period);
    let pa = periods.get(p);
    if (!pa) periods.set(p, (pa = newAcc()));
    if (opts.by !== 'service') return [pa, totals];
    const id = `${p}\u0000${c.serviceId}`;
    let a = rows.get(id);
    if (!a) rows.set(id, (a = newAcc()));
    return [a, pa, totals];
  };

  for (const e of events) {
    const d = e.data;
    const atMs = Date.parse(e.at);
    for (const [id, r] of ended) {
      if (r.lastAtMs >= atMs - FORGET_AFTER_MS) break;
      ended.delete(id);
      if (r.caseId) cases.delete(r.caseId);
    }
    if (e.type === 'ticket.issued') {
      const t = d.ticket;
      if (!t || !inRange(t.businessDay)) continue;
      const rec = fresh(t, t.businessDay, e.at, atMs);
      touch(t.id, rec, atMs);
      // A joint case's ticket is issued for the joint service (its service of issue), not its first step's.
      const issuedFor = t.caseServiceId ?? rec.serviceId;
      const counted = opts.by === 'service' ? [row(rec, issuedFor), periodAcc(rec), totals] : [periodAcc(rec), totals];
      const remote = t.status === 'remote';
      if (remote) rec.waitingSince = null;
      for (const a of counted) (a.issued++, rec.green && a.green++, remote && a.remote++);
      if (t.caseServiceId && rec.caseId) {
        cases.set(rec.caseId, { serviceId: t.caseServiceId, day: t.businessDay, issuedAt: t.issuedAt ?? e.at, total: t.routeTotal ?? 1, open: new Set() });
        stepMade(t.id, rec);
      }
      continue;
    }
    if (e.type === 'rating.given') {
      const rec = find(e.ticketId);
      const grade = String(d.grade) as keyof GradeCounts;
      if (!rec || !(grade in totals.ratings)) continue;
      touch(e.ticketId!, rec, atMs);
      const where = { windowId: d.windowId ?? e.windowId ?? rec.windowId, staffId: d.staffId !== undefined ? d.staffId : rec.staffId };
      for (const a of targets(rec, where)) a.ratings[grade]++;
      continue;
    }
    if (e.type === 'ticket.routed') {
      // Joint handling: the case's next steps queue from now, on the case's day, with its number.
      for (const n of d.next ?? []) {
        if (!inRange(n.businessDay)) continue;
        const rec = fresh(n, n.businessDay, e.at, atMs);
        touch(n.id, rec, atMs);
        stepMade(n.id, rec);
      }
      continue;
    }
    const rec = find(d.ticketId);
    if (!rec) continue;
    if (e.type === 'ticket.finished' || e.type === 'ticket.no_show' || e.type === 'ticket.cancelled' || e.type === 'ticket.transferred' || e.type === 'ticket.expired') rec.ended = true;
    if (e.type === 'ticket.restored') rec.ended = false;
    touch(d.ticketId, rec, atMs);
    switch (e.type) {
      case 'ticket.called': {
        const fromQueue = rec.waitingSince;
        rec.windowId = d.windowId;
        rec.staffId = d.staffId ?? null;
        rec.lastCalledAt = e.at;
        rec.servingAt = null;
        rec.waitingSince = null;
        for (const a of targets(rec, here(rec))) if (fromQueue) a.waits.push(seconds(fromQueue, e.at));
        // A window or staff row counts the tickets handed to it, once per record.
        const handler = opts.by === 'window' ? rec.windowId : opts.by === 'staff' ? (rec.staffId ?? NO_STAFF) : null;
        if (handler !== null && !rec.handledBy.includes(handler)) {
          rec.handledBy.push(handler);
          const a = row(rec, handler);
          a.issued++;
          if (rec.green) a.green++;
        }
        break;
      }
      case 'ticket.recalled':
        rec.lastCalledAt = e.at;
        break;
      case 'ticket.started':
        rec.servingAt = e.at;
        break;
      case 'ticket.finished': {
        for (const a of targets(rec, here(rec))) {
          a.served++;
          const start = rec.servingAt ?? rec.lastCalledAt;
          if (start) a.services.push(seconds(start, e.at));
        }
        const c = rec.caseId ? cases.get(rec.caseId) : undefined;
        if (c) {
          c.open.delete(d.ticketId);
          if (c.open.size === 0 && rec.routeStep !== null && rec.routeStep >= c.total) {
            for (const a of caseRows(c)) (a.completed++, a.cases.push(seconds(c.issuedAt, e.at)));
            cases.delete(rec.caseId!);
          }
        }
        break;
      }
      case 'ticket.no_show':
        rec.noShowAt = here(rec);
        for (const a of targets(rec, here(rec))) a.noShows++;
        break;
      case 'ticket.cancelled':
        if (rec.caseId) cases.delete(rec.caseId);
        break;
      case 'ticket.transferred': {
        for (const a of targets(rec, here(rec))) a.transferred++;
        const n = d.next;
        if (n) {
          const next = fresh({ ...n, caseId: n.caseId ?? rec.caseId, routeStep: n.routeStep ?? rec.routeStep }, rec.day, e.at, atMs);
          touch(n.id, next, atMs);
          const c = rec.caseId ? cases.get(rec.caseId) : undefined;
          if (c) (c.open.delete(d.ticketId), c.open.add(n.id));
        }
        break;
      }
      case 'ticket.restored':
        // The no-show is taken back (its outcome will be counted once, when it ends again); the restore is counted apart.
        if (rec.noShowAt) for (const a of targets(rec, rec.noShowAt)) (a.noShows--, a.restored++);
        rec.noShowAt = null;
        rec.waitingSince = e.at;
        rec.windowId = null;
        break;
      case 'ticket.arrived':
        // In the hall from now: its wait is measured from arrival, whatever place the hall's rule gave it.
        rec.waitingSince = e.at;
        break;
      case 'ticket.expired':
        for (const a of opts.by === 'service' ? [row(rec, rec.serviceId), periodAcc(rec), totals] : [periodAcc(rec), totals]) a.expired++;
        break;
    }
  }

  const labelOf = (key: string) => {
    const m = opts.by === 'service' ? opts.labels.service : opts.by === 'window' ? opts.labels.window : opts.labels.staff;
    return m.get(key) ?? (key === NO_STAFF ? '（无人签到）' : key);
  };
  const out: ReportRow[] = [...rows.entries()].map(([id, a]) => {
    const [period, key] = id.split('\u0000');
    return { period, key, label: labelOf(key), ...figures(a) };
  });
  out.sort((x, y) => (x.period === y.period ? x.label.localeCompare(y.label, 'zh-CN') || x.key.localeCompare(y.key) : x.period < y.period ? -1 : 1));
  const periodTotals = [...periods.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, a]) => ({ period, ...figures(a) }));
  return { rows: out, periodTotals, totals: figures(totals) };
}
