/**
 * The counter with the keyboard only: log in, choose the window, call, recall,
 * start, finish, pause (dialog) and resume, in headless Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, DEMO_STAFF_PASSWORD } from '../helpers/hall.js';
import { E2E_TIMEOUT, keyboardLogin, online, openPage, skipE2E, startBrowserHall, stopBrowserHall, tabTo, TestHall, until } from './support.js';

const text = async (p: Page, sel: string) => ((await p.locator(sel).first().textContent()) ?? '').trim();

describe.skipIf(skipE2E)('counter by keyboard only', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  let t: TestHall;

  beforeAll(async () => ({ browser, t } = await startBrowserHall()), E2E_TIMEOUT);
  afterAll(() => stopBrowserHall(browser, t));

  it('log in, choose window, call, recall, start, finish, pause and resume without a mouse', async () => {
    const kiosk = new Api(t.url, await t.deviceToken('kiosk-1'));
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await kiosk.post('/api/v1/tickets', { serviceId: 'fund' }, { 'Idempotency-Key': `kbd-ticket-${i}-xxxx` });
      expect(r.status).toBe(201);
      numbers.push(r.body.ticket.number);
    }
    const { page, context, errors } = await openPage(browser, `${t.url}/counter`, 1366, 768);
    try {
      await keyboardLogin(page, 'clerk4', DEMO_STAFF_PASSWORD);
      await page.locator('.pick-win').first().waitFor();
      await tabTo(page, '.pick-win[data-window="4"]');
      await page.keyboard.press('Enter');
      await page.locator('.act.main:not([disabled])').waitFor();
      await online(page);
      await expect.poll(() => page.locator('.wait-list li').count()).toBe(2);

      // N: call next.
      await page.keyboard.press('n');
      await expect.poll(() => text(page, '.cur-num')).toBe(numbers[0]);
      await page.locator('.cur.called').waitFor();

      // R: recall (the ticket shows the recall count; the server counted it).
      await page.keyboard.press('r');
      await expect.poll(() => text(page, '.cur-top')).toMatch(/1/);
      const supervisor = await Api.login(t.url, 'supervisor', DEMO_STAFF_PASSWORD);
      await until(async () => (await supervisor.get('/api/v1/queue')).body.windows.find((w: any) => w.id === 'w4')?.current?.recallCount === 1, 'recall counted');

      // S: start serving, D: finish.
      await page.keyboard.press('s');
      await page.locator('.cur.serving').waitFor();
      await page.keyboard.press('d');
      await page.locator('.cur.empty').waitFor();

      // P opens the pause dialog with the focus inside; type a reason, Enter.
      await page.keyboard.press('p');
      await page.locator('[role=dialog]').waitFor();
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role=dialog]'))).toBe(true);
      await page.keyboard.press('Escape');
      await page.locator('[role=dialog]').waitFor({ state: 'detached' });
      await page.keyboard.press('p');
      await page.locator('[role=dialog]').waitFor();
      await tabTo(page, '[role=dialog] input');
      await page.keyboard.type('培训');
      await page.keyboard.press('Enter');
      await page.locator('.bench .banner-warn').waitFor();
      // Paused: N does nothing; P resumes; N calls the second ticket.
      await page.keyboard.press('n');
      expect(await page.locator('.cur.empty').count()).toBe(1);
      await page.keyboard.press('p');
      await page.locator('.bench .banner-warn').waitFor({ state: 'detached' });
      await page.keyboard.press('n');
      await expect.poll(() => text(page, '.cur-num')).toBe(numbers[1]);

      // Every action button is reachable with Tab and shows its key.
      const keys = await page.locator('.actions-grid .act kbd').allTextContents();
      expect(keys).toEqual(expect.arrayContaining(['N', 'R', 'S', 'D', 'X', 'T', 'G', 'P']));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
