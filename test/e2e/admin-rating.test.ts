/**
 * The admin UI drives the hall (service edit applied at once, simulator panel
 * places an ID card at the kiosk, a display registered with its one-time
 * token), reports download, and the citizen-facing rating screen answers the
 * counter's request — all in headless Chromium against a real server.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api, DEMO_STAFF_PASSWORD } from '../helpers/hall.js';
import { E2E_TIMEOUT, ensureUi, keyboardLogin, launchBrowser, online, openPage, skipE2E, TestHall, until, type OpenPage } from './support.js';

const text = async (p: Page, sel: string) => ((await p.locator(sel).first().textContent()) ?? '').trim();

describe.skipIf(skipE2E)('admin UI and rating screen', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  let t: TestHall;
  const pages: OpenPage[] = [];
  const open = async (path: string, w: number, h: number) => {
    const p = await openPage(browser, t.url + path, w, h);
    pages.push(p);
    return p;
  };
  const adminAt = async (tab: string) => {
    const a = await open(`/admin#${tab}`, 1440, 900);
    await keyboardLogin(a.page, 'admin', 'admin-test-pw');
    await a.page.locator('.a-tabs').waitFor();
    return a;
  };

  beforeAll(async () => {
    await ensureUi();
    browser = await launchBrowser();
    t = await new TestHall().start();
    await t.devicesReady();
  }, E2E_TIMEOUT);
  afterEach(async () => {
    for (const p of pages.splice(0)) expect(p.errors).toEqual([]);
  });
  afterAll(async () => {
    for (const p of pages) await p.context.close().catch(() => undefined);
    await browser?.close();
    await t?.dispose();
  });

  it('a service renamed in the admin UI is what the kiosk offers next', async () => {
    const a = await adminAt('services');
    await a.page.locator('tbody tr', { hasText: '公积金' }).locator('.btn-small').click();
    const zh = a.page.locator('.modal .loc-input').first().locator('input[lang="zh-CN"]');
    await zh.fill('住房公积金');
    await a.page.locator('.modal button[type=submit]').click();
    await a.page.locator('.modal').waitFor({ state: 'detached' });
    await a.page.locator('tbody tr', { hasText: '住房公积金' }).waitFor();
    const body = (await new Api(t.url).get('/api/v1/services')).body;
    const svc = (Array.isArray(body) ? body : body.services).find((s: any) => s.id === 'fund');
    expect(svc.names['zh-CN']).toBe('住房公积金');
    const kiosk = await open(`/kiosk?device=${await t.deviceToken('kiosk-1')}&kiosk=kiosk-1`, 1080, 1920);
    await kiosk.page.locator('.svc', { hasText: '住房公积金' }).waitFor();
  });

  it('the simulator panel places an ID card that the waiting kiosk uses for the ticket', async () => {
    const kiosk = await open(`/kiosk?device=${await t.deviceToken('kiosk-1')}&kiosk=kiosk-1`, 1080, 1920);
    await online(kiosk.page);
    await kiosk.page.locator('.svc', { hasText: '社保医保' }).click();
    await kiosk.page.locator('.guide .big-take').click();
    await kiosk.page.locator('.swipe').waitFor();

    const a = await adminAt('devices');
    const row = a.page.locator('tr[data-device="kiosk-1-reader"]');
    await expect.poll(() => row.locator('.badge').textContent()).toContain('正常');
    await row.getByRole('button', { name: /模拟器/ }).click();
    await a.page.getByRole('button', { name: '放置居民身份证' }).click();
    await kiosk.page.locator('.t-num').waitFor();

    // The printer's health follows live (device push) when the simulator takes its paper away.
    await a.page.keyboard.press('Escape');
    const printer = a.page.locator('tr[data-device="kiosk-1-printer"]');
    await printer.getByRole('button', { name: /模拟器/ }).click();
    await a.page.getByRole('button', { name: '缺纸' }).click();
    await a.page.keyboard.press('Escape');
    await expect.poll(() => printer.locator('.badge').textContent(), { timeout: 15_000 }).not.toContain('正常');
    await t.simulate('kiosk-1-printer', { action: 'paper', paper: 'ok' });
    await expect.poll(() => printer.locator('.badge').textContent(), { timeout: 15_000 }).toContain('正常');
  });

  it('a display registered in the admin UI works with its one-time token and rates window 1', async () => {
    const a = await adminAt('clients');
    await a.page.locator('.panel-head .btn-primary').click();
    await a.page.locator('.modal select').first().selectOption('display');
    await a.page.locator('.modal input[required]').fill('1号窗口评价屏');
    await a.page.locator('.modal select').nth(1).selectOption('window');
    await a.page.locator('.modal input[type=number]').fill('1');
    await a.page.locator('.modal button[type=submit]').click();
    const setup = await a.page.locator('.modal input.mono').nth(1).inputValue();
    expect(setup).toMatch(/\/display\/window\/1\?device=/);
    await a.page.keyboard.press('Escape');
    await a.page.locator('tbody tr', { hasText: '1号窗口评价屏' }).waitFor();

    // The window's citizen-facing screen in rating mode.
    const rate = await open(`${new URL(setup).pathname}${new URL(setup).search}&rate=1`, 1280, 720);
    await online(rate.page);

    // The clerk serves someone and asks for a rating with the E key.
    await new Api(t.url, await t.deviceToken('kiosk-1')).post('/api/v1/tickets', { serviceId: 'property' }, { 'Idempotency-Key': 'rate-ticket-1-xxxx' });
    const counter = await open('/counter', 1366, 768);
    await keyboardLogin(counter.page, 'clerk1', DEMO_STAFF_PASSWORD);
    await counter.page.locator('.pick-win[data-window="1"]').click();
    await counter.page.locator('.act.main:not([disabled])').waitFor();
    await online(counter.page);
    await counter.page.keyboard.press('n');
    await counter.page.locator('.cur-num').waitFor();
    const number = await text(counter.page, '.cur-num');
    await counter.page.keyboard.press('d');
    await counter.page.locator('.cur.empty').waitFor();
    await counter.page.keyboard.press('e');
    await counter.page.locator('.bench .banner-ok').waitFor();

    await rate.page.locator('.rate-grade').first().waitFor();
    expect(await rate.page.locator('.rate-grade').allTextContents()).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(await text(rate.page, '.rate-ticket')).toContain(number);
    // A poor grade asks why, then sends.
    await rate.page.locator('.rate-grade[data-grade="2"]').click();
    await rate.page.locator('.rate-reason', { hasText: '等候太久' }).click();
    await rate.page.locator('.rate-send').click();
    await rate.page.locator('.rate-thanks').waitFor();
    await until(async () => {
      const r = await t.admin.get('/api/v1/admin/audit?type=rating.&limit=20');
      return JSON.stringify(r.body.events ?? []).includes('"grade":2');
    }, 'rating stored');
  });

  it('reports show charts and download as CSV', async () => {
    await new Api(t.url, await t.deviceToken('kiosk-1')).post('/api/v1/tickets', { serviceId: 'tax' }, { 'Idempotency-Key': 'report-ticket-1-xxxx' });
    const a = await adminAt('reports');
    await a.page.locator('.chart canvas').first().waitFor();
    const [dl] = await Promise.all([a.page.waitForEvent('download'), a.page.getByRole('button', { name: '下载 CSV' }).click()]);
    const csv = readFileSync((await dl.path())!, 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(1);
    expect(dl.suggestedFilename()).toMatch(/\.csv$/);
  });
});
