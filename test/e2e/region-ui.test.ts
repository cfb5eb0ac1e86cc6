/**
 * The `/region` live view in headless Chromium against a real region node (private
 * PostgreSQL + Redis): sign in, every hall with its live figures, an ingested batch
 * updates the row without a reload, the area filter, the three languages, axe.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRegion } from '../../region/node.js';
import { requirePostgres, TestPostgres } from '../helpers/pg.js';
import { requireRedis, TestRedis } from '../helpers/redis.js';
import { Events, REGION_ADMIN_PASSWORD, regionAdmin, registerHall, startTestRegion } from '../region/support.js';
import { axe, describeViolations, E2E_TIMEOUT, ensureUi, launchBrowser, openPage, skipE2E, until, type OpenPage } from './support.js';

const shots = new URL('../../test-output/', import.meta.url).pathname;
const recent = (minAgo: number) => new Date(Date.now() - minAgo * 60_000).toISOString();

describe.skipIf(skipE2E || !requirePostgres() || !requireRedis())('region live view /region', { timeout: E2E_TIMEOUT }, () => {
  let cluster: TestPostgres;
  let redis: TestRedis;
  let region: RunningRegion;
  let browser: Browser;
  let o: OpenPage;

  beforeAll(async () => {
    await ensureUi();
    [cluster, redis] = await Promise.all([TestPostgres.start(), TestRedis.start()]);
    region = await startTestRegion(await cluster.createDatabase('ui'), redis.url);
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
  }, E2E_TIMEOUT);
  afterAll(async () => {
    await o?.context.close().catch(() => undefined);
    await browser?.close();
    await region?.close();
    await Promise.all([cluster?.stop(), redis?.stop()]);
  });

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
    await north.post('/region/v1/halls/north-county/events', { after: 0, events: ev.list.slice(0, 7) });

    o = await openPage(browser, `${region.url}/region`, 1440, 900);
    await o.page.locator('input[autocomplete=username]').fill('admin');
    await o.page.locator('input[type=password]').fill(REGION_ADMIN_PASSWORD);
    await o.page.locator('button[type=submit]').click();
    const row = o.page.locator('tr[data-hall=north-county]');
    await row.waitFor();
    const cells = async () => (await row.locator('td').allTextContents()).map((s) => s.trim());
    expect((await cells()).slice(0, 7)).toEqual(['北片区', 'Hall north-county', '2', '2', '12 分钟', '3', '1']);

    // a batch ingested now shows up without a reload
    const more = new Events(day);
    more.seq = ev.seq;
    more.called('t2', 'w2', recent(1));
    await north.post('/region/v1/halls/north-county/events', { after: ev.seq, events: more.list });
    await until(async () => (await cells())[2] === '1', 'the live push to update the waiting count');
    expect((await cells())[4]).toBe('5 分钟');

    await o.page.locator('select').selectOption('南片区');
    await until(async () => (await o.page.locator('tbody tr').count()) === 1, 'the area filter');
    await o.page.locator('tr[data-hall=south-town]').waitFor();
    await o.page.locator('select').selectOption('');
    const violations = await axe(o.page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await o.page.screenshot({ path: `${shots}region-live.png`, animations: 'disabled' });

    await o.page.locator('.lang-switch button[lang=en]').click();
    await o.page.locator('th', { hasText: 'Longest wait' }).waitFor();
    await o.page.locator('.lang-switch button[lang=zh-TW]').click();
    await o.page.locator('h1', { hasText: '區域即時總覽' }).waitFor();
    expect(o.errors).toEqual([]);
  });
});
