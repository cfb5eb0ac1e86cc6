/**
 * The same hall log, event by event, through the two counters: the hall's own report
 * (server/domain/report.ts, on the log as stored) and the region's projection (on what
 * the uplink sends: server/uplink/sanitize.ts), in batches that carry the live tickets
 * over as ingest does. Every hall event type is in the log; each service's figures and
 * the live queue must agree.
 */
import { describe, expect, it } from 'vitest';
import { applyEvent, emptyReplayState, isHallEvent, type HallEvent } from '../../../server/domain/events.js';
import { buildReport } from '../../../server/domain/report.js';
import { mean, percentile, roundSeconds, sortNumbers } from '../../../server/domain/stats.js';
import { sanitizeEvent } from '../../../server/uplink/sanitize.js';
import { newProjection, project, type LiveTicket, type Projection } from '../../../region/domain/projection.js';

const DAY = '2026-03-06';
const at = (m: number) => new Date(Date.parse(`${DAY}T01:00:00.000Z`) + m * 60_000).toISOString();
const ticket = (id: string, serviceId: string, m: number, extra: Record<string, unknown> = {}) => ({
  id, number: `A${id}`, seq: 1, prefix: 'A', serviceId, businessDay: DAY, status: 'waiting', priority: 'normal', issuedAt: at(m), queuedAt: at(m),
  calledAt: null, servingAt: null, finishedAt: null, windowId: null, targetWindowId: null, recallCount: 0, trackToken: `track-${id}`, ...extra,
});

