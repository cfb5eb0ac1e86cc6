import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import type { Actor } from '../../server/store/event-log.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { prng } from '../unit/domain/fixtures.js';

/**
 * A busy day driven through the real use cases with an injected clock. The test
 * keeps its own ledger of what it did and works the report out from that alone;
 * the server's report, replayed from the event log, must agree.
 */
const WINDOWS = ['w1', 'w2', 'w3', 'w4', 'w6', 'w9', 'w10'];
const SERVICES = ['property', 'social', 'fund', 'tax'];
const TICKETS = 2000;
const DAY = '2026-11-28';

interface Rec { serviceId: string; green: boolean; waitingSince: number | null; lastCall: number; start: number | null; windowId: string | null; transferred: boolean }
interface Tally { issued: number; green: number; served: number; noShows: number; transferred: number; waits: number[]; services: number[]; ratings: number[] }
const tally = (): Tally => ({ issued: 0, green: 0, served: 0, noShows: 0, transferred: 0, waits: [], services: [], ratings: [0, 0, 0, 0, 0, 0] });

/** Written apart from server/domain/stats.ts on purpose. */
function quantile(values: number[], q: number): number | null {
  if (!values.length) return null;
  const xs = [...values].sort((a, b) => a - b);
  const pos = q * (xs.length - 1);
  const below = xs[Math.floor(pos)];
  const above = xs[Math.ceil(pos)];
  return below + (above - below) * (pos - Math.floor(pos));
}
const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

