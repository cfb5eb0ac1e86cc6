/**
 * Issue 11 in the browsers: a kiosk whose printer its agent hosts shows the
 * paper-out banner before anyone taps (pushed from the agent's idle status
 * poll), and the admin UI lists the agent's devices live and binds / unbinds a
 * kiosk to its agent.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../agent/agent.js';
import type { PrinterSimulator } from '../../drivers/printer/index.js';
import { axe, describeViolations, E2E_TIMEOUT, ensureUi, keyboardLogin, launchBrowser, online, openPage, skipE2E, TestHall, until, type OpenPage } from './support.js';

const SHOTS = process.env.ONESTOP_SHOTS_DIR;

describe.skipIf(skipE2E)('kiosk agent in the kiosk and admin UIs', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  let t: TestHall;
  let agent: RunningAgent;
  let token: string;
  const pages: OpenPage[] = [];
  const open = async (path: string, w: number, h: number) => {
    const p = await openPage(browser, t.url + path, w, h);
    pages.push(p);
    return p;
  };
  const shot = async (p: OpenPage, name: string) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await p.page.screenshot({ path: join(SHOTS, `${name}.png`) });
  };

  beforeAll(async () => {
    await ensureUi();
    browser = await launchBrowser();
    t = await new TestHall().start();
    // kiosk-1's printer and reader move to its agent.
    await t.admin.req('DELETE', '/api/v1/admin/devices/kiosk-1-printer');
    await t.admin.req('DELETE', '/api/v1/admin/devices/kiosk-1-reader');
    token = await t.deviceToken('kiosk-1');
    agent = await startAgent({ server: t.url, token, printer: 'sim:printer', reader: 'sim:idcard', statusIntervalMs: 300, log: () => undefined });
    await until(() => agent.announced, 'the agent hello');
  }, E2E_TIMEOUT);
  afterEach(async () => {
    for (const p of pages.splice(0)) {
      expect(p.errors).toEqual([]);
      await p.context.close().catch(() => undefined);
    }
  });
  afterAll(async () => {
    await agent?.stop();
    await browser?.close();
    await t?.dispose();
  });

  it('the kiosk page warns of paper-out on the agent’s printer before anyone taps', async () => {
    const kiosk = await open(`/kiosk?device=${token}&kiosk=kiosk-1`, 1080, 1920);
    await online(kiosk.page);
    await kiosk.page.locator('.svc').first().waitFor();
    expect(await kiosk.page.locator('.k-banner').count()).toBe(0);
    (agent.simulators.printer as PrinterSimulator).setState({ paper: 'out' });
    await kiosk.page.locator('.k-banner[role=alert]').waitFor();
    await shot(kiosk, 'kiosk-agent-paper-out');
    (agent.simulators.printer as PrinterSimulator).setState({ paper: 'ok' });
    await kiosk.page.locator('.k-banner').waitFor({ state: 'detached' });
  });

  it('the admin devices page lists the agent’s devices and follows their health live', async () => {
    const a = await open('/admin#devices', 1440, 900);
    await keyboardLogin(a.page, 'admin', 'admin-test-pw');
    const row = a.page.locator('.agent-devices tr[data-device="kiosk-1-agent-printer"]');
    await expect.poll(() => row.locator('.badge').textContent()).toContain('正常');
    await expect.poll(() => row.textContent()).toContain('sim:printer');
    (agent.simulators.printer as PrinterSimulator).setState({ paper: 'out' });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('paper out');
    await a.page.locator('.agent-devices').scrollIntoViewIfNeeded();
    await shot(a, 'admin-agent-devices');
    const v = await axe(a.page);
    expect(v, describeViolations(v)).toEqual([]);
    (agent.simulators.printer as PrinterSimulator).setState({ paper: 'ok' });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('ready');
  });

  it('the admin clients page shows the kiosk bound to its agent and unbinds it', async () => {
    const a = await open('/admin#clients', 1440, 900);
    await keyboardLogin(a.page, 'admin', 'admin-test-pw');
    const cell = a.page.locator('tr', { hasText: 'kiosk-1' }).locator('td[data-agent]');
    await expect.poll(() => cell.getAttribute('data-agent')).toBe('true');
    await shot(a, 'admin-clients-agent');
    const v = await axe(a.page);
    expect(v, describeViolations(v)).toEqual([]);
    await a.page.locator('tr', { hasText: 'kiosk-1' }).getByRole('button', { name: /取消代理/ }).click();
    await expect.poll(() => cell.getAttribute('data-agent')).toBe('false');
    const c = (await t.admin.get('/api/v1/admin/clients')).body.clients.find((x: { id: string }) => x.id === 'kiosk-1');
    expect(c.config.agent).toBe(false);
  });
});
