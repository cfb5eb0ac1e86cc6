/**
 * The `/region` page's Reports tab in headless Chromium against a real region node (private
 * PostgreSQL + Redis) holding two halls' days: a viewer scoped to one area signs in, opens
 * 报表, gets this month so far, and the table's rows and total equal the API's JSON for the
 * same query (the viewer's halls only); grouping and period change the query; the language
 * switch relabels headings and the halls' names (`lang`); the report's CSV/XLSX and the
 * ratings export download with the session's token under the server's file names and carry
 * what the API serves; a refused range and an unreachable region are shown in the view.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionReport, RegionReportFigures } from '../../common/region.js';
import type { RunningRegion } from '../../region/node.js';
import { Api } from '../helpers/hall.js';
import { requirePostgres, TestPostgres } from '../helpers/pg.js';
import { requireRedis, TestRedis } from '../helpers/redis.js';
import { daysBefore, Events, hallSnapshot, regionAdmin, registerHall } from '../region/support.js';
import { startRegionBrowser, stopRegionBrowser } from './region-rig.js';
import { axe, describeViolations, E2E_TIMEOUT, openPage, skipE2E, until, type OpenPage } from './support.js';

const shots = new URL('../../test-output/', import.meta.url).pathname;
const recent = (minAgo: number) => new Date(Date.now() - minAgo * 60_000).toISOString();
/** The viewer's calendar day (the browser runs in Asia/Shanghai, as the halls). */
const D0 = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** The day before, unless that is last month (then the same day: the default range is this month so far). */
const DM1 = D0.endsWith('-01') ? D0 : daysBefore(D0, 1);
const VIEWER = { username: 'north.viewer', password: 'north-pw-123' };

/** What the page shows for a report's figures (the live view's formats: minutes, whole percentages, "—"). */
const MIN = { 'zh-CN': '分钟', en: 'min' } as const;
function shown(f: RegionReportFigures, lang: keyof typeof MIN): string[] {
  const min = (s: number | null) => (s === null ? '—' : `${(s / 60).toFixed(1)} ${MIN[lang]}`);
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
  const rated = Object.values(f.ratings).reduce((a, b) => a + b, 0);
  return [f.issued, f.served, f.noShows, f.cancelled, f.transferred].map(String)
    .concat([min(f.waitAvg), min(f.waitMedian), min(f.waitP90), min(f.serviceAvg), pct(f.promisedCompliance), pct(f.satisfaction), String(rated)]);
}
const expected = (r: RegionReport, lang: keyof typeof MIN, total: string) => {
  const code = r.by === 'catalogue';
  return {
    rows: r.rows.map((x) => [x.period, x.label, ...(code ? [x.key || '—'] : []), ...shown(x, lang)]),
    total: [total, `${r.from} ~ ${r.to}`, ...(code ? [''] : []), ...shown(r.totals, lang)],
  };
};
async function table(page: Page) {
  const cells = (sel: string) => page.locator(sel).evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent!.trim())));
  return { rows: await cells('table.r-report tbody tr'), total: (await cells('table.r-report tfoot tr'))[0] };
}
/** Waits until the table shows `want` (a reply may still be on its way), then compares (for the message). */
async function tableIs(page: Page, want: Awaited<ReturnType<typeof table>>, what: string) {
  await until(async () => JSON.stringify(await table(page).catch(() => null)) === JSON.stringify(want), what).catch(() => undefined);
  expect(await table(page)).toEqual(want);
}

