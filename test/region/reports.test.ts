/**
 * Cross-hall reports computed in SQL on PostgreSQL, checked against the halls' own
 * reports for the same data: two real halls (hand-moved clocks, two business days
 * in two weeks and two months) stream to a region; the region's rows per hall
 * service and day equal each hall's report rows, its rows per hall and week equal
 * each hall's week totals, its rows per catalogue item and month equal the sums of
 * the halls' rows of the services carrying that code. Promised-time compliance is
 * checked against the service times the test itself drove. Each hall day also holds
 * the cases that count differently from a plain ticket: a no-show that is restored
 * and served, online numbers (线上取号) of which one arrives and one expires, a call
 * of one particular ticket, a recall, and a joint case (联办) whose ticket counts for
 * the joint service while its steps count where they are served. CSV and XLSX carry the
 * same figures, escaped as the hall's exports; viewers see only their halls.
 */
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionReport, RegionReportFigures } from '../../common/region.js';
import type { RunningRegion } from '../../region/node.js';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { bareKiosk, idNumber, patchService, patchSettings, TestClock } from '../helpers/features.js';
import { requirePostgres, TestPostgres } from '../helpers/pg.js';
import { waitFor } from '../helpers/ports.js';
import { requireRedis, TestRedis } from '../helpers/redis.js';
import { freePort } from '../helpers/ports.js';
import { REGION_ADMIN_PASSWORD, RegionProcess, regionAdmin, startTestRegion } from './support.js';

/**
 * Two hall days some months back: a Tuesday late in a month and the next Monday, in the
 * next month (09:00 Shanghai). Relative to today, so they stay inside the region's
 * 400-day date floor and keep a whole retained month after them whenever the test runs.
 */
function pickDays() {
  const day = 86_400_000;
  const now = new Date();
  for (let back = 4; ; back++) {
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 0)); // the month's last day
    const tuesday = new Date(last.getTime() - ((last.getUTCDay() - 2 + 7) % 7) * day);
    const monday = new Date(tuesday.getTime() + 6 * day);
    if (monday.getUTCMonth() === last.getUTCMonth()) continue; // the month ends on a Monday: try the one before
    const ymd = (d: Date) => d.toISOString().slice(0, 10);
    const month = (d: Date) => ymd(d).slice(0, 7);
    const lastOf = (d: Date) => ymd(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
    return {
      DAYS: [`${ymd(tuesday)}T01:00:00Z`, `${ymd(monday)}T01:00:00Z`],
      M1: month(tuesday),
      M2: month(monday),
      M1_LAST: lastOf(tuesday),
      M2_LAST: lastOf(monday),
      WEEKS: [ymd(new Date(tuesday.getTime() - day)), ymd(monday)],
      /** Months from the second month to now: a retention that keeps the second month and later. */
      KEEP: now.getUTCFullYear() * 12 + now.getUTCMonth() - (monday.getUTCFullYear() * 12 + monday.getUTCMonth()),
      PARTS: [`_y${month(tuesday).replace('-', 'm')}`, `_y${month(monday).replace('-', 'm')}`],
    };
  }
}
const { DAYS, M1, M2, M1_LAST, M2_LAST, WEEKS, KEEP, PARTS } = pickDays();
const [P1, P2] = PARTS;
const RANGE = `from=${M1}-01&to=${M2_LAST}`;
const CODE = '11330000002482'; // 不动产登记 at both halls
const TAX_CODE = '11330000002999'; // 税务办理 at hall A only
const SERVICES = ['property', 'social', 'tax'] as const;
const WINDOWS: [number, string][] = [[1, 'w1'], [3, 'w3'], [6, 'w6']];
const FIELDS = ['issued', 'served', 'noShows', 'transferred', 'restored', 'remote', 'expired', 'waitAvg', 'waitMedian', 'waitP90', 'serviceAvg', 'ratings', 'satisfaction'] as const;
const pick = (r: any) => Object.fromEntries(FIELDS.map((f) => [f, r[f]]));
/** Online numbers for 社保 (social): checked in at the kiosk with their code, expired an hour after they were taken. */
const REMOTE = { enabled: true, arrivalRule: 'keep', expireMinutes: 60, perDevicePerDay: 4, perPersonPerDay: 2, quotas: { social: 10 }, doorCode: 'new' };

