/**
 * The `/region` live view in headless Chromium against a real region node (private
 * PostgreSQL + Redis): sign in, every hall with its live figures, an ingested batch
 * updates the row without a reload, the area filter, the three languages, axe; today's
 * satisfaction, the uplink lag (events and seconds behind the hall's head) apart from when
 * the region last heard from the hall, names and fees in the viewer's language.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRegion } from '../../region/node.js';
import { Api } from '../helpers/hall.js';
import { requirePostgres, TestPostgres } from '../helpers/pg.js';
import { requireRedis, TestRedis } from '../helpers/redis.js';
import { Events, hallSnapshot, REGION_ADMIN_PASSWORD, regionAdmin, registerHall } from '../region/support.js';
import { startRegionBrowser, stopRegionBrowser } from './region-rig.js';
import { axe, describeViolations, E2E_TIMEOUT, openPage, skipE2E, until, type OpenPage } from './support.js';

const shots = new URL('../../test-output/', import.meta.url).pathname;
const recent = (minAgo: number) => new Date(Date.now() - minAgo * 60_000).toISOString();

describe.skipIf(skipE2E || !requirePostgres() || !requireRedis())('region live view /region', { timeout: E2E_TIMEOUT }, () => {
  let cluster: TestPostgres;
  let redis: TestRedis;
  let region: RunningRegion;
  let browser: Browser;
  let o: OpenPage;

  beforeAll(async () => {
    ({ cluster, redis, region, browser } = await startRegionBrowser('ui', shots));
  }, E2E_TIMEOUT);
  afterAll(() => stopRegionBrowser({ cluster, redis, region, browser }, o));

  it('shows every hall live, filters by area, speaks three languages and passes axe', async () => {
    const admin = await regionAdmin(region.url);
    const north = await registerHall(admin, 'north-county', '北片区');
    await registerHall(admin, 'south-town', '南片区');
    const day = new Date().toISOString().slice(0, 10);
    const ev = new Events(day);
    ev.opened('w1', recent(30));
    ev.opened('w2', recent(30));
    ev.issued('t1', 's1', recent(25));
    ev.issued('t2', 's1', recent(12));
    ev.issued('t3', 's2', recent(5));
    ev.called('t1', 'w1', recent(20));
    ev.finished('t1', recent(15));
    ev.rated('t1', 'w1', 5, recent(14));
    const base = hallSnapshot('北区县政务服务中心', [['不动产登记', 20, '11330000002482'], ['社保医保', 0, null]], 3);
    const config = {
      ...base,
      hallNames: { 'zh-CN': '北区县政务服务中心', 'zh-TW': '北區縣政務服務中心', en: 'North County Service Centre' },
      services: [{ ...base.services[0], names: { 'zh-CN': '不动产登记', 'zh-TW': '不動產登記', en: 'Real estate registration' }, fees: { 'zh-CN': '登记费80元/件', en: '¥80 per case' } }, base.services[1]],
    };
    // the hall's log ends 1 event (13 minutes) after what this batch brings
    const sent = await north.post('/region/v1/halls/north-county/events', { after: 0, events: ev.list, config, head: { seq: 9, at: new Date(Date.parse(ev.list[7].at) + 13 * 60_000).toISOString() } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);

    o = await openPage(browser, `${region.url}/region`, 1440, 900);
    await o.page.locator('input[autocomplete=username]').fill('admin');
    await o.page.locator('input[type=password]').fill(REGION_ADMIN_PASSWORD);
    await o.page.locator('button[type=submit]').click();
    const row = o.page.locator('tr[data-hall=north-county]');
    await row.waitFor();
    const cells = async () => (await row.locator('td').allTextContents()).map((s) => s.trim());
    expect((await cells()).slice(0, 10)).toEqual(['北片区', '北区县政务服务中心', '2', '2', '12 分钟', '3', '1', '100%', '0', '落后 1 条 · 13 分钟']);
    expect((await cells())[10]).toMatch(/^\d+ 秒前$/);
    // a hall that never sent anything: no satisfaction figure, lag unknown, never heard from
    expect((await o.page.locator('tr[data-hall=south-town] td').allTextContents()).slice(7)).toEqual(['—', '0', '未知', '从未上报']);
    await o.page.screenshot({ path: `${shots}region-live-behind.png`, animations: 'disabled' });

    // a batch ingested now shows up without a reload, and brings the region up to the hall's head
    const more = new Events(day);
    more.seq = ev.seq;
    more.called('t2', 'w2', recent(1));
    await north.post('/region/v1/halls/north-county/events', { after: ev.seq, events: more.list, head: { seq: more.seq, at: more.list[0].at } });
    await until(async () => (await cells())[2] === '1', 'the live push to update the waiting count');
    expect((await cells())[4]).toBe('5 分钟');
    expect((await cells())[9]).toBe('已同步');

    await o.page.locator('select').selectOption('南片区');
    await until(async () => (await o.page.locator('tbody tr').count()) === 1, 'the area filter');
    await o.page.locator('tr[data-hall=south-town]').waitFor();
    await o.page.locator('select').selectOption('');
    const violations = await axe(o.page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await o.page.screenshot({ path: `${shots}region-live.png`, animations: 'disabled' });

    await o.page.locator('.lang-switch button[lang=en]').click();
    await o.page.locator('th', { hasText: 'Longest wait' }).waitFor();
    // the hall's own English name; a hall that sent none keeps its registered name
    expect((await cells()).slice(1, 2).concat((await cells()).slice(9, 10))).toEqual(['North County Service Centre', 'Caught up']);
    expect(await o.page.locator('tr[data-hall=south-town] td').nth(1).textContent()).toBe('Hall south-town');
    await o.page.locator('.lang-switch button[lang=zh-TW]').click();
    await o.page.locator('h1', { hasText: '區域即時總覽' }).waitFor();
    expect((await cells())[1]).toBe('北區縣政務服務中心');
    await o.page.locator('.lang-switch button[lang=zh-CN]').click();
    expect(o.errors).toEqual([]);
  });

  it('drills into one hall: services and windows with what each serves, live, labelled from the hall\'s configuration', async () => {
    await o.page.locator('tr[data-hall=north-county] button').click();
    const panel = o.page.locator('[data-detail=north-county]');
    await panel.waitFor();
    const rowOf = async (sel: string) => (await o.page.locator(sel).locator('td').allTextContents()).map((s) => s.trim());
    expect(await rowOf('tr[data-service=s1]')).toEqual(['不动产登记', '11330000002482', '20 分钟', '登记费80元/件', '0', '—', '2', '1']);
    // minutes since a time the test set (the page's clock ticks every 5 s): the figure, not its exact value
    expect(await rowOf('tr[data-service=s2]')).toEqual(['社保医保', '—', '—', '—', '1', expect.stringMatching(/^\d+ 分钟$/), '1', '0']);
    expect(await panel.locator('[data-tile=satisfaction] dd').textContent()).toBe('100%1 条评价');
    expect(await panel.locator('[data-tile=lag] dd').textContent()).toBe('已同步');
    expect(await panel.locator('[data-heard]').textContent()).toMatch(/^最近上报: \d+ 秒前$/);
    expect(await rowOf('tr[data-window=w2]')).toEqual(['2号窗口', '开放', 'A3', expect.stringMatching(/^\d+ 分钟$/)]);
    expect(await rowOf('tr[data-window=w3]')).toEqual(['3号窗口', '关闭', '—', '—']);
    expect(o.page.url()).toContain('#hall=north-county');

    // the next batch moves the drill-down without a reload: w2 finishes, w1 calls the s2 ticket, an alert is raised
    const admin = await regionAdmin(region.url);
    const hallToken = (await admin.post('/region/v1/halls/north-county/tokens')).body.token;
    const day = new Date().toISOString().slice(0, 10);
    const more = new Events(day);
    more.seq = 9;
    more.finished('t2', recent(0.5));
    more.called('t3', 'w1', recent(0.2));
    more.other('alert.raised', recent(0.1));
    more.list.at(-1)!.data = { key: 'long_queue:s1', kind: 'long_queue' };
    const r = await new Api(region.url, hallToken).post('/region/v1/halls/north-county/events', { after: 9, events: more.list });
    expect(r.status).toBe(200);
    await until(async () => (await rowOf('tr[data-window=w1]'))[2] === 'A4', 'the live drill-down to show w1 serving the s2 ticket');
    expect(await rowOf('tr[data-window=w2]')).toEqual(['2号窗口', '开放', '—', '—']);
    expect(await rowOf('tr[data-service=s1]')).toEqual(['不动产登记', '11330000002482', '20 分钟', '登记费80元/件', '0', '—', '2', '2']);
    await o.page.locator('.r-alerts li', { hasText: '排队过长' }).waitFor();
    // a hall before the head field sent this batch: the region knows no more than before (caught up to head 9, now past it)
    expect(await panel.locator('[data-tile=lag] dd').textContent()).toBe('已同步');
    const violations = await axe(o.page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await o.page.screenshot({ path: `${shots}region-hall.png`, animations: 'disabled' });
    // in the viewer's language, zh-CN where the hall has none
    await o.page.locator('.lang-switch button[lang=en]').click();
    await until(async () => (await rowOf('tr[data-service=s1]'))[0] === 'Real estate registration', 'the English service name');
    expect((await rowOf('tr[data-service=s1]')).slice(2, 4)).toEqual(['20 min', '¥80 per case']);
    expect((await rowOf('tr[data-service=s2]'))[0]).toBe('社保医保');
    expect(await panel.locator('h2').textContent()).toBe('North County Service Centre');
    await o.page.screenshot({ path: `${shots}region-hall-en.png`, animations: 'disabled' });
    await o.page.locator('.lang-switch button[lang=zh-CN]').click();

    await o.page.locator('.r-back').click();
    await o.page.locator('tr[data-hall=south-town]').waitFor();
    expect(o.errors).toEqual([]);
  });

  it('lets the region admin manage viewers and hall tokens (shown once, revoked), audited, in three languages', async () => {
    const page = o.page;
    page.on('dialog', (d) => void d.accept());
    await page.locator('.r-tabs button', { hasText: '用户与令牌' }).click();
    await page.locator('tr[data-user=admin]').waitFor();

    // a viewer of the south area
    const form = page.locator('form[aria-label=新建用户]');
    await form.locator('input[name=username]').fill('south.viewer');
    await form.locator('input[name=password]').fill('south-pw-123');
    await form.locator('input[name=areas]').fill('南片区');
    await form.locator('button[type=submit]').click();
    const row = page.locator('tr[data-user="south.viewer"]');
    await row.waitFor();
    expect((await row.locator('td').allTextContents()).slice(0, 4)).toEqual(['south.viewer', '查看员', '片区: 南片区', '启用']);
    // its scope changed to one hall, then disabled
    await row.locator('button', { hasText: '修改范围' }).click();
    await row.locator('input').nth(0).fill('');
    await row.locator('input').nth(1).fill('north-county');
    await row.locator('button', { hasText: '保存' }).click();
    await until(async () => (await row.locator('td').nth(2).textContent()) === '大厅: north-county', 'the new scope');
    const viewer = await new Api(region.url).post('/region/v1/auth/login', { username: 'south.viewer', password: 'south-pw-123' });
    expect((await new Api(region.url, viewer.body.token).get('/region/v1/halls')).body.halls.map((h: any) => h.hallId)).toEqual(['north-county']);
    await row.locator('button', { hasText: '停用' }).click();
    await until(async () => (await row.locator('td').nth(3).textContent()) === '已停用', 'the user disabled');
    expect((await new Api(region.url, viewer.body.token).get('/region/v1/halls')).status).toBe(401);

    // a new hall: its token is shown once and works
    const hallForm = page.locator('form[aria-label=登记大厅]');
    await hallForm.locator('input[name=hallId]').fill('east-town');
    await hallForm.locator('input[name=hallName]').fill('东镇便民服务中心');
    await hallForm.locator('input[name=hallArea]').fill('东片区');
    await hallForm.locator('button[type=submit]').click();
    const shown = (await page.locator('[data-token]').textContent())!;
    expect(shown).toMatch(/^rh_/);
    const ev = new Events();
    ev.other('hall.started', new Date().toISOString());
    const send = () => new Api(region.url, shown).post('/region/v1/halls/east-town/events', { after: 0, events: ev.list });
    expect((await send()).status).toBe(200);
    const hallRow = page.locator('tr[data-admin-hall=east-town]');
    expect(await hallRow.locator('td').nth(3).textContent()).toBe('1');
    await page.screenshot({ path: `${shots}region-admin.png`, animations: 'disabled', fullPage: true });
    await page.locator('.r-once button', { hasText: '关闭' }).click();
    expect(await page.locator('[data-token]').count()).toBe(0);

    // revoked (after a confirmation): the token is refused
    await hallRow.locator('button', { hasText: '吊销全部令牌' }).click();
    await until(async () => (await hallRow.locator('td').nth(3).textContent()) === '0', 'the tokens revoked');
    expect((await send()).status).toBe(401);
    const cells = page.locator('.r-audit tbody tr td:nth-child(3)');
    const actions = await cells.evaluateAll((tds) => tds.slice(0, 6).map((td) => `${td.getAttribute('data-action')} ${td.textContent}`));
    expect(actions).toEqual([
      'hall.tokens_revoked 吊销令牌', 'hall.token_issued 签发令牌', 'hall.created 登记大厅', 'user.disabled 停用用户', 'user.changed 修改用户', 'user.created 新建用户',
    ]);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await page.locator('.lang-switch button[lang=en]').click();
    await page.locator('h2', { hasText: 'Halls and uplink tokens' }).waitFor();
    await page.locator('.lang-switch button[lang=zh-TW]').click();
    await page.locator('h2', { hasText: '大廳與上報權杖' }).waitFor();
    await page.locator('.lang-switch button[lang=zh-CN]').click();
    await page.locator('.r-tabs button', { hasText: '实时总览' }).click();
    expect(o.errors).toEqual([]);
  });

  it('shows a hall restored from an older backup and lets the region admin start a new epoch, with what it does explained', async () => {
    const page = o.page;
    const admin = await regionAdmin(region.url);
    const hall = await registerHall(admin, 'west-restored', '西片区');
    const day = new Date().toISOString().slice(0, 10);
    const ev = new Events(day);
    for (let i = 1; i <= 5; i++) ev.issued(`r${i}`, 's1', recent(20 - i));
    await hall.post('/region/v1/halls/west-restored/events', { after: 0, events: ev.list });
    await page.locator('.r-tabs button', { hasText: '用户与令牌' }).click();
    const row = page.locator('tr[data-admin-hall=west-restored]');
    await row.waitFor();
    expect(await row.locator('td').nth(4).textContent()).toBe('正常');

    // the restored hall's uplink says its log ends at 2: the row says so, live
    expect((await hall.get('/region/v1/halls/west-restored/uplink?head=2')).body).toMatchObject({ highWater: 5, resync: false });
    await row.locator('[data-problem=UPLINK_BEHIND]').waitFor();
    expect(await row.locator('.r-problem strong').textContent()).toBe('日志比区域短');
    expect(await row.locator('.r-problem p').first().textContent()).toContain('从较早的备份恢复');
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}region-resync.png`, animations: 'disabled' });

    await row.locator('button', { hasText: '开始新纪元' }).click();
    await row.locator('.r-note', { hasText: '已请求' }).waitFor();
    // the hall's uplink does its part (as server/uplink does): position, heads, epoch at the shared point
    expect((await hall.get('/region/v1/halls/west-restored/uplink?head=2')).body.resync).toBe(true);
    expect((await hall.get('/region/v1/halls/west-restored/heads?seqs=1,2')).body.heads.map((h: any) => h.seq)).toEqual([1, 2]);
    const proposed = await hall.post('/region/v1/halls/west-restored/epoch', { commonPoint: 2 });
    expect(proposed.body.proposal).toMatchObject({ commonPoint: 2, superseded: 3 });
    // nothing is set aside until the admin confirms what the region shows the proposal would do
    const box = row.locator('[data-proposal="2"]');
    await box.waitFor();
    expect(await box.locator('p').textContent()).toMatch(/^大厅提出：从第 2 条之后开始新纪元，将作废 3 条事件（.+ 至 .+）。/);
    expect((await hall.get('/region/v1/halls/west-restored/uplink')).body).toMatchObject({ highWater: 5, proposed: true });
    const v2 = await axe(page);
    expect(v2, describeViolations(v2)).toEqual([]);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}region-epoch-proposal.png`, animations: 'disabled' });
    await box.locator('button', { hasText: '确认并作废 3 条事件' }).click();
    await until(async () => (await row.locator('td').nth(4).textContent())!.startsWith('正常'), 'the row to show the stream fine again');
    expect(await row.locator('.r-note').textContent()).toMatch(/^第 1 纪元（.+）：第 2 条之后的 3 条事件已作废$/);
    await page.locator('.lang-switch button[lang=en]').click();
    await until(async () => /^Epoch 1 \(.+\): 3 events after #2 superseded$/.test((await row.locator('.r-note').textContent()) ?? ''), 'the English note');
    await page.locator('.lang-switch button[lang=zh-CN]').click();
    expect(o.errors).toEqual([]);
  });
});
