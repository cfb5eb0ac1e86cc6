/**
 * axe-core (WCAG 2.0/2.1 A and AA rules) on every page and the main states of
 * each, in real headless Chromium against a real hall server.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, DEMO_STAFF_PASSWORD } from '../helpers/hall.js';
import { axe, describeViolations, E2E_TIMEOUT, ensureUi, keyboardLogin, launchBrowser, online, openPage, skipE2E, TestHall } from './support.js';

describe.skipIf(skipE2E)('accessibility (axe-core, WCAG 2 A/AA)', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  let t: TestHall;
  let kioskToken = '';
  let displayToken = '';
  let trackPath = '';
  const found: string[] = [];

  beforeAll(async () => {
    await ensureUi();
    browser = await launchBrowser();
    t = await new TestHall().start();
    await t.devicesReady();
    kioskToken = await t.deviceToken('kiosk-1');
    displayToken = await t.deviceToken('display-w1');
    const kiosk = new Api(t.url, kioskToken);
    for (const [svc, i] of [['property', 1], ['property', 2], ['social', 3]] as const) {
      const r = await kiosk.post('/api/v1/tickets', { serviceId: svc }, { 'Idempotency-Key': `a11y-ticket-${i}-xxxx` });
      trackPath = `/t/${r.body.ticket.trackToken}`;
    }
    const clerk = await Api.login(t.url, 'clerk2', DEMO_STAFF_PASSWORD);
    await clerk.post('/api/v1/windows/w2/open');
    await clerk.post('/api/v1/windows/w2/call-next');
  }, E2E_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
  });

  /** Opens a page, brings it to a state, runs axe on each named state. */
  async function check(path: string, size: [number, number], states: [string, (p: Page) => Promise<void>][]): Promise<void> {
    const o = await openPage(browser, t.url + path, size[0], size[1]);
    try {
      await o.page.locator('body > *').first().waitFor();
      for (const [name, step] of states) {
        await step(o.page);
        await o.page.evaluate(() => document.fonts.ready);
        const v = await axe(o.page);
        if (v.length) found.push(`${path} [${name}]\n${describeViolations(v)}`);
      }
      expect(o.errors).toEqual([]);
    } finally {
      await o.context.close();
    }
  }
  const admin = async (p: Page) => {
    await keyboardLogin(p, 'admin', 'admin-test-pw');
    await p.locator('.a-tabs').waitFor();
  };
  const tab = (name: string, ready: string) => async (p: Page) => {
    await p.locator(`.a-tabs a[href="#${name}"]`).click();
    await p.locator(ready).first().waitFor();
  };

  it('kiosk', async () => {
    await check(`/kiosk?device=${kioskToken}&kiosk=kiosk-1`, [1080, 1920], [
      ['home', async (p) => { await p.locator('.svc').first().waitFor(); await online(p); }],
      ['guide', async (p) => { await p.locator('.svc', { hasText: '社保医保' }).click(); await p.locator('.guide').waitFor(); }],
      ['swipe', async (p) => { await p.locator('.guide .big-take').click(); await p.locator('.swipe').waitFor(); }],
      ['ticket', async (p) => { await p.locator('.swipe .big-take').click(); await p.locator('.t-qr svg').waitFor(); }],
      ['check-in', async (p) => { await p.locator('.result .big-take').click(); await p.locator('.checkin-btn').click(); await p.locator('.checkin').waitFor(); }],
      ['not found', async (p) => { await p.locator('.code-field input').fill('99999'); await p.keyboard.press('Enter'); await p.locator('.failed').waitFor(); }],
    ]);
    await check(`/kiosk?device=${kioskToken}&kiosk=kiosk-1&elderly&lang=en`, [1920, 1080], [['elderly, landscape, en', async (p) => void (await p.locator('.svc').first().waitFor())]]);
  });

  it('counter', async () => {
    await check('/counter', [1366, 768], [
      ['login', async (p) => void (await p.locator('.login').waitFor())],
      ['choose window', async (p) => { await keyboardLogin(p, 'clerk1', DEMO_STAFF_PASSWORD); await p.locator('.pick-win').first().waitFor(); }],
      ['workbench', async (p) => { await p.locator('.pick-win[data-window="1"]').click(); await p.locator('.act.main').waitFor(); await online(p); await p.keyboard.press('n'); await p.locator('.cur-num').waitFor(); }],
      ['pause dialog', async (p) => { await p.keyboard.press('p'); await p.locator('[role=dialog]').waitFor(); }],
      ['transfer dialog', async (p) => { await p.keyboard.press('Escape'); await p.locator('[role=dialog]').waitFor({ state: 'detached' }); await p.keyboard.press('t'); await p.locator('[role=dialog]').waitFor(); }],
      ['no-show to restore', async (p) => { await p.keyboard.press('Escape'); await p.locator('[role=dialog]').waitFor({ state: 'detached' }); await p.keyboard.press('x'); await p.locator('.ns-list li').waitFor(); }],
    ]);
  });

  it('displays and the phone page', async () => {
    await check('/display', [1920, 1080], [['hall', async (p) => void (await p.locator('.call-now .call-num').waitFor())]]);
    await check('/display/window/2', [1280, 720], [['window', async (p) => void (await p.locator('.ws-num').waitFor())]]);
    await check(`/display/window/2?rate=1&device=${displayToken}`, [1280, 720], [
      ['rating', async (p) => {
        await online(p);
        await (await Api.login(t.url, 'supervisor', DEMO_STAFF_PASSWORD)).post('/api/v1/windows/w2/rate-request');
        await p.locator('.rate-grade').first().waitFor();
      }],
      ['reasons', async (p) => { await p.locator('.rate-grade[data-grade="1"]').click(); await p.locator('.rate-reason').first().waitFor(); }],
    ]);
    await check(trackPath, [390, 844], [['phone', async (p) => void (await p.locator('.tr-num').waitFor())]]);
    await check('/', [1280, 800], [['home', async (p) => void (await p.locator('a').first().waitFor())]]);
  });

  it('admin', async () => {
    await check('/admin', [1440, 900], [
      ['login', async (p) => void (await p.locator('.login').waitFor())],
      ['monitor', async (p) => { await admin(p); await p.locator('.monitor').waitFor(); }],
      ['services', tab('services', 'tbody tr')],
      ['service editor', async (p) => { await p.locator('tbody .btn-small').first().click(); await p.locator('.modal').waitFor(); }],
      ['service editor, joint steps', async (p) => {
        await p.locator('.route-edit > .btn').click();
        await p.locator('.route-step select').first().selectOption({ index: 1 });
        await p.locator('.route-step .chip-s').first().waitFor();
      }],
      ['windows', async (p) => { await p.keyboard.press('Escape'); await tab('windows', 'tbody tr')(p); }],
      ['window editor', async (p) => { await p.locator('tbody .btn-small').first().click(); await p.locator('.svc-pick').waitFor(); }],
      ['priority categories', async (p) => { await p.keyboard.press('Escape'); await tab('priority', 'tbody tr')(p); }],
      ['priority category editor', async (p) => { await p.locator('tbody .btn-small').first().click(); await p.locator('.modal').waitFor(); }],
      ['hall settings', async (p) => { await p.keyboard.press('Escape'); await tab('settings', 'form.settings')(p); }],
      ['staff', tab('staff', 'tbody tr')],
      ['clients', tab('clients', 'tbody tr')],
      ['devices', tab('devices', 'tbody tr[data-device]')],
      ['simulator', async (p) => { await p.locator('tr[data-device="kiosk-1-reader"] .btn-small').first().click(); await p.locator('.sim-actions').waitFor(); }],
      ['reports', async (p) => { await p.keyboard.press('Escape'); await tab('reports', '.reports .panel, .not-yet')(p); await p.locator('.chart canvas, .not-yet, .muted').first().waitFor(); }],
      ['audit', tab('audit', 'table.audit tbody tr')],
    ]);
  });

  it('axe is really checking (a known violation is reported)', async () => {
    const o = await openPage(browser, `${t.url}/display`, 800, 600);
    try {
      await o.page.locator('#app > *').first().waitFor();
      await o.page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="/nothing.png" style="position:fixed;top:0;left:0;width:20px;height:20px">'));
      const ids = (await axe(o.page)).map((v) => v.id);
      expect(ids).toContain('image-alt');
    } finally {
      await o.context.close();
    }
  });

  afterAll(() => {
    if (found.length) console.error(`axe violations:\n${found.join('\n\n')}`);
  });
  it('found no violations', () => {
    expect(found, found.join('\n\n')).toEqual([]);
  });
});