interface Rig {
  id: string;
  area: string;
  hall: RunningHall;
  dir: string;
  clock: TestClock;
  admin: Api;
  promised: Map<string, number>;
  /** The joint service (二手房交易联办: property, then tax). */
  jointId: string;
}

describe.runIf(requirePostgres() && requireRedis())('region reports (SQL) against the halls’ own reports', () => {
  let cluster: TestPostgres;
  let redis: TestRedis;
  let region: RunningRegion;
  let admin: Api;
  let databaseUrl: string;
  const rigs: Rig[] = [];
  /** What the test drove: each served record's hall, day, service and minutes of service. */
  const served: { hall: string; service: string; minutes: number }[] = [];

  async function drive(r: Rig, seed: number): Promise<void> {
    const kiosk = (await bareKiosk(r.admin, `kiosk-${seed}`)).api;
    for (const [d, at] of DAYS.entries()) {
      r.clock.set(at);
      for (let i = 0; i < 8 + seed; i++) {
        expect((await kiosk.post('/api/v1/tickets', { serviceId: SERVICES[(i + seed + d) % 3] })).status).toBe(201);
        r.clock.advance(1 + ((i * 7 + seed) % 5));
      }
      let k = seed + d;
      for (const [n, w] of WINDOWS) {
        const clerk = await clerkAt(r.hall.url, n);
        for (;;) {
          r.clock.advance(2 + (k % 7));
          const called = await clerk.post(`/api/v1/windows/${w}/call-next`);
          if (!called.body?.ticket) break;
          const service = called.body.ticket.serviceId;
          k++;
          if (k % 5 === 0) {
            expect((await clerk.post(`/api/v1/windows/${w}/no-show`)).status).toBe(200);
            continue;
          }
          if (k % 7 === 0 && w !== 'w6') {
            expect((await clerk.post(`/api/v1/windows/${w}/transfer`, { toServiceId: 'tax' })).status).toBe(200);
            continue;
          }
          if (k % 2 === 0) {
            r.clock.advance(1);
            expect((await clerk.post(`/api/v1/windows/${w}/start`)).status).toBe(200);
          }
          const minutes = 5 + ((k * 11) % 50);
          r.clock.advance(minutes);
          expect((await clerk.post(`/api/v1/windows/${w}/finish`)).status).toBe(200);
          served.push({ hall: r.id, service, minutes });
          if (k % 3 !== 0) r.hall.deps.hall.ratings.fromEvaluator(w, 1 + (k % 5), k % 5 <= 1 ? 2 : null, { kind: 'device', id: 'evaluator' });
        }
      }
      await specialCases(r, kiosk, seed, d);
    }
  }

  /** The cases that count differently from a plain ticket, on the hall's day after the windows' queues ran dry. */
  async function specialCases(r: Rig, kiosk: Api, seed: number, d: number): Promise<void> {
    const ok = async (p: Promise<{ status: number; body: any }>, status = 200) => {
      const res = await p;
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      return res.body;
    };
    const phone = new Api(r.hall.url);
    const take = (n: number) => ok(phone.post('/api/v1/remote/tickets', { serviceId: 'social', name: '李四', idNumber: idNumber('1985-05-05', `${seed}${d}${n}`), deviceId: `phone-${seed}-${d}-${n}-0123456789abcdef` }), 201);
    const arrives = await take(1);
    const expires = await take(2);
    r.clock.advance(2);
    const a = (await ok(kiosk.post('/api/v1/tickets', { serviceId: 'social' }), 201)).ticket;
    const b = (await ok(kiosk.post('/api/v1/tickets', { serviceId: 'social' }), 201)).ticket;
    r.clock.advance(3);
    expect((await ok(kiosk.post('/api/v1/appointments/check-in', { code: arrives.view.remote.arrivalCode }), 201)).arrived).toBe(true);
    r.clock.advance(4 + seed);
    const w3 = await clerkAt(r.hall.url, 3);
    const serve = async (clerk: Api, w: string, service: string, minutes: number) => {
      r.clock.advance(minutes);
      await ok(clerk.post(`/api/v1/windows/${w}/finish`));
      served.push({ hall: r.id, service, minutes });
    };
    // call-ticket: b before a, then a recall (the service runs from the recall)
    expect((await ok(w3.post('/api/v1/windows/w3/call-ticket', { ticketId: b.id }))).ticket.id).toBe(b.id);
    r.clock.advance(1);
    await ok(w3.post('/api/v1/windows/w3/recall'));
    await serve(w3, 'w3', 'social', 7 + d);
    // a no-show, restored, called again and served
    await ok(w3.post('/api/v1/windows/w3/call-ticket', { ticketId: a.id }));
    r.clock.advance(1);
    await ok(w3.post('/api/v1/windows/w3/no-show'));
    r.clock.advance(2);
    expect((await ok(w3.post(`/api/v1/tickets/${a.id}/restore`))).ticket.status).toBe('waiting');
    r.clock.advance(3 + seed);
    await ok(w3.post('/api/v1/windows/w3/call-ticket', { ticketId: a.id }));
    r.clock.advance(1);
    await ok(w3.post('/api/v1/windows/w3/start'));
    await serve(w3, 'w3', 'social', 40 + seed);
    // the online number that arrived: its wait runs from its arrival, not from when it was taken
    await ok(w3.post('/api/v1/windows/w3/call-ticket', { ticketId: arrives.ticket.id }));
    await serve(w3, 'w3', 'social', 9);
    // a joint case: step 1 at property (w2), step 2 at tax (w6), one number
    const joint = (await ok(kiosk.post('/api/v1/tickets', { serviceId: r.jointId }), 201)).ticket;
    r.clock.advance(2 + d);
    const w2 = await clerkAt(r.hall.url, 2);
    await ok(w2.post('/api/v1/windows/w2/call-ticket', { ticketId: joint.id }));
    await serve(w2, 'w2', 'property', 12);
    r.clock.advance(4);
    const w6 = await clerkAt(r.hall.url, 6);
    expect((await ok(w6.post('/api/v1/windows/w6/call-ticket', { number: joint.number }))).ticket.serviceId).toBe('tax');
    await serve(w6, 'w6', 'tax', 20 + seed);
    // the other online number never arrives: it expires an hour after it was taken
    r.clock.advance(61);
    r.hall.deps.hall.remote.expireDue();
    expect(r.hall.deps.ctx.store.tickets.get(expires.ticket.id)!.status).toBe('expired');
  }

  beforeAll(async () => {
    [cluster, redis] = await Promise.all([TestPostgres.start(), TestRedis.start()]);
    databaseUrl = await cluster.createDatabase('reports');
    region = await startTestRegion(databaseUrl, redis.url);
    admin = await regionAdmin(region.url);
    for (const [i, [id, area]] of [['hall-a', 'north'], ['hall-b', 'south']].entries()) {
      const token = (await admin.post('/region/v1/halls', { id, name: id, area })).body.token;
      const dir = tempDir();
      const clock = new TestClock(Date.parse(DAYS[0]));
      const hall = await startTestHall(dir, { now: clock.now, uplink: { idleMs: 50, minBackoffMs: 50, maxBackoffMs: 200 } });
      const hallAdmin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
      await patchService(hallAdmin, 'property', { catalogueCode: CODE });
      await patchSettings(hallAdmin, { remoteQueue: REMOTE });
      const joint = await hallAdmin.post('/api/v1/admin/services', {
        departmentId: 'general', name: { 'zh-CN': '二手房交易联办', en: 'Second-hand home sale (joint)' }, prefix: 'J', route: { steps: [['property'], ['tax']] },
      });
      expect(joint.status, JSON.stringify(joint.body)).toBe(201);
      if (i === 0) {
        await patchService(hallAdmin, 'tax', { catalogueCode: TAX_CODE });
        // a hall name that a spreadsheet would run as a formula: the exports must escape it
        await patchSettings(hallAdmin, { hallName: { 'zh-CN': '=HYPERLINK("x")', 'zh-TW': '=HYPERLINK("x")', en: '=HYPERLINK("x")' } });
      } else {
        // a department named in zh-CN and zh-TW only: an English report falls back to its zh-CN name
        expect((await hallAdmin.req('PUT', '/api/v1/admin/departments/general', { name: { 'zh-CN': '综合服务', 'zh-TW': '綜合服務' }, zone: 'D' })).status).toBe(200);
      }
      const promised = new Map<string, number>((await hallAdmin.get('/api/v1/admin/services')).body.services.map((s: any) => [s.id, s.promisedMinutes]));
      expect((await hallAdmin.req('PATCH', '/api/v1/admin/uplink', { enabled: true, url: region.url, hallId: id, token })).status).toBe(200);
      rigs.push({ id, area, hall, dir, clock, admin: hallAdmin, promised, jointId: joint.body.service.id });
    }
    for (const [i, r] of rigs.entries()) await drive(r, i + 1);
    for (const r of rigs) {
      // the hall clock moved days ahead: sign in again for the checks
      r.admin = await Api.login(r.hall.url, 'admin', ADMIN_PASSWORD);
      await waitFor(`${r.id}'s uplink to catch up`, async () => {
        const s = (await r.admin.get('/api/v1/admin/uplink')).body.state;
        return s.connected && s.lagEvents === 0;
      });
    }
    await Promise.all(
      rigs.map(async (r) => {
        for (const q of ['by=service&period=day', 'by=service&period=week', 'by=service&period=month']) {
          const res = await r.admin.get(`/api/v1/admin/reports?${RANGE}&${q}`);
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          own.set(`${r.id} ${q}`, res.body);
        }
      }),
    );
  }, 300_000);
  afterAll(async () => {
    for (const r of rigs) {
      await r.hall.close();
      removeDir(r.dir);
    }
    await region?.close();
    await Promise.all([cluster?.stop(), redis?.stop()]);
  });

  const regionReport = async (q: string, api = admin): Promise<RegionReport> => {
    const r = await api.get(`/region/v1/reports?${RANGE}&${q}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  /** The halls' own reports (each replays the hall's log in a process of its own: fetched once, in beforeAll). */
  const own = new Map<string, any>();
  const hallReport = async (r: Rig, q: string) => own.get(`${r.id} ${q}`);

  it('per hall service and day: every row equals the hall’s own report row', async () => {
    const region = await regionReport('by=service&period=day');
    let compared = 0;
    for (const r of rigs) {
      const own = await hallReport(r, 'by=service&period=day');
      const mine = region.rows.filter((x) => x.key.startsWith(`${r.id}/`));
      expect(mine.map((x) => `${x.period} ${x.key.slice(r.id.length + 1)}`)).toEqual(own.rows.map((x: any) => `${x.period} ${x.key}`).sort());
      for (const row of own.rows) {
        const theirs = mine.find((x) => x.period === row.period && x.key === `${r.id}/${row.key}`)!;
        expect(pick(theirs), `${r.id} ${row.period} ${row.key}`).toEqual(pick(row));
        compared++;
      }
      expect(own.totals.served).toBeGreaterThan(10);
      expect(own.totals.noShows + own.totals.transferred).toBeGreaterThan(0);
      expect(own.totals.ratings['5'] + own.totals.ratings['1']).toBeGreaterThan(0);
      // the special cases are in the hall's own figures: 2 days × (one restore, two online numbers of which one expired, one joint case)
      expect(own.totals).toMatchObject({ restored: 2, remote: 4, expired: 2, completed: 2 });
      expect(own.rows.filter((x: any) => x.key === r.jointId).map((x: any) => x.issued)).toEqual([1, 1]);
    }
    expect(compared).toBeGreaterThanOrEqual(12);
  });

  it('per hall and week: every row equals the hall’s own week totals (waits’ median and P90 included)', async () => {
    const region = await regionReport('by=hall&period=week');
    for (const r of rigs) {
      const own = await hallReport(r, 'by=service&period=week');
      const mine = region.rows.filter((x) => x.key === r.id);
      expect(mine.map((x) => x.period)).toEqual(WEEKS);
      for (const t of own.periodTotals) expect(pick(mine.find((x) => x.period === t.period)), `${r.id} ${t.period}`).toEqual(pick(t));
    }
    expect(region.rows.find((x) => x.key === 'hall-a')!.label).toBe('=HYPERLINK("x")');
  });

  it('per catalogue item and month: the sums of the halls’ rows of the services with that code', async () => {
    const region = await regionReport('by=catalogue&period=month');
    const codes = new Map([['hall-a/property', CODE], ['hall-b/property', CODE], ['hall-a/tax', TAX_CODE]]);
    const expected = new Map<string, Record<string, number>>();
    for (const r of rigs) {
      for (const row of (await hallReport(r, 'by=service&period=month')).rows) {
        const key = `${row.period} ${codes.get(`${r.id}/${row.key}`) ?? ''}`;
        const e = expected.get(key) ?? { issued: 0, served: 0, noShows: 0, transferred: 0, r1: 0, r5: 0 };
        for (const f of ['issued', 'served', 'noShows', 'transferred'] as const) e[f] += row[f];
        e.r1 += row.ratings['1'];
        e.r5 += row.ratings['5'];
        expected.set(key, e);
      }
    }
    const got = new Map(region.rows.map((x) => [`${x.period} ${x.key}`, { issued: x.issued, served: x.served, noShows: x.noShows, transferred: x.transferred, r1: x.ratings['1'], r5: x.ratings['5'] }]));
    expect(got).toEqual(expected);
    expect([...got.keys()]).toContain(`${M1} ${CODE}`);
    expect(region.rows.find((x) => x.key === CODE)!.label).toBe('不动产登记');
    // the grand total is every hall's grand total together
    const totals = await Promise.all(rigs.map(async (r) => (await hallReport(r, 'by=service&period=month')).totals));
    expect(region.totals.issued).toBe(totals.reduce((s, t) => s + t.issued, 0));
    expect(region.totals.served).toBe(totals.reduce((s, t) => s + t.served, 0));
  });

  it('promised-time compliance per department: served within the service’s promised minutes, from what the test drove', async () => {
    const region = await regionReport('by=department&period=month');
    const dept: Record<string, string> = { property: 'realestate', social: 'hrss', tax: 'tax' };
    for (const r of rigs) {
      for (const [service, d] of Object.entries(dept)) {
        const mine = served.filter((s) => s.hall === r.id && s.service === service);
        const within = mine.filter((s) => s.minutes <= r.promised.get(service)!).length;
        const rows = region.rows.filter((x) => x.key === `${r.id}/${d}`);
        const sum = (f: (x: RegionReportFigures) => number | null) => rows.reduce((a, x) => a + (f(x) ?? 0) * x.served, 0);
        expect(rows.reduce((a, x) => a + x.served, 0), `${r.id} ${d}`).toBe(mine.length);
        // compliance per month row × served = the compliant count of that month; summed over months
        expect(Math.round(sum((x) => x.promisedCompliance)), `${r.id} ${d}`).toBe(within);
      }
    }
    const some = region.rows.map((x) => x.promisedCompliance).filter((c) => c !== null);
    expect(some.some((c) => c! < 1)).toBe(true);
    // labelled with the hall's name and the department's name from its configuration
    expect(region.rows.find((x) => x.key === 'hall-b/realestate')!.label).toMatch(/^县政务服务中心 · [^-\s]+$/);
  });

  it('CSV and XLSX carry the JSON figures; a hall name that looks like a formula is escaped', async () => {
    const json = await regionReport('by=hall&period=month');
    const csv = await fetch(`${region.url}/region/v1/reports?${RANGE}&by=hall&period=month&format=csv`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = Buffer.from(await csv.arrayBuffer()).toString('utf8'); // (Response.text() would drop the BOM)
    expect(text.startsWith('\uFEFF周期 period,编号 key,名称 label,取号 issued')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(json.rows.length + 2);
    expect(lines.find((l) => l.includes(',hall-a,'))).toContain(`"'=HYPERLINK(""x"")"`);
    const a = json.rows.find((x) => x.key === 'hall-a')!;
    expect(lines.find((l) => l.startsWith(`${a.period},hall-a,`))).toContain(`,${a.issued},${a.served},${a.noShows},`);

    const xlsx = await fetch(`${region.url}/region/v1/reports?${RANGE}&by=hall&period=month&format=xlsx`, { headers: { authorization: `Bearer ${admin.token}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as any);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(json.rows.length + 2);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const row2 = (ws.getRow(2).values as unknown[]).slice(1);
    const first = json.rows[0];
    expect(row2[header.indexOf('取号 issued')]).toBe(first.issued);
    expect(row2[header.indexOf('等候P90秒 waitP90')]).toBe(first.waitP90);
    expect((ws.getRow(ws.rowCount).values as unknown[])[header.indexOf('取号 issued') + 1]).toBe(json.totals.issued);
  });

  it('a viewer sees the halls of their areas only; bad options get a clear error', async () => {
    expect((await admin.post('/region/v1/users', { username: 'south', password: 'south-pw-1', role: 'viewer', areas: ['south'] })).status).toBe(201);
    const viewer = new Api(region.url, (await new Api(region.url).post('/region/v1/auth/login', { username: 'south', password: 'south-pw-1' })).body.token);
    const r = await regionReport('by=hall&period=month', viewer);
    expect(new Set(r.rows.map((x) => x.key))).toEqual(new Set(['hall-b']));
    const own = (await hallReport(rigs[1], 'by=service&period=month')).totals;
    expect(r.totals.issued).toBe(own.issued);

    const bad = await admin.get(`/region/v1/reports?from=${M2_LAST}&to=${M1}-01`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_DATE');
    const by = await admin.get(`/region/v1/reports?from=${M1}-01&to=${M1}-02&by=staff`);
    expect(by.body.error.code).toBe('VALIDATION');
    expect((await new Api(region.url).get(`/region/v1/reports?from=${M1}-01&to=${M1}-02`)).status).toBe(401);
  });

  /** What the halls themselves call their hall, services and departments (each LocalizedText), by hall id. */
  const hallNames = async () => {
    const out = new Map<string, { hall: any; services: Map<string, any>; departments: Map<string, any> }>();
    for (const r of rigs) {
      const services = (await r.admin.get('/api/v1/admin/services')).body.services;
      const departments = (await r.admin.get('/api/v1/departments')).body;
      out.set(r.id, {
        hall: (await r.admin.get('/api/v1/admin/settings')).body.settings.hallName,
        services: new Map(services.map((x: any) => [x.id, x])),
        departments: new Map((departments.departments ?? departments).map((x: any) => [x.id, x])),
      });
    }
    return out;
  };
  /** The live view's rule: the name in the language, zh-CN when the hall gave none in it. */
  const inLang = (t: Record<string, string | undefined>, lang: string) => t[lang] || t['zh-CN']!;
  const unlabelled = (r: RegionReport) => ({ ...r, rows: r.rows.map(({ label: _, ...x }) => x) });

  it('labels and file headings in the viewer’s language (lang=zh-TW|en): the names the halls gave, zh-CN where they gave none; the figures never change', async () => {
    const names = await hallNames();
    const b = names.get('hall-b')!;
    // the fallbacks under test exist: the joint service has no zh-TW name, hall-b's 综合服务 no English one
    expect(names.get('hall-a')!.services.get(rigs[0].jointId).name['zh-TW']).toBeUndefined();
    expect(b.departments.get('general').name.en).toBeUndefined();
    for (const lang of ['en', 'zh-TW'] as const) {
      for (const by of ['hall', 'service', 'department', 'catalogue'] as const) {
        const base = await regionReport(`by=${by}&period=month`);
        const mine = await regionReport(`by=${by}&period=month&lang=${lang}`);
        expect(unlabelled(mine), `${by} ${lang}`).toEqual(unlabelled(base));
        for (const row of mine.rows) {
          const [hallId, id] = row.key.split('/');
          const n = names.get(hallId);
          const expected =
            by === 'hall' ? inLang(n!.hall, lang)
            : by === 'service' ? `${inLang(n!.hall, lang)} · ${inLang(n!.services.get(id).name, lang)}`
            : by === 'department' ? `${inLang(n!.hall, lang)} · ${inLang(n!.departments.get(id).name, lang)}`
            : row.key === '' ? { en: '(no catalogue code)', 'zh-TW': '（無事項編碼）' }[lang]
            : inLang([...names.values()].flatMap((h) => [...h.services.values()]).find((x) => x.catalogueCode === row.key).name, lang);
          expect(row.label, `${by} ${lang} ${row.key}`).toBe(expected);
        }
      }
    }
    const en = await regionReport('by=service&period=month&lang=en');
    expect(en.rows.find((x) => x.key === 'hall-b/property')!.label).toBe('County Government Service Centre · Property registration');
    const tw = await regionReport('by=service&period=month&lang=zh-TW');
    expect(tw.rows.find((x) => x.key === `hall-b/${rigs[1].jointId}`)!.label).toBe('縣政務服務中心 · 二手房交易联办');
    const dept = await regionReport('by=department&period=month&lang=en');
    expect(dept.rows.find((x) => x.key === 'hall-b/general')!.label).toBe('County Government Service Centre · 综合服务');
    // zh-CN asked for is the default
    expect(await regionReport('by=department&period=month&lang=zh-CN')).toEqual(await regionReport('by=department&period=month'));

    // files: headings and the total row in the language, the same cells otherwise (XLSX read back)
    const sheet = async (q: string) => {
      const res = await fetch(`${region.url}/region/v1/reports?${RANGE}&${q}&format=xlsx`, { headers: { authorization: `Bearer ${admin.token}` } });
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
      const ws = wb.worksheets[0];
      return { name: ws.name, rows: Array.from({ length: ws.rowCount }, (_, i) => (ws.getRow(i + 1).values as unknown[]).slice(1)) };
    };
    const zh = await sheet('by=service&period=month');
    const files = { en: await sheet('by=service&period=month&lang=en'), 'zh-TW': await sheet('by=service&period=month&lang=zh-TW') };
    expect(zh.rows[0].slice(0, 4)).toEqual(['周期 period', '编号 key', '名称 label', '取号 issued']);
    expect(files.en.rows[0].slice(0, 4)).toEqual(['Period', 'Key', 'Name', 'Issued']);
    expect(files['zh-TW'].rows[0].slice(0, 4)).toEqual(['週期 period', '編號 key', '名稱 label', '取號 issued']);
    expect(files.en.rows[0]).toContain('Satisfaction');
    expect(files['zh-TW'].rows[0]).toContain('滿意率 satisfaction');
    expect([zh.name, files.en.name, files['zh-TW'].name]).toEqual(['区域考核报表', 'Region report', '區域考核報表']);
    for (const [lang, f] of Object.entries(files)) {
      const json = lang === 'en' ? en : tw;
      expect(f.rows).toHaveLength(zh.rows.length);
      expect(f.rows.slice(1).map((r) => r[2])).toEqual([...json.rows.map((x) => x.label), lang === 'en' ? 'Total' : '合計']);
      expect(f.rows.slice(1).map((r) => r.filter((_, i) => i !== 2))).toEqual(zh.rows.slice(1).map((r) => r.filter((_, i) => i !== 2)));
    }
    expect(zh.rows[zh.rows.length - 1][2]).toBe('合计');
    const csv = await fetch(`${region.url}/region/v1/reports?${RANGE}&by=hall&period=month&format=csv&lang=en`, { headers: { authorization: `Bearer ${admin.token}` } });
    const text = Buffer.from(await csv.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFFPeriod,Key,Name,Issued,Served,No-shows')).toBe(true);
    expect(text).toContain(',County Government Service Centre,');
    expect(text.trim().split('\r\n').at(-1)).toMatch(/^\S+~\S+,\*,Total,/);

    // the ratings export of the halls' month: names as the halls gave them, the same ratings in every language
    const ratings = async (lang: string) => (await admin.get(`/region/v1/ratings/export?from=${M2}-01&to=${M2_LAST}&lang=${lang}`)).body.ratings as any[];
    const [zhRatings, enRatings] = [await ratings('zh-CN'), await ratings('en')];
    expect(enRatings.length).toBeGreaterThan(0);
    expect(enRatings.map((r) => [r.id, r.grade, r.reasons, r.windowName])).toEqual(zhRatings.map((r) => [r.id, r.grade, r.reasons, r.windowName]));
    for (const r of enRatings) {
      const n = names.get(r.hallId)!;
      const service = n.services.get(r.serviceId);
      expect([r.hallName, r.serviceName, r.departmentName]).toEqual([inLang(n.hall, 'en'), inLang(service.name, 'en'), inLang(n.departments.get(service.departmentId).name, 'en')]);
    }

    for (const q of ['lang=fr', 'lang=zh-cn', 'lang=', 'lang=en&lang=zh-TW', 'lang=EN&format=csv']) {
      const bad = await admin.get(`/region/v1/reports?${RANGE}&${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.body, q).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^lang: /) } });
    }
  });

  // last: it drops the first month's raw rows
  it('retention (REGION_RETENTION_MONTHS) drops whole old months of raw rows; reports over retained days are unchanged, old days keep their counts', async () => {
    const get = async (api: Api, path: string) => {
      const r = await api.get(path);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    const second = `/region/v1/reports?from=${M2}-01&to=${M2_LAST}&by=service&period=day`;
    const first = `/region/v1/reports?from=${M1}-01&to=${M1_LAST}&by=service&period=day`;
    const secondRatings = `/region/v1/ratings/export?from=${M2}-01&to=${M2_LAST}`;
    const before = { second: await get(admin, second), first: await get(admin, first), secondRatings: await get(admin, secondRatings) };
    expect(before.first.rows.length).toBeGreaterThan(0);
    expect(before.first.totals.waitMedian).not.toBeNull();
    expect((await get(admin, `/region/v1/ratings/export?from=${M1}-01&to=${M1_LAST}`)).ratings.length).toBeGreaterThan(0);
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    pool.on('error', () => undefined);
    const partitions = async () => (await pool.query(`SELECT relname FROM pg_class WHERE relname ~ '(${P1}|${P2})$' ORDER BY relname`)).rows.map((r) => r.relname as string);
    try {
      expect(await partitions()).toEqual([`events${P1}`, `events${P2}`, `ratings${P1}`, `ratings${P2}`, `ticket_samples${P1}`, `ticket_samples${P2}`]);
      // the rows arrived more than a week ago (retention keeps a month that received events lately)
      await pool.query("UPDATE events SET received_at = now() - interval '8 days'");
      // keep the second month and later
      const keep = KEEP;
      const node = new RegionProcess(await freePort(), { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, REGION_ADMIN_PASSWORD, REGION_RETENTION_MONTHS: String(keep) });
      await node.start();
      try {
        await waitFor('the node to drop the first month', async () => !(await partitions()).some((n) => n.endsWith(P1)));
        expect(await partitions()).toEqual([`events${P2}`, `ratings${P2}`, `ticket_samples${P2}`]);
        const viaNode = await regionAdmin(node.url);
        // the retained days: the very same report and ratings
        expect(await get(viaNode, second)).toEqual(before.second);
        expect(await get(viaNode, secondRatings)).toEqual(before.secondRatings);
        // the first month: the daily aggregates stay (counts, average wait, ratings); what needs raw samples is gone
        const after = await get(viaNode, first);
        const kept = (f: any) => ({ issued: f.issued, served: f.served, noShows: f.noShows, transferred: f.transferred, restored: f.restored, remote: f.remote, expired: f.expired, waitAvg: f.waitAvg, ratings: f.ratings, satisfaction: f.satisfaction });
        expect(after.rows.map(kept)).toEqual(before.first.rows.map(kept));
        expect(after.totals).toMatchObject({ waitMedian: null, waitP90: null, serviceAvg: null });
        expect((await get(viaNode, `/region/v1/ratings/export?from=${M1}-01&to=${M1_LAST}`)).ratings).toEqual([]);
      } finally {
        await node.stop();
      }
    } finally {
      await pool.end();
    }
  }, 120_000);
});
