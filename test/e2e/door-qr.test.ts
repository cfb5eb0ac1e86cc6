/**
 * Today's door QR of remote queueing (线上取号) in headless Chromium.
 *
 * The admin's "打印今日二维码" (print today's door QR): the
 * remote queueing panel shows a QR that DECODES (jsQR on a screenshot of it, as a
 * phone camera would read it) to today's door URL from GET /api/v1/remote/door —
 * the code of the day, never the secret — and the print button opens the print
 * view (a poster for citizens) with that same QR, readable at its intended size, and its caption.
 *
 * The hall screen: the daily code is not public (anyone at home could "arrive" with
 * it), so a screen without a display token never asks for it (it used to, every two
 * minutes, and got 401 each time); a screen with one shows the QR.
 */
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, keyboardLogin, online, openPage, SHOTS_DIR as SHOTS, skipE2E, startBrowserHall, stopBrowserHall, TestHall, until } from './support.js';

const REMOTE = { enabled: true, arrivalRule: 'keep', expireMinutes: 90, perDevicePerDay: 2, perPersonPerDay: 1, perAddressPerDay: 0, quotas: { social: 20 }, doorCode: 'new' };

// jsqr is CommonJS with a `default` property: the same function under Node's interop and TypeScript's view.
const jsQR = jsQRModule.default;

/** What a camera reads from the QR as it is drawn on the page. */
async function decodeQr(el: Locator): Promise<string | null> {
  const png = PNG.sync.read(await el.screenshot());
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}