/** A hall day using every event type the hall logs (and some audit-only ones). */
function hallLog() {
  const rows: { type: string; at: string; ticketId: string | null; windowId: string | null; data: Record<string, unknown> }[] = [];
  const add = (m: number, type: string, data: Record<string, unknown>, ticketId: string | null = null, windowId: string | null = null) =>
    rows.push({ type, at: at(m), ticketId, windowId, data: { type, at: at(m), ...data } });
  const call = (m: number, id: string, w: string) => add(m, 'ticket.called', { ticketId: id, windowId: w, staffId: 'u-clerk' }, id, w);
  add(0, 'window.opened', { windowId: 'w1', staffId: 'u-clerk' }, null, 'w1');
  add(0, 'ticket.issued', { ticket: ticket('t1', 's1', 0) }, 't1');
  add(1, 'ticket.issued', { ticket: ticket('t2', 's1', 1) }, 't2');
  add(1, 'ticket.printed', { ticketId: 't2' }, 't2');
  add(2, 'ticket.issued', { ticket: ticket('r1', 's1', 2, { status: 'remote' }) }, 'r1');
  add(2, 'ticket.issued', { ticket: ticket('r2', 's2', 2, { status: 'remote' }) }, 'r2');
  add(3, 'ticket.issued', { ticket: ticket('r4', 's1', 3, { status: 'remote' }) }, 'r4');
  call(5, 't1', 'w1');
  add(8, 'ticket.no_show', { ticketId: 't1', automatic: false }, 't1');
  call(9, 't2', 'w1');
  add(10, 'ticket.recalled', { ticketId: 't2', windowId: 'w1' }, 't2', 'w1');
  add(12, 'ticket.started', { ticketId: 't2' }, 't2');
  add(20, 'ticket.finished', { ticketId: 't2' }, 't2');
  add(21, 'rating.given', { ratingId: 'g1', ticketId: 't2', serviceId: 's1', windowId: 'w1', grade: 2, reasons: ['long_wait'], source: 'evaluator', staffId: 'u-clerk' }, 't2', 'w1');
  // the restore puts it back at an earlier place in the queue; the report's wait runs from the restore
  add(22, 'ticket.restored', { ticketId: 't1', queuedAt: at(3) }, 't1');
  add(23, 'window.paused', { windowId: 'w1', reason: '休息' }, null, 'w1');
  add(28, 'window.resumed', { windowId: 'w1' }, null, 'w1');
  // an online number checks in: its place is kept (queuedAt = issue), its wait runs from now
  add(30, 'ticket.arrived', { ticketId: 'r1', queuedAt: at(2), by: 'kiosk-code' }, 'r1');
  // call-ticket: r1 out of order at w2, then transferred to s2
  call(35, 'r1', 'w2');
  add(36, 'ticket.transferred', { ticketId: 'r1', next: ticket('r1b', 's2', 2, { transferredFromId: 'r1' }) }, 'r1', 'w2');
  call(40, 't1', 'w1');
  add(50, 'ticket.finished', { ticketId: 't1' }, 't1');
  add(51, 'rating.given', { ratingId: 'g2', ticketId: 't1', serviceId: 's1', windowId: 'w1', grade: 5, reasons: [], source: 'evaluator' }, 't1', 'w1');
  add(60, 'ticket.expired', { ticketId: 'r2' }, 'r2');
  // joint handling: a case for the joint service j, steps at s1 then s2
  add(61, 'ticket.issued', { ticket: ticket('k1', 's1', 61, { caseId: 'k1', caseServiceId: 'j', routeStep: 1, routeTotal: 2 }) }, 'k1');
  call(62, 'k1', 'w1');
  add(63, 'ticket.issued', { ticket: ticket('c1', 's2', 63) }, 'c1');
  add(64, 'ticket.cancelled', { ticketId: 'c1', reason: '本人要求' }, 'c1');
  add(65, 'alert.raised', { alertId: 'a1', key: 'wait:s2', kind: 'long-wait', value: 30, threshold: 20 });
  add(70, 'ticket.finished', { ticketId: 'k1' }, 'k1');
  add(70, 'ticket.routed', { caseId: 'k1', step: 2, next: [ticket('k2', 's2', 61, { caseId: 'k1', routeStep: 2, routeTotal: 2 })] }, 'k1');
  call(75, 'k2', 'w2');
  add(80, 'ticket.finished', { ticketId: 'k2' }, 'k2');
  add(81, 'alert.resolved', { key: 'wait:s2' });
  // left waiting at the end, at places the hall kept: an online number arrived under "keep", a transfer keeping the first queue time
  add(85, 'ticket.arrived', { ticketId: 'r4', queuedAt: at(3), by: 'door' }, 'r4');
  add(86, 'ticket.issued', { ticket: ticket('t4', 's3', 86) }, 't4');
  call(87, 't4', 'w3');
  add(88, 'ticket.transferred', { ticketId: 't4', next: ticket('t4b', 's2', 86, { transferredFromId: 't4' }) }, 't4', 'w3');
  call(90, 'r1b', 'w2');
  add(92, 'ticket.no_show', { ticketId: 'r1b', automatic: true }, 'r1b');
  add(93, 'ticket.issued', { ticket: ticket('t3', 's2', 93) }, 't3');
  add(94, 'ticket.issued', { ticket: ticket('r3', 's2', 94, { status: 'remote' }) }, 'r3');
  add(95, 'window.closed', { windowId: 'w1' }, null, 'w1');
  // the log is in time order, as the hall writes it
  expect(rows.map((r) => r.at)).toEqual(rows.map((r) => r.at).sort());
  return rows.map((r, i) => ({ id: i + 1, ...r }));
}

/** The region's figures per service from the projections of all batches (as report-repo sums them). */
function regionFigures(ps: Projection[]) {
  const by = new Map<string, { issued: number; served: number; noShows: number; transferred: number; restored: number; remote: number; expired: number; waitSeconds: number; waits: number; w: number[]; s: number[]; ratings: number[] }>();
  const of = (k: string) => by.get(k) ?? (by.set(k, { issued: 0, served: 0, noShows: 0, transferred: 0, restored: 0, remote: 0, expired: 0, waitSeconds: 0, waits: 0, w: [], s: [], ratings: [0, 0, 0, 0, 0] }), by.get(k)!);
  for (const p of ps) {
    for (const d of p.daily.values()) {
      const f = of(d.serviceId);
      for (const k of ['issued', 'served', 'noShows', 'transferred', 'restored', 'remote', 'expired', 'waitSeconds', 'waits'] as const) f[k] += d[k];
      d.ratings.forEach((n, i) => (f.ratings[i] += n));
    }
    for (const x of p.samples) of(x.serviceId)[x.kind].push(x.seconds);
  }
  return new Map([...by].map(([k, f]) => {
    const w = sortNumbers(f.w);
    return [k, {
      issued: f.issued, served: f.served, noShows: f.noShows, transferred: f.transferred, restored: f.restored, remote: f.remote, expired: f.expired,
      waitAvg: roundSeconds(f.waits ? f.waitSeconds / f.waits : null), waitMedian: roundSeconds(percentile(w, 0.5)), waitP90: roundSeconds(percentile(w, 0.9)),
      serviceAvg: roundSeconds(mean(f.s)), ratings: { '1': f.ratings[0], '2': f.ratings[1], '3': f.ratings[2], '4': f.ratings[3], '5': f.ratings[4] },
    }];
  }));
}

