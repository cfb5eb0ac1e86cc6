/**
 * Issue 13 in Chromium: the phone page asks for the tap browsers need before a
 * page may vibrate or play sound, never calls navigator.vibrate before it (no
 * "Blocked call to navigator.vibrate"), and alerts after it; the admin settings
 * page edits the new hall rules (green channel vs fairness, per-person limits)
 * and the service editor the per-day limit.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../helpers/features.js';
import { clerkAt } from '../helpers/hall.js';
import { axe, describeViolations, E2E_TIMEOUT, ensureUi, keyboardLogin, launchBrowser, openPage, skipE2E, TestHall, until, type OpenPage } from './support.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const SHOTS = join(ROOT, 'test-output/screenshots');
const DOCS = join(ROOT, 'docs/screenshots');

/** Records what the page asks of the phone: vibrations (with whether the page had been tapped) and tones started. */
const INSTRUMENT = () => {
  const w = window as unknown as { __vibrations: { pattern: unknown; tapped: boolean }[]; __tones: number };
  w.__vibrations = [];
  w.__tones = 0;
  const vibrate = navigator.vibrate?.bind(navigator);
  navigator.vibrate = ((pattern: VibratePattern) => {
    w.__vibrations.push({ pattern, tapped: navigator.userActivation?.hasBeenActive ?? false });
    return vibrate ? vibrate(pattern) : false;
  }) as typeof navigator.vibrate;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: [number?]) {
    w.__tones++;
    return start.apply(this, args);
  };
};

