/**
 * Issue 13 review, item 5, in headless Chromium: a kiosk agent that connects from a new
 * address shows as one supervisor alert on the monitor, in the supervisor's language.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF_PASSWORD } from '../helpers/hall.js';
import { E2E_TIMEOUT, keyboardLogin, openPage, SHOTS_DIR, skipE2E, startBrowserHall, stopBrowserHall, TestHall } from './support.js';


describe.skipIf(skipE2E)('a kiosk agent from a new address on the supervisor monitor', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  let t: TestHall;

  beforeAll(async () => ({ browser, t } = await startBrowserHall({ shots: SHOTS_DIR })), E2E_TIMEOUT);
  afterAll(() => stopBrowserHall(browser, t));

  it('shows one grouped alert naming the kiosk and both addresses, and the supervisor acknowledges it', async () => {
    // The agent use case as the /kiosk socket calls it on each accepted hello (the socket path is in kiosk-agent.test.ts).
    const networks = t.hall.deps.devices.agentNetworks;
    networks.connected('kiosk-1', '大厅入口自助机', '10.1.0.21');
    networks.connected('kiosk-1', '大厅入口自助机', '10.66.0.9');
    networks.connected('kiosk-1', '大厅入口自助机', '10.66.0.10');
    const a = await openPage(browser, `${t.url}/admin#monitor`, 1440, 900);
    try {
      await keyboardLogin(a.page, 'supervisor', DEMO_STAFF_PASSWORD);
      const alert = a.page.locator('li.alert', { hasText: '代理程序' });
      await alert.waitFor();
      expect(await a.page.locator('li.alert', { hasText: '代理程序' }).count()).toBe(1);
      const text = await alert.textContent();
      expect(text).toContain('自助机代理换了地址');
      expect(text).toContain('大厅入口自助机');
      expect(text).toContain('10.66.0.10');
      expect(text).toContain('共2次');
      await alert.scrollIntoViewIfNeeded();
      await a.page.screenshot({ path: join(SHOTS_DIR, 'admin-monitor-agent-moved.png') });
      await alert.locator('button').click();
      await a.page.locator('li.alert.acked', { hasText: '代理程序' }).waitFor();
      expect(a.errors).toEqual([]);
    } finally {
      await a.context.close();
    }
  });
});