describe('assessment report of a simulated busy day', () => {
  let dir: string;
  let hall: RunningHall;
  let clock = new Date('2026-11-28T00:00:00Z'); // 08:00 in Shanghai
  const bySvc = new Map<string, Tally>();
  const byWin = new Map<string, Tally>();
  const total = tally();
  const t = (m: Map<string, Tally>, k: string) => (m.get(k) ?? m.set(k, tally()).get(k))!;

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir, { now: () => clock });
    const store = hall.deps.ctx.store;
    store.config.saveService({ ...store.config.service('property')!, dailyQuota: null }); // a busy day outgrows the demo quota
  });
  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('matches an independent calculation from the test’s own ledger', async () => {
    const { hall: h, ctx } = hall.deps;
    const rnd = prng(20261128);
    const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const staff = new Map(WINDOWS.map((w) => [w, ctx.store.auth.userByUsername(`clerk${w.slice(1)}`)!.id]));
    const actorAt = (w: string): Actor => ({ kind: 'user', id: staff.get(w)!, windowId: w });
    const screen: Actor = { kind: 'device', id: 'display-w1', deviceId: 'display-w1' };
    for (const w of WINDOWS) h.windows.open(w, actorAt(w), staff.get(w)!);
    const recs = new Map<string, Rec>();
    const now = () => clock.getTime();
    const all = (r: Rec) => [t(bySvc, r.serviceId), t(byWin, r.windowId!), total];

    let issued = 0;
    let open = 0;
    for (let step = 0; issued < TICKETS || open > 0; step++) {
      clock = new Date(now() + (3 + Math.floor(rnd() * 10)) * 1000);
      if (issued < TICKETS && rnd() < 0.45) {
        const green = rnd() < 0.05;
        const serviceId = pick(SERVICES);
        const { record } = await h.issue({ serviceId, priority: green ? 'green' : 'normal', scope: 'sim', actor: { kind: 'system', id: null }, mayGrantPriority: true });
        recs.set(record.id, { serviceId, green, waitingSince: now(), lastCall: 0, start: null, windowId: null, transferred: false });
        for (const a of [t(bySvc, serviceId), total]) (a.issued++, green && a.green++);
        issued++;
        open++;
        continue;
      }
      const w = pick(WINDOWS);
      const rt = ctx.store.config.runtime(w)!;
      const cur = rt.currentTicketId ? ctx.store.tickets.get(rt.currentTicketId)! : null;
      const r = rnd();
      if (!cur || (cur.status !== 'called' && cur.status !== 'serving')) {
        const res = h.windows.callNext(w, actorAt(w));
        if (!res.ticket) continue;
        const rec = recs.get(res.ticket.id)!;
        rec.windowId = w;
        rec.lastCall = now();
        rec.start = null;
        const win = t(byWin, w);
        win.issued++;
        if (rec.green) win.green++;
        for (const a of all(rec)) a.waits.push((now() - rec.waitingSince!) / 1000);
        rec.waitingSince = null;
        continue;
      }
      const rec = recs.get(cur.id)!;
      if (cur.status === 'called' && r < 0.08) {
        h.windows.noShow(w, actorAt(w));
        for (const a of all(rec)) a.noShows++;
        open--;
      } else if (cur.status === 'called' && r < 0.12) {
        const res = h.windows.recall(w, actorAt(w));
        if (res.autoNoShow) (all(rec).forEach((a) => a.noShows++), open--);
        else rec.lastCall = now();
      } else if (cur.status === 'called' && r < 0.6) {
        h.windows.start(w, actorAt(w));
        rec.start = now();
      } else if (cur.status === 'serving' && r < 0.06 && !rec.transferred) {
        const to = pick(SERVICES.filter((s) => s !== rec.serviceId));
        const res = h.windows.transfer(w, actorAt(w), { toServiceId: to });
        for (const a of all(rec)) a.transferred++;
        recs.set(res.ticket!.id, { serviceId: to, green: rec.green, waitingSince: now(), lastCall: 0, start: null, windowId: null, transferred: true });
      } else {
        h.windows.finish(w, actorAt(w));
        for (const a of all(rec)) (a.served++, a.services.push((now() - (rec.start ?? rec.lastCall)) / 1000));
        open--;
        if (rnd() < 0.35) {
          clock = new Date(now() + 2000);
          h.ratings.request(w, actorAt(w));
          const grade = 1 + Math.floor(rnd() * 5);
          h.ratings.fromScreen(w, grade, grade <= 2 && rnd() < 0.5 ? ['long_wait'] : [], screen, { config: { mode: 'window', window: h.ctx.store.config.window(w)!.number } });
          for (const a of all(rec)) a.ratings[grade]++;
        }
      }
    }
    expect(total.issued).toBe(TICKETS);
    expect(total.served + total.noShows).toBe(TICKETS);
    expect(total.transferred).toBeGreaterThan(20);
    expect(total.ratings.reduce((a, b) => a + b)).toBeGreaterThan(300);
    expect(total.green).toBeGreaterThan(50);
    expect(ctx.store.tickets.waiting()).toHaveLength(0);

    const api = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const check = (row: Record<string, any>, want: Tally, label: string) => {
      const rated = want.ratings.reduce((a, b) => a + b, 0);
      const near = (got: number | null, exp: number | null, what: string) => {
        if (exp === null) return expect(got, `${label} ${what}`).toBeNull();
        expect(Math.abs((got as number) - exp), `${label} ${what}: ${got} vs ${exp}`).toBeLessThanOrEqual(0.051);
      };
      expect([row.issued, row.served, row.noShows, row.transferred], label).toEqual([want.issued, want.served, want.noShows, want.transferred]);
      near(row.waitAvg, avg(want.waits), 'waitAvg');
      near(row.waitMedian, quantile(want.waits, 0.5), 'waitMedian');
      near(row.waitP90, quantile(want.waits, 0.9), 'waitP90');
      near(row.serviceAvg, avg(want.services), 'serviceAvg');
      expect(row.ratings, label).toEqual({ '1': want.ratings[1], '2': want.ratings[2], '3': want.ratings[3], '4': want.ratings[4], '5': want.ratings[5] });
      near(row.satisfaction, rated ? (want.ratings[4] + want.ratings[5]) / rated : null, 'satisfaction');
      near(row.greenShare, want.issued ? want.green / want.issued : null, 'greenShare');
    };

    const services = (await api.get(`/api/v1/admin/reports?period=day&from=${DAY}&to=${DAY}&by=service`)).body;
    expect(services.rows.map((r: { key: string }) => r.key).sort()).toEqual([...SERVICES].sort());
    for (const row of services.rows) check(row, bySvc.get(row.key)!, `service ${row.key}`);
    check(services.totals, total, 'totals');
    expect(services.periodTotals).toHaveLength(1);

    const windows = (await api.get(`/api/v1/admin/reports?period=day&from=${DAY}&to=${DAY}&by=window`)).body;
    expect(windows.rows.map((r: { key: string }) => r.key).sort()).toEqual([...WINDOWS].sort());
    for (const row of windows.rows) check(row, byWin.get(row.key)!, `window ${row.key}`);

    const staffRows = (await api.get(`/api/v1/admin/reports?period=week&from=2026-11-23&to=2026-11-29&by=staff`)).body;
    for (const row of staffRows.rows) check(row, byWin.get([...staff].find(([, id]) => id === row.key)![0])!, `staff ${row.label}`);
    check(staffRows.totals, total, 'week totals');
    expect((await api.get(`/api/v1/admin/reports?period=month&from=2026-11-29&to=2026-11-30&by=service`)).body.totals.issued).toBe(0);

    const csv = Buffer.from(await (await fetch(`${hall.url}/api/v1/admin/reports.csv?from=${DAY}&to=${DAY}&by=service`, { headers: { authorization: `Bearer ${api.token}` } })).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(SERVICES.length + 2);
    expect(lines[0]).toContain('满意率 satisfaction');
    expect(lines.at(-1)).toContain(`合计,${TICKETS},`);
    const xlsx = await fetch(`${hall.url}/api/v1/admin/reports.xlsx?from=${DAY}&to=${DAY}&by=window`, { headers: { authorization: `Bearer ${api.token}` } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  }, 300_000);
});
