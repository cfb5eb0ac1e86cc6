/**
 * The admin UI's region uplink panel and the services form's catalogue code, in
 * headless Chromium against a real hall: the token is write-only, the state shows
 * "not connected" with the error while the region cannot be reached.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirePostgres, TestPostgres } from '../helpers/pg.js';
import { freePort, waitFor } from '../helpers/ports.js';
import { requireRedis, TestRedis } from '../helpers/redis.js';
import { regionAdmin, startTestRegion } from '../region/support.js';
import { E2E_TIMEOUT, ensureUi, keyboardLogin, launchBrowser, openPage, skipE2E, TestHall, until, type OpenPage } from './support.js';

const shots = new URL('../../test-output/', import.meta.url).pathname;

describe.skipIf(skipE2E)('admin: region uplink and catalogue code', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  let t: TestHall;
  let a: OpenPage;

  beforeAll(async () => {
    await ensureUi();
    browser = await launchBrowser();
    t = await new TestHall({ uplink: { idleMs: 50, minBackoffMs: 50, maxBackoffMs: 200, requestTimeoutMs: 1000 } }).start();
    mkdirSync(shots, { recursive: true });
  }, E2E_TIMEOUT);
  afterAll(async () => {
    await a?.context.close().catch(() => undefined);
    await browser?.close();
    await t?.dispose();
  });

  it('sets the uplink (token never shown back) and shows it cannot reach the region', async () => {
    a = await openPage(browser, `${t.url}/admin#settings`, 1440, 900);
    await keyboardLogin(a.page, 'admin', 'admin-test-pw');
    const panel = a.page.locator('section[aria-labelledby=uplink-title]');
    await panel.waitFor();
    await expect(panel.locator('.uplink-state dd').first().textContent()).resolves.toBe('未开启');
    const closed = await freePort(); // nothing listens here: the region is unreachable
    await panel.locator('input[type=checkbox]').check();
    await panel.locator('input[type=url]').fill(`http://127.0.0.1:${closed}`);
    await panel.locator('input[pattern]').fill('county-7');
    await panel.locator('input[type=password]').fill('rh_secret-token-value');
    await panel.locator('button[type=submit]').click();
    await panel.locator('.saved-note').waitFor();
    const r = (await t.admin.get('/api/v1/admin/uplink')).body;
    expect(r.uplink).toEqual({ enabled: true, url: `http://127.0.0.1:${closed}`, hallId: 'county-7', tokenSet: true });
    await expect(panel.locator('input[type=password]').inputValue()).resolves.toBe('');
    await expect(panel.locator('.field small').last().textContent()).resolves.toBe('已设置（留空则不变）');
    await until(async () => (await panel.locator('.uplink-error').count()) > 0, 'the uplink error to show');
    await expect(panel.locator('.uplink-st_disconnected').textContent()).resolves.toBe('未连接');
    expect(await a.page.content()).not.toContain('rh_secret-token-value');
    await panel.scrollIntoViewIfNeeded();
    await a.page.screenshot({ path: `${shots}admin-uplink.png`, animations: 'disabled' });
    expect(a.errors).toEqual([]);
  });

  it('saves a service catalogue code from the services form', async () => {
    await a.page.goto(`${t.url}/admin#services`);
    await a.page.locator('tbody tr', { hasText: '公积金' }).locator('.btn-small').click();
    const code = a.page.locator('.modal input[maxlength="64"]');
    await code.fill('11410100mb0p12345x');
    await a.page.screenshot({ path: `${shots}admin-service-catalogue.png`, animations: 'disabled' });
    await a.page.locator('.modal button[type=submit]').click();
    await a.page.locator('.modal').waitFor({ state: 'detached' });
    const svc = (await t.admin.get('/api/v1/admin/services')).body.services.find((s: any) => s.id === 'fund');
    expect(svc.catalogueCode).toBe('11410100MB0P12345X');
  });

  it.runIf(requirePostgres() && requireRedis())('says which epoch the region started for the hall and what was superseded', async () => {
    const [cluster, redis] = await Promise.all([TestPostgres.start(), TestRedis.start()]);
    const region = await startTestRegion(await cluster.createDatabase('epoch_ui'), redis.url);
    try {
      const regionApi = await regionAdmin(region.url);
      const token = (await regionApi.post('/region/v1/halls', { id: 'county-7', name: 'County 7', area: 'north' })).body.token;
      const setting = { enabled: true, url: region.url, hallId: 'county-7', token };
      expect((await t.admin.req('PATCH', '/api/v1/admin/uplink', setting)).status).toBe(200);
      const state = async () => (await t.admin.get('/api/v1/admin/uplink')).body.state;
      await waitFor('the uplink to catch up', async () => (await state()).connected && (await state()).lagEvents === 0);
      // the region admin asks for a new epoch; the uplink takes it when it next asks where the region stands (here: the setting saved again)
      expect((await regionApi.post('/region/v1/halls/county-7/resync')).status).toBe(200);
      expect((await t.admin.req('PATCH', '/api/v1/admin/uplink', setting)).status).toBe(200);
      // the hall only proposes its last shared event; the region admin confirms that point (a hall token alone cannot start an epoch)
      const hall = async () => (await regionApi.get('/region/v1/halls')).body.halls.find((h: any) => h.hallId === 'county-7');
      await waitFor('the hall to propose its common point', async () => (await hall()).proposal != null);
      expect((await regionApi.post('/region/v1/halls/county-7/epoch/confirm', { commonPoint: (await hall()).proposal.commonPoint })).status).toBe(200);
      expect((await t.admin.req('PATCH', '/api/v1/admin/uplink', setting)).status).toBe(200);
      await waitFor('the epoch to start', async () => (await state()).lastEpoch?.epoch === 1);
      const { commonPoint } = (await state()).lastEpoch;
      expect(commonPoint).toBeGreaterThan(0);
      await a.page.goto(`${t.url}/admin#settings`);
      const note = a.page.locator('[data-testid=uplink-epoch]');
      await note.waitFor();
      expect(await note.textContent()).toMatch(new RegExp(`^区域管理员已为本大厅开始第 1 纪元（.+）：区域把第 ${commonPoint} 条之后、本大厅恢复前的 0 条事件标记为作废，之后按本大厅现在的日志接收。$`));
      await note.scrollIntoViewIfNeeded();
      await a.page.screenshot({ path: `${shots}admin-uplink-epoch.png`, animations: 'disabled' });
      expect(a.errors).toEqual([]);
    } finally {
      await t.admin.req('PATCH', '/api/v1/admin/uplink', { enabled: false });
      await region.close();
      await Promise.all([cluster.stop(), redis.stop()]);
    }
  });
});
