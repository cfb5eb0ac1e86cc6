/**
 * Issue 10, finding 12, in headless Chromium: every built page works under the
 * hall's Content-Security-Policy (no inline script) with no violation, and a
 * device token given in the URL leaves the address bar at once but keeps
 * working after a reload (it is remembered in localStorage).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../helpers/hall.js';
import { E2E_TIMEOUT, online, skipE2E, startBrowserHall, stopBrowserHall, TestHall } from './support.js';

const SHOTS = process.env.ONESTOP_SHOTS_DIR;

describe.skipIf(skipE2E)('pages under the CSP, device tokens out of the URL', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  let t: TestHall;
  let kioskToken = '';
  let displayToken = '';
  let trackPath = '';

  beforeAll(async () => {
    ({ browser, t } = await startBrowserHall());
    await t.devicesReady();
    kioskToken = await t.deviceToken('kiosk-1');
    displayToken = await t.deviceToken('display-w1');
    const issued = await new Api(t.url, kioskToken).post('/api/v1/tickets', { serviceId: 'property' });
    trackPath = `/t/${issued.body.ticket.trackToken}`;
  }, E2E_TIMEOUT);
  afterAll(() => stopBrowserHall(browser, t));

  /** Opens a page recording CSP violations (from the document's own event) and console errors. */
  async function open(path: string, width = 1280, height = 800): Promise<{ page: Page; context: BrowserContext; problems: () => Promise<string[]> }> {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
    await context.addInitScript(() => {
      (window as any).__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
    });
    const res = await page.goto(t.url + path, { waitUntil: 'domcontentloaded' });
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    return { page, context, problems: async () => [...errors, ...((await page.evaluate(() => (window as any).__csp)) as string[])] };
  }

  const PAGES: [string, () => string, string][] = [
    ['kiosk', () => `/kiosk?device=${kioskToken}&kiosk=kiosk-1`, '.svc'],
    ['counter', () => '/counter', 'input[autocomplete=username]'],
    ['hall display', () => '/display', '#app *'],
    ['window display', () => `/display/window/1?device=${displayToken}`, '#app *'],
    ['admin', () => '/admin', 'input[autocomplete=username]'],
    ['phone', () => trackPath, '.tr-card'],
  ];
  it.each(PAGES)('%s renders and runs with no CSP violation', async (name, path, ready) => {
    const { page, context, problems } = await open(path());
    try {
      await page.locator(ready).first().waitFor();
      if (name !== 'counter' && name !== 'admin') await online(page);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/csp-${name.replace(' ', '-')}.png` });
      expect(await problems()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a kiosk opened with ?device= drops the token from the URL at once and still works after a reload', async () => {
    const { page, context, problems } = await open(`/kiosk?device=${kioskToken}&kiosk=kiosk-1&lang=en`, 1080, 1920);
    try {
      await page.locator('.svc').first().waitFor();
      const url = new URL(page.url());
      expect(url.searchParams.has('device')).toBe(false);
      expect(page.url()).not.toContain(kioskToken);
      expect(url.search).toBe('?kiosk=kiosk-1&lang=en');
      await page.reload();
      await online(page);
      // Still the registered kiosk: the server answers it as kiosk-1 (a ticket is issued with its token).
      await page.locator('.svc', { hasText: 'General enquiries' }).click();
      await page.locator('.guide .big-take').click();
      await page.locator('.swipe .big-take').click(); // no ID card
      await page.locator('.t-num').waitFor();
      expect(await page.locator('.t-num').textContent()).toMatch(/^[A-Z]\d{3}$/);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/kiosk-after-reload.png` });
      expect(await problems()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
