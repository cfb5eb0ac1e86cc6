/**
 * Issue 10 in the browser: the counter says a window is taken (in each of its
 * languages) and a supervisor can take it over; the admin UI revokes a kiosk and
 * the kiosk's token stops working.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api, DEMO_STAFF_PASSWORD, clerkAt } from '../helpers/hall.js';
import { E2E_TIMEOUT, ensureUi, keyboardLogin, launchBrowser, online, openPage, skipE2E, TestHall, type OpenPage } from './support.js';

const SHOTS = process.env.ONESTOP_SHOTS_DIR;

describe.skipIf(skipE2E)('rights in the counter and admin UIs', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  let t: TestHall;
  const pages: OpenPage[] = [];
  const open = async (path: string, w: number, h: number) => {
    const p = await openPage(browser, t.url + path, w, h);
    pages.push(p);
    return p;
  };

  beforeAll(async () => {
    await ensureUi();
    browser = await launchBrowser();
    t = await new TestHall().start();
  }, E2E_TIMEOUT);
  afterEach(async () => {
    for (const p of pages.splice(0)) {
      expect(p.errors).toEqual([]);
      await p.context.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
  });

  it('a clerk picking a window another clerk holds is told so, in zh-CN, zh-TW and en', async () => {
    await clerkAt(t.url, 2);
    const expected = { 'zh-CN': '2 号窗口已由', 'zh-TW': '2 號窗口已由', en: 'Window 2 is signed in to by' } as const;
    for (const [lang, words] of Object.entries(expected)) {
      const c = await open(`/counter?lang=${lang}`, 1366, 768);
      await keyboardLogin(c.page, 'clerk1', DEMO_STAFF_PASSWORD);
      await c.page.locator('.pick-win[data-window="2"]').click();
      const banner = c.page.locator('.pick .banner-error');
      await banner.waitFor();
      expect(await banner.textContent()).toContain(words);
      expect(await c.page.locator('.take-over').count()).toBe(0); // a clerk cannot take over
      if (SHOTS && lang === 'zh-CN') await c.page.screenshot({ path: `${SHOTS}/counter-window-taken.png` });
      // Their own window still opens.
      await c.page.locator('.pick-win[data-window="1"]').click();
      await c.page.locator('.act.main').waitFor();
    }
  });

  it('a supervisor takes the window over from the same screen', async () => {
    const clerk3 = await clerkAt(t.url, 3);
    const c = await open('/counter', 1366, 768);
    await keyboardLogin(c.page, 'supervisor', DEMO_STAFF_PASSWORD);
    await c.page.locator('.pick-win[data-window="3"]').click();
    await c.page.locator('.take-over').waitFor();
    if (SHOTS) await c.page.screenshot({ path: `${SHOTS}/counter-take-over.png` });
    await c.page.locator('.take-over').click();
    await c.page.locator('.act.main').waitFor();
    await online(c.page);
    expect((await clerk3.get('/api/v1/auth/me')).body.windowId).toBeNull();
    const audit = (await t.admin.get('/api/v1/admin/audit?type=window.taken_over')).body.events;
    expect(audit[0]).toMatchObject({ windowId: 'w3' });
  });

  it('the admin revokes a kiosk from the clients page; its token gets 401', async () => {
    const token = await t.deviceToken('kiosk-1');
    expect((await new Api(t.url, token).post('/api/v1/tickets', { serviceId: 'tax' }, { 'Idempotency-Key': 'ui-revoke-1-xxxx' })).status).toBe(201);
    const a = await open('/admin#clients', 1440, 900);
    await keyboardLogin(a.page, 'admin', 'admin-test-pw');
    const row = a.page.locator('tbody tr', { hasText: 'kiosk-1' });
    await row.locator('.revoke').waitFor();
    a.page.once('dialog', (d) => void d.accept());
    await row.locator('.revoke').click();
    await row.locator('.revoke').waitFor({ state: 'detached' });
    expect(await row.textContent()).toContain('已吊销');
    if (SHOTS) await a.page.screenshot({ path: `${SHOTS}/admin-client-revoked.png` });
    expect((await new Api(t.url, token).post('/api/v1/tickets', { serviceId: 'tax' }, { 'Idempotency-Key': 'ui-revoke-2-xxxx' })).status).toBe(401);
  });
});