describe('region projection against the hall’s own report, on the same log', () => {
  for (const size of [1, 3, 1000]) {
    it(`every service’s figures and the live queue agree (batches of ${size})`, () => {
      const rows = hallLog();
      const sent = rows.map((r) => sanitizeEvent({ id: r.id, at: r.at, type: r.type, window_id: r.windowId, ticket_id: r.ticketId, data: JSON.stringify(r.data) }));
      const live = new Map<string, LiveTicket>();
      const ps: Projection[] = [];
      for (let i = 0; i < sent.length; i += size) {
        const batch = sent.slice(i, i + size);
        const p = newProjection([...live.values()]);
        for (const e of batch) project(p, e);
        for (const id of p.changedTickets) live.set(id, p.tickets.get(id)!);
        ps.push(p);
      }
      const report = buildReport(rows.map((r) => ({ type: r.type, at: r.at, windowId: r.windowId, ticketId: r.ticketId, data: r.data })), {
        from: DAY, to: DAY, period: 'day', by: 'service', labels: { service: new Map(), window: new Map(), staff: new Map() },
      });
      const region = regionFigures(ps);
      const FIELDS = ['issued', 'served', 'noShows', 'transferred', 'restored', 'remote', 'expired', 'waitAvg', 'waitMedian', 'waitP90', 'serviceAvg', 'ratings'] as const;
      const pick = (r: any) => Object.fromEntries(FIELDS.map((f) => [f, r[f]]));
      expect(new Map(report.rows.map((r) => [r.key, pick(r)]))).toEqual(region);
      // the scenario really holds what it claims: a restored no-show, online numbers, a joint case, a transfer
      expect(report.totals).toMatchObject({ restored: 1, noShows: 1, remote: 4, expired: 1, transferred: 2, completed: 1 });
      expect(report.rows.find((r) => r.key === 'j')).toMatchObject({ issued: 1 });

      // live: the same tickets wait as in the hall's own state (an unarrived online number does not)
      const hall = emptyReplayState();
      for (const r of rows) if (isHallEvent(r.type)) applyEvent(hall, { ...r.data, type: r.type, at: r.at } as unknown as HallEvent);
      const waitingIn = (ts: Iterable<{ status: string }>, key: (t: any) => string) => [...ts].filter((t) => t.status === 'waiting').map(key).sort();
      expect(waitingIn(live.values(), (t) => t.ticketId)).toEqual(waitingIn(hall.tickets.values(), (t) => t.id));
      expect(waitingIn(live.values(), (t) => t.ticketId)).toEqual(['r4', 't3', 't4b']);
      // the longest wait per service, from the same place in the queue as the hall's own live view
      const oldest = (ts: Iterable<{ status: string; serviceId: string; queuedAt: string }>) => {
        const m = new Map<string, string>();
        for (const t of ts) if (t.status === 'waiting' && !(m.get(t.serviceId)! <= t.queuedAt)) m.set(t.serviceId, t.queuedAt);
        return m;
      };
      expect(oldest(live.values())).toEqual(oldest(hall.tickets.values()));
      expect(oldest(live.values())).toEqual(new Map([['s1', at(3)], ['s2', at(86)]]));
      expect(live.get('r3')!.status).toBe('remote');
      expect(live.get('r2')!.status).toBe('ended');
    });
  }
});
