/**
 * The admin's operations pieces in Chromium: the backup settings and "back up
 * now" on the settings page, and the banner when the server clock is not synchronised.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axe, describeViolations, E2E_TIMEOUT, ensureUi, keyboardLogin, launchBrowser, openPage, skipE2E, TestHall, type OpenPage } from './support.js';

const SHOTS = join(new URL('../..', import.meta.url).pathname, 'test-output/screenshots');

describe.skipIf(skipE2E)('admin: backups and the clock banner', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  let t: TestHall;
  const pages: OpenPage[] = [];

  beforeAll(async () => {
    await ensureUi();
    browser = await launchBrowser();
    t = await new TestHall({ clockSyncProbe: async () => false }).start();
    mkdirSync(SHOTS, { recursive: true });
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

  it('backs up from the settings page, lists the backup, saves the schedule, and warns about the clock', async () => {
    const a = await openPage(browser, `${t.url}/admin#settings`, 1440, 900);
    pages.push(a);
    await keyboardLogin(a.page, 'admin', 'admin-test-pw');
    const banner = a.page.locator('.clock-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('服务器时钟未同步');

    await a.page.getByLabel('每日自动备份时间').fill('01:15');
    await a.page.getByLabel('保留份数').fill('5');
    // The settings page has more than one form (the region uplink has its own 保存): save the one with the schedule.
    const form = a.page.locator('form', { has: a.page.getByLabel('每日自动备份时间') });
    await form.getByRole('button', { name: '保存' }).click();
    await form.locator('.saved-note').waitFor();
    const saved = (await t.admin.get('/api/v1/admin/settings')).body.settings;
    expect([saved.backupTime, saved.backupKeep, saved.backupFolder]).toEqual(['01:15', 5, '']);

    await a.page.getByRole('button', { name: '立即备份' }).click();
    await a.page.locator('.backups .banner-ok').waitFor({ timeout: 30_000 });
    const made = (await t.admin.get('/api/v1/admin/backups')).body.backups;
    expect(made).toHaveLength(1);
    expect(await a.page.locator('.backups .banner-ok').textContent()).toContain(made[0].name);
    await a.page.locator('.backups tbody tr').first().waitFor();
    expect(await a.page.locator('.backups tbody tr').count()).toBe(1);
    expect(await a.page.locator('.backups tbody tr td').nth(1).textContent()).toBe('手动');

    expect(describeViolations(await axe(a.page))).toBe('');
    await a.page.locator('.backups').scrollIntoViewIfNeeded();
    await a.page.screenshot({ path: join(SHOTS, 'admin-backups.png') });
    await a.page.evaluate(() => window.scrollTo(0, 0));
    await a.page.screenshot({ path: join(SHOTS, 'admin-clock-banner.png') });
  });
});
