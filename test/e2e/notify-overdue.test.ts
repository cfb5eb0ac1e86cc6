/**
 * Issue 13 items 11–12 in headless Chromium: the admin sets the notification
 * webhook and a booking platform's callback in their own panel; a supervisor
 * sees cases past their promised time beside the alerts (hall on a test clock);
 * the hall display rotates each service's fees and promised time.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF_PASSWORD, clerkAt } from '../helpers/hall.js';
import { TestClock } from '../helpers/features.js';
import { E2E_TIMEOUT, keyboardLogin, openPage, SHOTS_DIR, skipE2E, startBrowserHall, stopBrowserHall, TestHall } from './support.js';


describe.skipIf(skipE2E)('notifications settings, overdue cases, fees on the hall display', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  const clock = new TestClock();
  let t: TestHall;

  beforeAll(async () => ({ browser, t } = await startBrowserHall({ extra: { now: clock.now }, shots: SHOTS_DIR })), E2E_TIMEOUT);
  afterAll(() => stopBrowserHall(browser, t));

  it('the admin edits the notification settings and a platform callback', async () => {
    const platform = (await t.admin.post('/api/v1/admin/clients', { kind: 'platform', name: '省政务服务网' })).body.client;
    const a = await openPage(browser, `${t.url}/admin#settings`, 1440, 900);
    try {
      await keyboardLogin(a.page, 'admin', 'admin-test-pw');
      const panel = a.page.locator('.notify-settings');
      await panel.locator('form').waitFor();
      await panel.locator('.field', { hasText: '前面剩几人' }).locator('input').fill('2');
      await panel.locator('.field', { hasText: '最多尝试' }).locator('input').fill('6');
      await panel.locator('.field', { hasText: '最长等待' }).locator('input').fill('8');
      await panel.locator('.field', { hasText: '作废' }).locator('input').fill('15');
      await panel.locator('.field', { hasText: '同时发送的接收方数' }).locator('input').fill('2');
      // An internal address is refused when saved, with the reason shown (the cloud metadata service here).
      await panel.locator('.field', { hasText: 'Webhook' }).locator('input').fill('http://169.254.169.254/latest/meta-data/');
      await panel.locator('button[type=submit]').click();
      await panel.getByText('169.254.169.254 is a link-local address', { exact: false }).waitFor();
      await panel.scrollIntoViewIfNeeded();
      await a.page.screenshot({ path: join(SHOTS_DIR, 'admin-notify-refused.png') });
      expect((await t.admin.get('/api/v1/admin/settings')).body.settings.notify.webhookUrl).toBe('');
      await panel.locator('.field', { hasText: 'Webhook' }).locator('input').fill('https://sms.example.gov.cn/hook');
      await panel.locator('.check input').check();
      await panel.locator('.field', { hasText: '省政务服务网' }).locator('input').fill('https://zwfw.example.gov.cn/callback');
      await panel.locator('button[type=submit]').click();
      await panel.locator('.saved-note').waitFor();
      await panel.scrollIntoViewIfNeeded();
      await a.page.screenshot({ path: join(SHOTS_DIR, 'admin-notify-settings.png') });
      expect((await t.admin.get('/api/v1/admin/settings')).body.settings.notify).toEqual({ aheadThreshold: 2, webhookUrl: 'https://sms.example.gov.cn/hook', includeTrackToken: true, maxAttempts: 6, timeoutSeconds: 8, parallelReceivers: 2, expireMinutes: 15 });
      const saved = (await t.admin.get('/api/v1/admin/clients')).body.clients.find((c: any) => c.id === platform.id);
      expect(saved.config.callbackUrl).toBe('https://zwfw.example.gov.cn/callback');
      // The refused save answered 400: the page showed it and logged nothing else.
      expect(a.errors.filter((e) => !/400/.test(e))).toEqual([]);
    } finally {
      await a.context.close();
    }
  });

  it('a supervisor sees a case past its promised time beside the alerts', async () => {
    const ticket = (await t.admin.post('/api/v1/tickets', { serviceId: 'social' })).body.ticket;
    const w3 = await clerkAt(t.url, 3);
    await w3.post('/api/v1/windows/w3/call-next');
    await w3.post('/api/v1/windows/w3/start');
    clock.advance(26); // social promises 20 minutes
    const a = await openPage(browser, `${t.url}/admin#monitor`, 1440, 900);
    try {
      await keyboardLogin(a.page, 'supervisor', DEMO_STAFF_PASSWORD);
      const panel = a.page.locator('.overdue');
      await panel.locator('tr.hot').waitFor();
      const row = await panel.locator('tr.hot').textContent();
      expect(row).toContain(ticket.number);
      expect(row).toContain('26 分 / 20 分');
      expect(row).toContain('6 分');
      await panel.scrollIntoViewIfNeeded();
      await a.page.screenshot({ path: join(SHOTS_DIR, 'admin-monitor-overdue.png') });
      expect(a.errors).toEqual([]);
    } finally {
      await a.context.close();
    }
  });

  it('the hall display rotates each service\'s fees and promised time', async () => {
    const d = await openPage(browser, `${t.url}/display?device=${await t.deviceToken('display-hall')}`, 1920, 1080);
    try {
      await d.page.locator('.ticker').waitFor();
      expect(await d.page.locator('.ticker').textContent()).toContain('不动产登记：住宅登记费80元/件，承诺 60 分钟办结');
      await d.page.screenshot({ path: join(SHOTS_DIR, 'display-hall-fees.png') });
      expect(d.errors).toEqual([]);
    } finally {
      await d.context.close();
    }
  });
});
