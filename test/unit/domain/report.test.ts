import { describe, expect, it } from 'vitest';
import { buildReport, periodOf, type ReportEvent, type ReportOptions } from '../../../server/domain/report.js';
import { at, ticket } from './fixtures.js';

const labels = { service: new Map([['s1', '业务一'], ['s2', '业务二']]), window: new Map([['w1', '1号窗口']]), staff: new Map([['u1', '张三']]) };
const opts = (over: Partial<ReportOptions> = {}): ReportOptions => ({ from: '2026-11-28', to: '2026-11-28', period: 'day', by: 'service', labels, ...over });

const ev = (type: string, atIso: string, data: Record<string, unknown>, extra: Partial<ReportEvent> = {}): ReportEvent => ({
  type, at: atIso, windowId: (data.windowId as string) ?? null, ticketId: (data.ticketId as string) ?? null, data: { type, at: atIso, ...data }, ...extra,
});
const issued = (id: string, minute: number, over: Parameters<typeof ticket>[0] extends infer T ? Partial<T> : never = {}) =>
  ev('ticket.issued', at(minute), { ticket: ticket({ id, serviceId: 's1', queuedAt: at(minute), issuedAt: at(minute), ...over }) }, { ticketId: id });
const called = (id: string, minute: number, windowId = 'w1', staffId: string | null = 'u1') => ev('ticket.called', at(minute), { ticketId: id, windowId, staffId });

/** A small day, worked out by hand in the comments. */
function day(): ReportEvent[] {
  return [
    issued('a', 0), // waits 10 min, served 9:10–9:20 after start at 9:12 → service 8 min, rated 5
    issued('b', 1, { priority: 'green' }), // waits 19, no-show
    issued('c', 2), // waits 28, transferred to s2 at 9:35; new record c2 waits 5 → served 9:40–9:50 (no start: from call)
    issued('x', 5, { businessDay: '2026-11-27' }), // another day: ignored
    called('a', 10),
    ev('ticket.started', at(12), { ticketId: 'a' }),
    ev('ticket.finished', at(20), { ticketId: 'a' }),
    ev('rating.given', at(21), { ticketId: 'a', windowId: 'w1', staffId: 'u1', grade: 5 }),
    called('b', 20),
    ev('ticket.recalled', at(22), { ticketId: 'b', windowId: 'w1' }),
    ev('ticket.no_show', at(25), { ticketId: 'b', automatic: false }),
    called('c', 30),
    ev('ticket.transferred', at(35), { ticketId: 'c', next: ticket({ id: 'c2', serviceId: 's2', transferredFromId: 'c', queuedAt: at(2) }) }),
    called('c2', 40, 'w2', 'u2'),
    ev('ticket.finished', at(50), { ticketId: 'c2' }),
    ev('rating.given', at(51), { ticketId: 'c2', windowId: 'w2', staffId: 'u2', grade: 2, reasons: ['slow'] }),
    called('x', 50),
    ev('rating.given', at(52), { grade: 1 }), // no ticket: cannot be placed, ignored
  ];
}

