/**
 * Issue 5 features in the browser against a real hall: a joint-handling ticket
 * shows its step on the counter and on the phone page, a no-show is restored
 * from the counter, and the kiosk asks for the ID card (no skip) for a service
 * with idCardRequired and explains the per-person limit.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_STAFF_PASSWORD } from '../helpers/hall.js';
import { E2E_TIMEOUT, ensureUi, keyboardLogin, launchBrowser, online, openPage, skipE2E, TestHall, type OpenPage } from './support.js';

const text = async (p: Page, sel: string) => ((await p.locator(sel).first().textContent()) ?? '').trim();

describe.skipIf(skipE2E)('hall features in the browser', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  let t: TestHall;
  const pages: OpenPage[] = [];
  const open = async (path: string, w: number, h: number) => {
    const p = await openPage(browser, t.url + path, w, h);
    pages.push(p);
    return p;
  };
  const counterAt = async (n: number) => {
    const c = await open('/counter', 1366, 768);
    await keyboardLogin(c.page, `clerk${n}`, DEMO_STAFF_PASSWORD);
    await c.page.locator(`.pick-win[data-window="${n}"]`).click();
    await c.page.locator('.act.main:not([disabled])').waitFor();
    await online(c.page);
    return c.page;
  };

  beforeAll(async () => {
    await ensureUi();
    browser = await launchBrowser();
  }, E2E_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    t = await new TestHall().start();
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.context.close().catch(() => undefined);
    await t.dispose();
  });

  it('joint handling: the step shows on the counter and the phone; a no-show is restored from the counter', async () => {
    const created = await t.admin.post('/api/v1/admin/services', {
      departmentId: 'realestate', name: { 'zh-CN': '二手房过户联办', en: 'Resale transfer (joint)' }, prefix: 'J',
      route: { steps: [['property'], ['tax']] },
    });
    expect(created.status).toBe(201);
    const issued = await t.admin.post('/api/v1/tickets', { serviceId: created.body.service.id });
    expect(issued.status).toBe(201);
    const { number, trackToken } = issued.body.ticket as { number: string; trackToken: string };

    const counter = await counterAt(1);
    await expect.poll(() => text(counter, '.wait-list li')).toContain('第 1 步 / 共 2 步');
    const phone = (await open(`/t/${trackToken}`, 390, 844)).page;
    await expect.poll(() => text(phone, '.tr-step')).toBe('第 1 步，共 2 步');

    await counter.keyboard.press('n');
    await expect.poll(() => text(counter, '.cur-num')).toBe(number);
    expect(await text(counter, '.cur .pill.step')).toBe('第 1 步 / 共 2 步');

    // The citizen is not there: no-show, then they turn up — restore from the side panel.
    await counter.keyboard.press('x');
    await counter.locator('.ns-list li', { hasText: number }).waitFor();
    await counter.locator('.ns-list li', { hasText: number }).locator('button').click();
    await expect.poll(() => text(counter, '.banner-ok')).toContain(number);
    await expect.poll(() => counter.locator('.ns-list li').count()).toBe(0);
    await expect.poll(() => text(counter, '.wait-list li')).toContain(number);

    // Served at step 1: the case moves on to the tax window, and the phone follows.
    await counter.keyboard.press('n');
    await expect.poll(() => text(counter, '.cur-num')).toBe(number);
    await counter.keyboard.press('d');
    await expect.poll(() => text(phone, '.tr-step'), { timeout: 15_000 }).toBe('第 2 步，共 2 步');
    const tax = await counterAt(6);
    await expect.poll(() => text(tax, '.wait-list li')).toContain('第 2 步 / 共 2 步');

    for (const p of pages) expect(p.errors).toEqual([]);
  });

  it('kiosk: a service that needs the ID card asks for it without a skip button; a second ticket per person is explained', async () => {
    await t.devicesReady();
    const kiosk = (await open(`/kiosk?device=${await t.deviceToken('kiosk-1')}&kiosk=kiosk-1`, 1080, 1920)).page;
    await online(kiosk);
    await kiosk.locator('.svc', { hasText: '不动产登记' }).waitFor();

    // Changed while the kiosk is open: the server's `config` push makes it read the list again at once.
    const svc = ((await t.admin.get('/api/v1/admin/services')).body.services as any[]).find((s) => s.id === 'property');
    const put = await t.admin.req('PUT', '/api/v1/admin/services/property', { ...svc, idCardRequired: true, maxWaitingPerPerson: 1 });
    expect(put.status).toBe(200);
    await kiosk.locator('.svc', { hasText: '不动产登记' }).click();
    await expect.poll(() => kiosk.locator('.guide .needs-card').count(), { timeout: 10_000 }).toBe(1);
    await kiosk.locator('.guide .big-take').click();
    await kiosk.locator('.swipe.card-required').waitFor();
    expect(await text(kiosk, '.card-required-msg')).toContain('须刷身份证');
    expect(await kiosk.locator('.swipe .big-take').count()).toBe(0); // no "skip"

    await t.simulate('kiosk-1-reader', { action: 'place-card', card: 'resident' });
    await kiosk.locator('.t-num').waitFor();
    await t.simulate('kiosk-1-reader', { action: 'remove-card' });
    await kiosk.locator('.result .big-take').click();

    // The same person again while the first ticket waits.
    await kiosk.locator('.svc', { hasText: '不动产登记' }).click();
    await kiosk.locator('.guide .big-take').click();
    await kiosk.locator('.swipe.card-required').waitFor();
    // The reader reports a removal after two empty polls (2 × 300 ms); only then is a new placement a new read.
    await new Promise((r) => setTimeout(r, 1200));
    await t.simulate('kiosk-1-reader', { action: 'place-card', card: 'resident' });
    await kiosk.locator('.failed').waitFor();
    expect(await text(kiosk, '.failed p')).toContain('已有该事项的号在排队');

    for (const p of pages) expect(p.errors).toEqual([]);
  });
});
