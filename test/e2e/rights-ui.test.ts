/**
 * Issue 10 in the browser: the counter says a window is taken (in each of its
 * languages) and a supervisor can take it over; the admin UI revokes a kiosk and
 * the kiosk's token stops working.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, DEMO_STAFF_PASSWORD, clerkAt } from '../helpers/hall.js';
import { E2E_TIMEOUT, keyboardLogin, online, openPage, skipE2E, startBrowserHall, stopBrowserHall, TestHall } from './support.js';

const SHOTS = process.env.ONESTOP_SHOTS_DIR;

describe.skipIf(skipE2E)('rights in the counter and admin UIs', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  let t: TestHall;
  const hall = () => t.hall;
  /** Runs `fn` on a fresh page, then checks it threw nothing and closes it. */
  const onPage = async (path: string, size: [number, number], fn: (p: Page) => Promise<void>) => {
    const { page, context, errors } = await openPage(browser, t.url + path, ...size);
    try {
      await fn(page);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  };

  beforeAll(async () => ({ browser, t } = await startBrowserHall()), E2E_TIMEOUT);
  afterAll(() => stopBrowserHall(browser, t));

  it('a clerk picking a window another clerk holds is told so, in zh-CN, zh-TW and en', async () => {
    await clerkAt(t.url, 2);
    const expected = { 'zh-CN': '2 号窗口已由', 'zh-TW': '2 號窗口已由', en: 'Window 2 is signed in to by' } as const;
    for (const [lang, words] of Object.entries(expected)) {
      await onPage(`/counter?lang=${lang}`, [1366, 768], async (page) => {
        await keyboardLogin(page, 'clerk1', DEMO_STAFF_PASSWORD);
        await page.locator('.pick-win[data-window="2"]').click();
        const banner = page.locator('.pick .banner-error');
        await banner.waitFor();
        expect(await banner.textContent()).toContain(words);
        expect(await page.locator('.take-over').count()).toBe(0); // a clerk cannot take over
        if (SHOTS && lang === 'zh-CN') await page.screenshot({ path: `${SHOTS}/counter-window-taken.png` });
        // Their own window still opens.
        await page.locator('.pick-win[data-window="1"]').click();
        await page.locator('.act.main').waitFor();
      });
    }
  });

  it('a supervisor takes the window over from the same screen; the clerk’s counter goes back to choosing a window', async () => {
    await onPage('/counter', [1366, 768], async (clerkPage) => {
      await keyboardLogin(clerkPage, 'clerk3', DEMO_STAFF_PASSWORD);
      await clerkPage.locator('.pick-win[data-window="3"]').click();
      await clerkPage.locator('.act.main').waitFor();
      await online(clerkPage);
      await onPage('/counter', [1366, 768], async (page) => {
        await keyboardLogin(page, 'supervisor', DEMO_STAFF_PASSWORD);
        await page.locator('.pick-win[data-window="3"]').click();
        await page.locator('.take-over').waitFor();
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/counter-take-over.png` });
        await page.locator('.take-over').click();
        await page.locator('.act.main').waitFor();
        await online(page);
      });
      await clerkPage.locator('.pick-win[data-window="3"]').waitFor();
      const clerk3 = hall().deps.ctx.store.auth.userByUsername('clerk3')!.id;
      expect(hall().deps.auth.userWindows(clerk3)).toEqual([]);
    });
    const audit = (await t.admin.get('/api/v1/admin/audit?type=window.taken_over')).body.events;
    expect(audit[0]).toMatchObject({ windowId: 'w3' });
  });

  it('a session ended elsewhere (password changed) sends the counter back to the log-in', async () => {
    await onPage('/counter', [1366, 768], async (page) => {
      await keyboardLogin(page, 'clerk6', DEMO_STAFF_PASSWORD);
      await page.locator('.pick-win[data-window="6"]').click();
      await page.locator('.act.main').waitFor();
      await online(page);
      const id = hall().deps.ctx.store.auth.userByUsername('clerk6')!.id;
      expect((await t.admin.req('PATCH', `/api/v1/admin/users/${id}`, { password: 'changed-by-admin-6' })).status).toBe(200);
      await page.locator('input[autocomplete=username]').waitFor();
    });
  });

  it('the admin revokes a kiosk from the clients page; its token gets 401', async () => {
    const token = await t.deviceToken('kiosk-1');
    expect((await new Api(t.url, token).post('/api/v1/tickets', { serviceId: 'tax' }, { 'Idempotency-Key': 'ui-revoke-1-xxxx' })).status).toBe(201);
    await onPage('/admin#clients', [1440, 900], async (page) => {
      await keyboardLogin(page, 'admin', 'admin-test-pw');
      const row = page.locator('tbody tr', { hasText: 'kiosk-1' });
      await row.locator('.revoke').waitFor();
      page.once('dialog', (d) => void d.accept());
      await row.locator('.revoke').click();
      await row.locator('.revoke').waitFor({ state: 'detached' });
      expect(await row.textContent()).toContain('已吊销');
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/admin-client-revoked.png` });
    });
    expect((await new Api(t.url, token).post('/api/v1/tickets', { serviceId: 'tax' }, { 'Idempotency-Key': 'ui-revoke-2-xxxx' })).status).toBe(401);
  });

  it('Log out on the counter ends the session on the server and closes the window (review: it only forgot the token)', async () => {
    await onPage('/counter?lang=en', [1366, 768], async (page) => {
      await keyboardLogin(page, 'clerk7', DEMO_STAFF_PASSWORD);
      await page.locator('.pick-win[data-window="7"]').click();
      await page.locator('.act.main').waitFor();
      const kept = await page.evaluate(() => Object.entries(sessionStorage).map(([k, v]) => `${k}=${v}`).join('\n'));
      const st = /"token":"([^"]+)"/.exec(kept)?.[1] ?? '';
      expect(st, kept).toMatch(/^st_/);
      expect(hall().deps.ctx.store.config.runtime('w7')?.status).toBe('open');
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.locator('input[autocomplete=username]').waitFor();
      await expect.poll(() => hall().deps.ctx.store.config.runtime('w7')?.status, { timeout: 5000 }).toBe('closed');
      expect((await new Api(t.url, st).get('/api/v1/windows')).status).toBe(401);
    });
  });
});