describe('assessment report reducer', () => {
  it('a ticket quiet for two days is forgotten: a late rating no longer lands, a timely one does', () => {
    const later = (hours: number) => new Date(Date.parse(at(21)) + hours * 3600_000).toISOString();
    const events = [
      ...day().slice(0, 8), // a issued, called, started, finished at 9:20, rated 5 at 9:21
      issued('d', 30),
      called('d', 31),
      ev('ticket.finished', at(32), { ticketId: 'd' }),
      ev('rating.given', later(47), { ticketId: 'd', windowId: 'w1', staffId: 'u1', grade: 4 }), // 47 h after its last event
      ev('rating.given', later(47.5), { ticketId: 'a', windowId: 'w1', staffId: 'u1', grade: 1 }), // a's last event was 47.5 h ago… less than 48
      ev('rating.given', later(96), { ticketId: 'd', windowId: 'w1', staffId: 'u1', grade: 3 }), // d was touched at 47 h: 49 h quiet
    ];
    const r = buildReport(events, opts({ to: '2026-11-30' }));
    expect(r.totals.ratings).toEqual({ '1': 1, '2': 0, '3': 0, '4': 1, '5': 1 });
  });

  it('a ticket still in hand is never forgotten: the rollover after a weekend power-off still counts it', () => {
    const later = (hours: number) => new Date(Date.parse(at(5)) + hours * 3600_000).toISOString();
    const events = [
      issued('e', 0),
      called('e', 5),
      issued('f', 1),
      called('f', 6),
      ev('ticket.no_show', at(8), { ticketId: 'f', automatic: false }),
      ev('ticket.finished', later(62), { ticketId: 'e', reason: 'day_closed' }), // the hall came back on Monday
      ev('ticket.restored', later(62), { ticketId: 'f' }), // ended 62 h ago: forgotten, nothing to restore
    ];
    const r = buildReport(events, opts({ to: '2026-12-01' }));
    expect(r.totals).toMatchObject({ issued: 2, served: 1, noShows: 1 });
    expect(r.totals.serviceAvg).toBeCloseTo(62 * 3600, -1);
  });

  it('per service: counts, waits, service times, ratings, shares', () => {
    const r = buildReport(day(), opts());
    const s1 = r.rows.find((x) => x.key === 's1')!;
    const s2 = r.rows.find((x) => x.key === 's2')!;
    expect(s1).toMatchObject({ period: '2026-11-28', label: '业务一', issued: 3, served: 1, noShows: 1, transferred: 1 });
    expect(s1.waitAvg).toBeCloseTo(((10 + 19 + 28) * 60) / 3, 1);
    expect(s1.waitMedian).toBe(19 * 60);
    expect(s1.waitP90).toBeCloseTo((19 + 0.8 * 9) * 60, 1); // h = 2·0.9 = 1.8
    expect(s1.serviceAvg).toBe(8 * 60);
    expect(s1.ratings).toEqual({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 1 });
    expect(s1.satisfaction).toBe(1);
    expect(s1.greenShare).toBeCloseTo(1 / 3, 4);
    expect(s2).toMatchObject({ issued: 0, served: 1, waitAvg: 300, serviceAvg: 600, satisfaction: 0, greenShare: null });
    expect(r.totals).toMatchObject({ issued: 3, served: 2, noShows: 1, transferred: 1, satisfaction: 0.5 });
    expect(r.totals.ratings).toEqual({ '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 });
    expect(r.totals.waitMedian).toBe(((10 + 19) / 2) * 60); // 5, 10, 19, 28 minutes
    expect(r.periodTotals).toEqual([{ period: '2026-11-28', ...r.totals }]);
  });

  it('per window and staff: tickets handed to them count as their "issued"', () => {
    const byWindow = buildReport(day(), opts({ by: 'window' }));
    expect(byWindow.rows.map((r) => [r.key, r.issued, r.served, r.noShows, r.transferred])).toEqual([
      ['w1', 3, 1, 1, 1],
      ['w2', 1, 1, 0, 0],
    ]);
    expect(byWindow.rows[0].greenShare).toBeCloseTo(1 / 3, 4);
    const byStaff = buildReport(day(), opts({ by: 'staff' }));
    expect(byStaff.rows.map((r) => [r.key, r.label, r.issued, r.ratings['5'], r.ratings['2']])).toEqual([
      ['u2', 'u2', 1, 0, 1],
      ['u1', '张三', 3, 1, 0],
    ].sort((a, b) => String(a[1]).localeCompare(String(b[1]), 'zh-CN')));
    expect(byStaff.totals.issued).toBe(3);
  });

  it('a restored no-show waits again from its restore; recalls move the service start', () => {
    const events = [
      issued('r', 0),
      called('r', 5),
      ev('ticket.no_show', at(8), { ticketId: 'r' }),
      ev('ticket.restored', at(10), { ticketId: 'r', queuedAt: at(0) }),
      called('r', 16),
      ev('ticket.recalled', at(18), { ticketId: 'r', windowId: 'w1' }),
      ev('ticket.finished', at(21), { ticketId: 'r' }),
    ];
    const r = buildReport(events, opts());
    // Counted once: served (its outcome), not also a no-show; the restore is reported apart.
    expect(r.totals).toMatchObject({ issued: 1, noShows: 0, restored: 1, served: 1, waitAvg: ((5 + 6) / 2) * 60, serviceAvg: 180 });
  });

  it('served + noShows never exceed issued, however often a no-show is restored, per service, window and staff', () => {
    const events = [
      issued('r', 0),
      called('r', 5),
      ev('ticket.no_show', at(8), { ticketId: 'r' }),
      ev('ticket.restored', at(10), { ticketId: 'r', queuedAt: at(0) }),
      called('r', 16, 'w2', 'u2'),
      ev('ticket.no_show', at(18), { ticketId: 'r' }), // missed again at another window: a no-show there
      ev('ticket.restored', at(19), { ticketId: 'r', queuedAt: at(0) }),
      called('r', 20),
      ev('ticket.finished', at(21), { ticketId: 'r' }),
      issued('s', 1),
      called('s', 30),
      ev('ticket.no_show', at(31), { ticketId: 's' }),
      ev('ticket.restored', at(32), { ticketId: 's', queuedAt: at(1) }),
      called('s', 33),
      ev('ticket.no_show', at(35), { ticketId: 's' }), // restored, then missed for good: one no-show
    ];
    for (const by of ['service', 'window', 'staff'] as const) {
      const r = buildReport(events, opts({ by }));
      expect(r.totals).toMatchObject({ issued: 2, served: 1, noShows: 1, restored: 3 });
      for (const row of r.rows) expect(row.served + row.noShows).toBeLessThanOrEqual(row.issued);
    }
    const byWindow = buildReport(events, opts({ by: 'window' }));
    expect(byWindow.rows.find((x) => x.key === 'w2')).toMatchObject({ noShows: 0, restored: 1 });
    expect(byWindow.rows.find((x) => x.key === 'w1')).toMatchObject({ served: 1, noShows: 1, restored: 2 });
  });

  it('a joint case is issued for its joint service; steps are step work of theirs; the case row has completed and end-to-end time', () => {
    const step = (id: string, serviceId: string, routeStep: number) => ticket({ id, serviceId, queuedAt: at(0), caseId: 'j', caseServiceId: 'sj', routeStep, routeTotal: 2 });
    const events = [
      ev('ticket.issued', at(0), { ticket: step('j', 's1', 1) }, { ticketId: 'j' }),
      called('j', 4),
      ev('ticket.finished', at(10), { ticketId: 'j' }),
      ev('ticket.routed', at(10), { caseId: 'j', step: 2, next: [step('j2', 's2', 2), step('j3', 's3', 2)] }),
      called('j3', 12, 'w3', 'u3'),
      ev('ticket.finished', at(15), { ticketId: 'j3' }),
      called('j2', 13, 'w2', 'u2'),
      ev('ticket.finished', at(25), { ticketId: 'j2' }), // the last step's last record: case done 25 min after issue
      // A second case stops at its first step (no-show): issued, never completed.
      ev('ticket.issued', at(1), { ticket: { ...step('k', 's1', 1), caseId: 'k' } }, { ticketId: 'k' }),
      called('k', 30),
      ev('ticket.no_show', at(32), { ticketId: 'k' }),
    ];
    const r = buildReport(events, opts());
    const rowOf = (k: string) => r.rows.find((x) => x.key === k);
    expect(rowOf('sj')).toMatchObject({ issued: 2, completed: 1, caseAvg: 25 * 60, served: 0, steps: 0 });
    expect(rowOf('s1')).toMatchObject({ issued: 0, steps: 2, served: 1, noShows: 1 });
    expect(rowOf('s2')).toMatchObject({ issued: 0, steps: 1, served: 1 });
    expect(rowOf('s3')).toMatchObject({ issued: 0, steps: 1, served: 1 });
    expect(r.totals).toMatchObject({ issued: 2, completed: 1, steps: 4, served: 3 });
  });

  it('joint-handling steps are new records that queue from their routing', () => {
    const events = [
      issued('j', 0),
      called('j', 4),
      ev('ticket.finished', at(10), { ticketId: 'j' }),
      ev('ticket.routed', at(10), { caseId: 'j', step: 2, next: [ticket({ id: 'j2', serviceId: 's2', queuedAt: at(0) })] }),
      called('j2', 13, 'w2', 'u2'),
      ev('ticket.finished', at(20), { ticketId: 'j2' }),
    ];
    const r = buildReport(events, opts());
    expect(r.rows.find((x) => x.key === 's2')).toMatchObject({ issued: 0, served: 1, waitAvg: 180, serviceAvg: 420 });
    expect(r.totals).toMatchObject({ issued: 1, served: 2, waitAvg: ((4 + 3) / 2) * 60 });
  });

  it('groups business days into weeks (Monday) and months', () => {
    expect(periodOf('2026-11-28', 'day')).toBe('2026-11-28');
    expect(periodOf('2026-11-28', 'week')).toBe('2026-11-23'); // a Saturday
    expect(periodOf('2026-11-23', 'week')).toBe('2026-11-23');
    expect(periodOf('2026-11-29', 'week')).toBe('2026-11-23'); // Sunday ends the ISO week
    expect(periodOf('2026-03-01', 'week')).toBe('2026-02-23');
    expect(periodOf('2026-11-28', 'month')).toBe('2026-11');
    const days = ['2026-11-27', '2026-11-28', '2026-11-30'].map((d, i) => issued(`t${i}`, i, { businessDay: d }));
    const weeks = buildReport(days, opts({ from: '2026-11-01', to: '2026-11-30', period: 'week' }));
    expect(weeks.periodTotals.map((p) => [p.period, p.issued])).toEqual([['2026-11-23', 2], ['2026-11-30', 1]]);
    const months = buildReport(days, opts({ from: '2026-11-01', to: '2026-11-30', period: 'month' }));
    expect(months.rows).toEqual([expect.objectContaining({ period: '2026-11', key: 's1', issued: 3 })]);
  });

  it('nothing in range gives empty rows and null averages, not zeros', () => {
    const r = buildReport([], opts());
    expect(r.rows).toEqual([]);
    expect(r.totals).toMatchObject({ issued: 0, waitAvg: null, waitMedian: null, waitP90: null, serviceAvg: null, satisfaction: null, greenShare: null });
  });
});