describe.skipIf(skipE2E || !requirePostgres() || !requireRedis())('region reports view /region', { timeout: E2E_TIMEOUT }, () => {
  let cluster: TestPostgres;
  let redis: TestRedis;
  let region: RunningRegion;
  let browser: Browser;
  let o: OpenPage;
  let viewer: Api;
  let admin: Api;

  beforeAll(async () => {
    ({ cluster, redis, region, browser } = await startRegionBrowser('reports_ui', shots));

    admin = await regionAdmin(region.url);
    const north = await registerHall(admin, 'north-county', '北片区');
    const south = await registerHall(admin, 'south-town', '南片区');
    const base = hallSnapshot('北区县政务服务中心', [['不动产登记', 20, '11330000002482'], ['社保医保', 0, null]], 2);
    const config = {
      ...base,
      hallNames: { 'zh-CN': '北区县政务服务中心', 'zh-TW': '北區縣政務服務中心', en: 'North County Service Centre' },
      services: [{ ...base.services[0], names: { 'zh-CN': '不动产登记', 'zh-TW': '不動產登記', en: 'Real estate registration' } }, base.services[1]],
    };
    // the day before: one served in 5 of its 20 promised minutes after a 3-minute wait (rated 5), one no-show
    const ev = new Events(DM1);
    ev.opened('w1', recent(60));
    ev.opened('w2', recent(60));
    ev.issued('t1', 's1', recent(58));
    ev.issued('t2', 's2', recent(57));
    ev.called('t1', 'w1', recent(55));
    ev.called('t2', 'w2', recent(54));
    ev.noShow('t2', recent(52));
    ev.finished('t1', recent(50));
    ev.rated('t1', 'w1', 5, recent(49));
    // today: two served after 10-minute waits, in 25 (over the promise) and 10 minutes, rated 4 and 2; one waiting
    const today = new Events(D0);
    today.seq = ev.seq;
    today.issued('t3', 's1', recent(40));
    today.issued('t4', 's1', recent(35));
    today.called('t3', 'w1', recent(30));
    today.called('t4', 'w2', recent(25));
    today.issued('t5', 's2', recent(20));
    today.finished('t4', recent(15));
    today.rated('t4', 'w2', 2, recent(14), ['long_wait']);
    today.finished('t3', recent(5));
    today.rated('t3', 'w1', 4, recent(4));
    expect((await north.post('/region/v1/halls/north-county/events', { after: 0, events: [...ev.list, ...today.list], config })).status).toBe(200);
    // a hall of another area, outside the viewer's scope
    const s = new Events(D0);
    s.opened('w1', recent(30));
    s.issued('u1', 's1', recent(20));
    s.called('u1', 'w1', recent(18));
    s.finished('u1', recent(10));
    s.rated('u1', 'w1', 5, recent(9));
    const southConfig = hallSnapshot('南镇便民服务中心', [['不动产登记', 20, '11330000002482']], 1);
    expect((await south.post('/region/v1/halls/south-town/events', { after: 0, events: s.list, config: southConfig })).status).toBe(200);

    expect((await admin.post('/region/v1/users', { ...VIEWER, role: 'viewer', areas: ['北片区'] })).status).toBe(201);
    viewer = new Api(region.url);
    viewer.token = (await viewer.post('/region/v1/auth/login', VIEWER)).body.token;
  }, E2E_TIMEOUT);
  afterAll(() => stopRegionBrowser({ cluster, redis, region, browser }, o));

  it('shows a viewer the report of their halls for this month so far, equal to the API, regrouped and relabelled in their language', async () => {
    o = await openPage(browser, `${region.url}/region`, 1440, 900);
    const page = o.page;
    await page.locator('input[autocomplete=username]').fill(VIEWER.username);
    await page.locator('input[type=password]').fill(VIEWER.password);
    await page.locator('button[type=submit]').click();
    await page.locator('tr[data-hall=north-county]').waitFor();
    // a viewer has the live view and the reports, not the admin's tab
    expect(await page.locator('.r-tabs button').allTextContents()).toEqual(['实时总览', '报表']);
    await page.locator('.r-tabs button', { hasText: '报表' }).click();
    await page.locator('table.r-report').waitFor();
    expect(new URL(page.url()).hash).toBe('#reports');

    const from = `${D0.slice(0, 7)}-01`;
    expect(await page.locator('input[name=from]').inputValue()).toBe(from);
    expect(await page.locator('input[name=to]').inputValue()).toBe(D0);
    const q = `from=${from}&to=${D0}`;
    const mine = (await viewer.get(`/region/v1/reports?${q}&by=hall&period=day`)).body as RegionReport;
    await tableIs(page, expected(mine, 'zh-CN', '合计'), 'the report by hall and day');
    // the viewer's hall only (the admin's report of the same range has the other area's hall too)
    expect(mine.rows.map((r) => r.label)).toEqual(DM1 === D0 ? ['北区县政务服务中心'] : ['北区县政务服务中心', '北区县政务服务中心']);
    expect((await admin.get(`/region/v1/reports?${q}&by=hall&period=day`)).body.totals.issued).toBe(6);
    // the figures the test drove: 5 issued, 3 served, 1 no-show, 2 of 3 within the promise, grades 5, 4, 2
    const total = (await table(page)).total;
    expect([total[2], total[3], total[4], total[7], total[10], total[11], total[12], total[13]]).toEqual(['5', '3', '1', '6.5 分钟', '13.3 分钟', '67%', '67%', '3']);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.screenshot({ path: `${shots}region-reports.png`, animations: 'disabled' });

    // per catalogue item and month: the code column, and the services without a code in one row
    await page.locator('select[name=by]').selectOption('catalogue');
    await page.locator('select[name=period]').selectOption('month');
    const byItem = (await viewer.get(`/region/v1/reports?${q}&by=catalogue&period=month`)).body as RegionReport;
    expect(byItem.rows.map((r) => [r.key, r.label])).toEqual([['', '（无事项编码）'], ['11330000002482', '不动产登记']]);
    await tableIs(page, expected(byItem, 'zh-CN', '合计'), 'the report by catalogue item and month');
    expect(await page.locator('table.r-report th').nth(0).textContent()).toBe('月份');

    // English: the page's headings and the names the halls gave in English (the API's lang)
    await page.locator('.lang-switch button[lang=en]').click();
    await page.locator('table.r-report th', { hasText: 'Within promised time' }).waitFor();
    const en = (await viewer.get(`/region/v1/reports?${q}&by=catalogue&period=month&lang=en`)).body as RegionReport;
    expect(en.rows.map((r) => r.label)).toEqual(['(no catalogue code)', 'Real estate registration']);
    await tableIs(page, expected(en, 'en', 'Total'), 'the English report');
    await page.locator('select[name=by]').selectOption('hall');
    const enHall = (await viewer.get(`/region/v1/reports?${q}&by=hall&period=month&lang=en`)).body as RegionReport;
    await tableIs(page, expected(enHall, 'en', 'Total'), 'the English report by hall');
    expect((await table(page)).rows[0].slice(0, 3)).toEqual([D0.slice(0, 7), 'North County Service Centre', '5']);
    await page.screenshot({ path: `${shots}region-reports-en.png`, animations: 'disabled' });
    await page.locator('.lang-switch button[lang=zh-TW]').click();
    await page.locator('table.r-report th', { hasText: '承諾時限達標率' }).waitFor();
    await until(async () => (await table(page)).rows[0]?.[1] === '北區縣政務服務中心', 'the zh-TW hall name');
    await page.locator('.lang-switch button[lang=en]').click();
    expect(o.errors).toEqual([]);
  });

  it('downloads the report as CSV and XLSX and the range\'s ratings, with the session\'s token, as the API serves them', async () => {
    const page = o.page;
    const from = `${D0.slice(0, 7)}-01`;
    const q = `from=${from}&to=${D0}&lang=en`;
    const save = async (file: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`button[data-file=${file}]`).click()]);
      return { name: dl.suggestedFilename(), body: readFileSync((await dl.path())!) };
    };
    const apiFile = async (path: string) => Buffer.from(await (await fetch(`${region.url}/region/v1${path}`, { headers: { authorization: `Bearer ${viewer.token}` } })).arrayBuffer());
    const sheet = async (buf: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      return { name: ws.name, rows: ws.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1)) };
    };

    const csv = await save('report-csv');
    expect(csv.name).toBe(`region-report-hall-month-${from}-${D0}.csv`);
    expect(csv.body.equals(await apiFile(`/reports?${q}&by=hall&period=month&format=csv`))).toBe(true);
    const text = csv.body.toString('utf8');
    expect(text.startsWith('\uFEFFPeriod,Key,Name,Issued,Served')).toBe(true);
    expect(text).toContain('North County Service Centre');
    expect(text).not.toContain('south-town');

    const xlsx = await save('report-xlsx');
    expect(xlsx.name).toBe(`region-report-hall-month-${from}-${D0}.xlsx`);
    const got = await sheet(xlsx.body);
    expect(got).toEqual(await sheet(await apiFile(`/reports?${q}&by=hall&period=month&format=xlsx`)));
    expect(got.name).toBe('Region report');
    expect(got.rows.map((r) => [r[1], r[2], r[3]])).toEqual([['Key', 'Name', 'Issued'], ['north-county', 'North County Service Centre', 5], ['*', 'Total', 5]]);

    const ratings = await save('ratings-csv');
    expect(ratings.name).toBe(`region-ratings-${from}-${D0}.csv`);
    expect(ratings.body.equals(await apiFile(`/ratings/export?${q}&format=csv`))).toBe(true);
    const lines = ratings.body.toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(4); // the heading and the viewer's three ratings
    expect(lines.slice(1).every((l) => l.includes('North County Service Centre'))).toBe(true);
    const ratingsBook = await sheet((await save('ratings-xlsx')).body);
    expect(ratingsBook.name).toBe('Ratings');
    expect(ratingsBook.rows.slice(1).map((r) => r[12]).sort()).toEqual([2, 4, 5]);
    expect(o.errors).toEqual([]);
  });

  it('shows a range the API refuses and an unreachable region in the view, keeping what the viewer entered', async () => {
    const page = o.page;
    await page.locator('.lang-switch button[lang=zh-CN]').click();
    const to = page.locator('input[name=to]');
    const from = await page.locator('input[name=from]').inputValue();
    await to.fill(daysBefore(from, 1));
    const alert = page.locator('.r-failure[role=alert]');
    await page.locator('[data-error=INVALID_DATE]').waitFor();
    expect(await alert.textContent()).toContain('日期范围无效：结束日期不能早于开始日期，一次最多 400 天。');
    expect(await page.locator('table.r-report').count()).toBe(0);
    expect(await to.inputValue()).toBe(daysBefore(from, 1));
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.screenshot({ path: `${shots}region-reports-refused.png`, animations: 'disabled' });
    await to.fill(D0);
    await page.locator('table.r-report').waitFor();
    expect(await alert.count()).toBe(0);

    // the region unreachable: the report and a download say so; the retry brings the table back
    await page.route('**/region/v1/reports?**', (r) => r.abort('connectionrefused'));
    await page.route('**/region/v1/ratings/export?**', (r) => r.abort('connectionrefused'));
    await page.locator('select[name=period]').selectOption('day');
    await page.locator('[data-error=UNREACHABLE]').waitFor();
    expect(await alert.textContent()).toContain('报表未能加载 无法连接区域平台，请检查网络后重试。');
    await page.locator('button[data-file=ratings-csv]').click();
    await until(async () => (await alert.textContent())?.startsWith('下载未成功') ?? false, 'the failed download shown');
    expect(await page.locator('select[name=period]').inputValue()).toBe('day');
    await page.unroute('**/region/v1/reports?**');
    await page.unroute('**/region/v1/ratings/export?**');
    await page.locator('select[name=period]').selectOption('week');
    await page.locator('table.r-report[data-period=week]').waitFor();
    // the retry button of a report that failed
    await page.route('**/region/v1/reports?**', (r) => r.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'REGION_UNAVAILABLE', message: 'down' } }) }));
    await page.locator('select[name=period]').selectOption('month');
    await page.locator('[data-error=REGION_UNAVAILABLE]').waitFor();
    await page.unroute('**/region/v1/reports?**');
    await alert.locator('button').click();
    await page.locator('table.r-report[data-period=month]').waitFor();
    expect(await alert.count()).toBe(0);
    // a reload keeps the tab (#reports), with this month so far
    await page.reload();
    await page.locator('table.r-report[data-period=day]').waitFor();
    expect(await page.locator('.r-tabs button[aria-current=page]').textContent()).toBe('报表');
    expect(await page.locator('input[name=from]').inputValue()).toBe(from);
    expect(o.errors).toEqual([]);
  });
});