describe.skipIf(skipE2E)('issue 13 in the browser: phone alerts, hall rules in the admin UI', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  let t: TestHall;
  const clock = new TestClock(Date.now());
  const pages: OpenPage[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureUi();
    browser = await launchBrowser();
    // The hall's clock stands still unless moved: a call and its recall carry the same calledAt.
    t = await new TestHall({ now: clock.now }).start();
    mkdirSync(SHOTS, { recursive: true });
  }, E2E_TIMEOUT);
  afterEach(async () => {
    for (const p of pages.splice(0)) {
      expect(p.errors).toEqual([]);
      await p.context.close();
    }
    for (const c of contexts.splice(0)) await c.close();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
  });

  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: join(SHOTS, name) });
    copyFileSync(join(SHOTS, name), join(DOCS, name));
  };

  it('the phone page asks for a tap, never calls vibrate before it, then vibrates and sounds on the call', async () => {
    const ticket = (await t.admin.post('/api/v1/tickets', { serviceId: 'social' })).body.ticket;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', hasTouch: true, isMobile: true });
    contexts.push(context);
    await context.addInitScript(INSTRUMENT);
    const page = await context.newPage();
    const consoleLines: string[] = [];
    const errors: string[] = [];
    page.on('console', (m) => consoleLines.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${t.url}/t/${ticket.trackToken}`, { waitUntil: 'domcontentloaded' });
    const enable = page.getByRole('button', { name: '开启振动和提示音' });
    await enable.waitFor();
    expect(await page.locator('.tr-num').textContent()).toBe(ticket.number);
    // The old promise ("…手机会振动提醒") is gone until the person has allowed it.
    expect(await page.locator('main').textContent()).not.toContain('手机会振动提醒');
    expect(describeViolations(await axe(page))).toBe('');
    await shot(page, 'phone-alert-consent.png');

    // Called before the tap: the page shows the call but asks nothing of the phone.
    const clerk = await clerkAt(t.url, 3);
    expect((await clerk.post('/api/v1/windows/w3/call-next')).body.ticket.number).toBe(ticket.number);
    await page.locator('.tr-called').waitFor();
    expect(await page.evaluate(() => (window as any).__vibrations)).toEqual([]);

    // The tap: alerts on (a short tick and buzz confirm it), then a recall vibrates and rings.
    await enable.tap();
    await page.locator('.tr-alerts-on').waitFor();
    const afterTap = await page.evaluate(() => ({ v: (window as any).__vibrations.length, tones: (window as any).__tones }));
    expect(afterTap.tones).toBe(1);
    // A recall in the same second as the call (calledAt, to the second, is the same) alerts again.
    expect((await clerk.post('/api/v1/windows/w3/recall')).status).toBe(200);
    await until(async () => (await page.evaluate(() => (window as any).__tones)) >= 4, 'the call chime');
    const vibrations = await page.evaluate(() => (window as any).__vibrations as { pattern: unknown; tapped: boolean }[]);
    expect(vibrations.slice(afterTap.v)).toEqual([{ pattern: [400, 150, 400, 150, 400], tapped: true }]);
    expect(vibrations.every((v) => v.tapped)).toBe(true);
    expect(await page.locator('.tr-alerts-on').textContent()).toContain('振动并响铃');
    await shot(page, 'phone-alerts-on.png');
    expect(consoleLines.filter((l) => /Blocked call to navigator\.vibrate/i.test(l))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the admin edits green channel vs fairness and the per-person limits (hall-wide and per service)', async () => {
    const a = await openPage(browser, `${t.url}/admin#settings`, 1440, 900);
    pages.push(a);
    await keyboardLogin(a.page, 'admin', 'admin-test-pw');
    const green = a.page.getByLabel('绿色通道不受公平比例限制');
    await green.waitFor();
    expect(await green.isChecked()).toBe(true);
    await green.uncheck();
    await a.page.getByLabel('每人同时在排号数上限（全大厅）').fill('3');
    await a.page.getByLabel('每人每日取号数上限（全大厅）').fill('6');
    const form = a.page.locator('form', { has: green });
    await form.getByRole('button', { name: '保存' }).click();
    await form.locator('.saved-note').waitFor();
    const saved = (await t.admin.get('/api/v1/admin/settings')).body.settings;
    expect([saved.greenExemptFromFairness, saved.personMaxWaiting, saved.personMaxPerDay]).toEqual([false, 3, 6]);
    expect(describeViolations(await axe(a.page))).toBe('');
    const group = a.page.locator('fieldset', { has: green });
    await group.scrollIntoViewIfNeeded();
    await group.screenshot({ path: join(SHOTS, 'admin-settings-hall-rules.png') });
    copyFileSync(join(SHOTS, 'admin-settings-hall-rules.png'), join(DOCS, 'admin-settings-hall-rules.png'));

    // The service editor: at most 2 tickets per person a day for 社保医保.
    await a.page.goto(`${t.url}/admin#services`);
    const row = a.page.locator('tr', { hasText: '社保' }).first();
    await row.getByRole('button').click();
    await a.page.getByLabel('每人每日取号数上限').fill('2');
    const rules = a.page.locator('fieldset.rules');
    await rules.scrollIntoViewIfNeeded();
    await rules.screenshot({ path: join(SHOTS, 'admin-services-day-limit.png') });
    copyFileSync(join(SHOTS, 'admin-services-day-limit.png'), join(DOCS, 'admin-services-day-limit.png'));
    await a.page.getByRole('button', { name: '保存' }).first().click();
    await until(async () => (await t.admin.get('/api/v1/admin/services')).body.services.find((s: any) => s.id === 'social').maxPerPersonPerDay === 2, 'the per-day limit saved');
    await a.page.locator('.chip-s', { hasText: '每人每日≤2' }).waitFor();
  });

  it('the reports table shows a joint case under its joint service: issued, completed, end to end', async () => {
    const joint = (await t.admin.post('/api/v1/admin/services', {
      departmentId: 'general', name: { 'zh-CN': '二手房交易联办', en: 'Second-hand home sale (joint)' }, prefix: 'J', route: { steps: [['property'], ['tax']] },
    })).body.service;
    const ticket = (await t.admin.post('/api/v1/tickets', { serviceId: joint.id })).body.ticket;
    for (const n of [1, 6]) {
      const c = await clerkAt(t.url, n);
      expect((await c.post(`/api/v1/windows/w${n}/call-next`)).body.ticket.number).toBe(ticket.number);
      clock.advance(5);
      await c.post(`/api/v1/windows/w${n}/finish`);
    }
    const a = await openPage(browser, `${t.url}/admin#reports`, 1440, 900);
    pages.push(a);
    await keyboardLogin(a.page, 'admin', 'admin-test-pw');
    const table = a.page.locator('.report-table');
    await table.waitFor();
    const headers = (await table.locator('thead th').allTextContents()).map((h) => h.trim());
    const cells = async (label: string) => (await table.locator('tbody tr', { hasText: label }).first().locator('td').allTextContents()).map((c) => c.trim());
    const jointRow = await cells('二手房交易联办');
    const at = (h: string) => jointRow[headers.indexOf(h)];
    expect([at('取号'), at('联办办结'), at('联办全程')]).toEqual(['1', '1', '10.0']);
    const taxRow = await cells('税务');
    expect(taxRow[headers.indexOf('联办环节')]).toBe('1');
    await table.scrollIntoViewIfNeeded();
    await table.screenshot({ path: join(SHOTS, 'admin-reports-joint.png') });
    copyFileSync(join(SHOTS, 'admin-reports-joint.png'), join(DOCS, 'admin-reports-joint.png'));
  });
});