describe.skipIf(skipE2E)("today's door QR: the admin's print, the hall screens", { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  let t: TestHall;

  beforeAll(async () => {
    ({ browser, t } = await startBrowserHall({ shots: SHOTS }));
    const r = await t.admin.req('PATCH', '/api/v1/admin/settings', { remoteQueue: REMOTE });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }, E2E_TIMEOUT);
  afterAll(() => stopBrowserHall(browser, t));

  it('the panel shows a QR that reads as today\'s door URL, and the print view opens with it', async () => {
    const door = (await t.admin.get('/api/v1/remote/door')).body;
    const secret = (await t.admin.get('/api/v1/admin/settings')).body.settings.remoteQueue.doorCode as string;
    expect(door.enabled).toBe(true);
    expect(door.url).toBe(`${t.url}/r?door=${door.code}`);
    const a = await openPage(browser, `${t.url}/admin#settings`, 1440, 900);
    // Console errors of every page of this context, the print window included (a CSP refusal shows here).
    const consoleErrors: string[] = [];
    a.context.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    try {
      await keyboardLogin(a.page, 'admin', 'admin-test-pw');
      const fig = a.page.locator('.remote-settings .door-qr');
      await fig.locator('svg').waitFor();
      await fig.scrollIntoViewIfNeeded();
      expect(await decodeQr(fig.locator('[role=img]'))).toBe(door.url);
      const caption = (await fig.locator('figcaption').textContent())!;
      expect(caption).toContain(door.url);
      expect(caption).toContain(door.businessDay);
      expect(caption).not.toContain(secret);
      await a.page.screenshot({ path: join(SHOTS, 'admin-door-qr.png') });

      // The print view: a window of its own with the QR alone and its caption; print() is asked for.
      const [popup] = await Promise.all([a.context.waitForEvent('page'), fig.locator('button', { hasText: '打印今日二维码' }).click()]);
      const print: Page = popup;
      await print.locator('svg').waitFor();
      expect(await print.title()).toContain(door.businessDay);
      expect(await print.locator('p').textContent()).toBe(`线上取号到场签到：请用取号的手机扫码（${door.businessDay} 当日有效）`);
      expect(await decodeQr(print.locator('svg').first())).toBe(door.url);
      expect(await print.content()).not.toContain(secret);
      // The QR fills most of the print window's shorter side (its layout was applied, not refused).
      const box = (await print.locator('svg').first().boundingBox())!;
      const view = print.viewportSize() ?? (await print.evaluate(() => ({ width: innerWidth, height: innerHeight })));
      expect(box.width).toBeGreaterThan(Math.min(view.width, view.height) * 0.5);
      expect(box.width).toBeLessThan(Math.min(view.width, view.height) * 0.9);
      await print.screenshot({ path: join(SHOTS, 'admin-door-print.png') });
      await print.close();
      expect(a.errors).toEqual([]);
      expect(consoleErrors).toEqual([]);
    } finally {
      await a.context.close();
    }
  });

  /** A hall screen, recording every API request it makes and every failing answer. */
  async function openDisplay(url: string, o: { fakeClock?: boolean } = {}) {
    const requests: string[] = [];
    const failures: string[] = [];
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    // Playwright's clock: time flows as usual, and a test may jump it forward (the QR's 2-minute re-read).
    if (o.fakeClock) await context.clock.install();
    context.on('request', (r) => r.url().includes('/api/') && requests.push(new URL(r.url()).pathname));
    context.on('response', (r) => r.status() >= 400 && failures.push(`${r.status()} ${new URL(r.url()).pathname}`));
    const consoleErrors: string[] = [];
    context.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await online(page);
    await page.locator('.hall-main').waitFor();
    // The screen's effects (where the QR's first request starts) have run: two frames and a task later.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
    return { page, context, requests, failures, consoleErrors };
  }

  it('a hall screen without a display token never asks for the door code (no 401), and shows no QR', async () => {
    const d = await openDisplay(`${t.url}/display?voice=0`);
    try {
      // It did reach the hall: a request it makes after its effects proves the page is live and asking.
      await d.page.evaluate(() => fetch('/api/v1/health'));
      expect(d.requests).toContain('/api/v1/health');
      expect(d.requests.filter((p) => p.startsWith('/api/v1/remote/door'))).toEqual([]);
      expect(d.failures).toEqual([]);
      expect(d.consoleErrors).toEqual([]);
      expect(await d.page.locator('.door-qr').count()).toBe(0);
      // The code stays closed to anonymous callers.
      const anon = await fetch(`${t.url}/api/v1/remote/door`);
      expect(anon.status).toBe(401);
    } finally {
      await d.context.close();
    }
  });

  it('a hall screen with its display token shows the QR of today\'s door URL', async () => {
    const client = (await t.admin.post('/api/v1/admin/clients', { kind: 'display', name: 'door screen e2e' })).body.client;
    const door = (await t.admin.get('/api/v1/remote/door')).body;
    const d = await openDisplay(`${t.url}/display?device=${await t.deviceToken(client.id)}&voice=0`);
    try {
      const qr = d.page.locator('.door-qr .door-qr-code');
      await qr.locator('svg').waitFor();
      expect(await decodeQr(qr)).toBe(door.url);
      expect(d.failures).toEqual([]);
      expect(d.consoleErrors).toEqual([]);
      await d.page.screenshot({ path: join(SHOTS, 'display-door-qr-token.png') });
    } finally {
      await d.context.close();
    }
  });

  it('a hall screen whose token is revoked stops asking for the door code after the first refusal', async () => {
    const client = (await t.admin.post('/api/v1/admin/clients', { kind: 'display', name: 'revoked screen e2e' })).body.client;
    const d = await openDisplay(`${t.url}/display?device=${await t.deviceToken(client.id)}&voice=0`, { fakeClock: true });
    const doorAsks = () => d.requests.filter((p) => p === '/api/v1/remote/door').length;
    try {
      await d.page.locator('.door-qr svg').waitFor();
      expect(doorAsks()).toBe(1);
      expect((await t.admin.post(`/api/v1/admin/clients/${client.id}/revoke`)).status).toBe(200);
      // The next re-read (2 minutes on) is refused…
      await d.page.clock.fastForward('02:00');
      await d.page.locator('.door-qr').waitFor({ state: 'detached' });
      expect(doorAsks()).toBe(2);
      expect(d.failures).toContain('401 /api/v1/remote/door');
      // …and the screen asks no more: three more re-read times pass without a request.
      for (let i = 0; i < 3; i++) await d.page.clock.fastForward('02:00');
      // a request made now arrives after any the timers made
      await d.page.evaluate(() => fetch('/api/v1/health'));
      await until(() => d.requests.filter((p) => p === '/api/v1/health').length >= 1, 'the probe request');
      expect(doorAsks()).toBe(2);
    } finally {
      await d.context.close();
    }
  });
});
