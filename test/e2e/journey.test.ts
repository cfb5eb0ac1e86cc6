/**
 * The hall end to end in real headless Chromium against a real server:
 * kiosk (simulated ID reader and printer) → counter (keyboard) → hall and
 * window displays (+ the voice queue) → the phone page; a server restart;
 * a printer out of paper.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Api, DEMO_STAFF_PASSWORD } from '../helpers/hall.js';
import { E2E_TIMEOUT, ensureUi, keyboardLogin, launchBrowser, online, openPage, skipE2E, tabTo, TestHall, until, type OpenPage } from './support.js';

type Call = { ticketId: string; ticketNumber: string; calledAt: string; recall: boolean };
const history = (p: Page) => p.evaluate(() => ((window as any).__onestopAnnouncer?.history ?? []) as Call[]);
const text = async (p: Page, sel: string) => ((await p.locator(sel).first().textContent()) ?? '').trim();

describe.skipIf(skipE2E)('browser journey', { timeout: E2E_TIMEOUT }, () => {
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
  }, E2E_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    t = await new TestHall().start();
    await t.devicesReady();
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.context.close().catch(() => undefined);
    await t.dispose();
  });

  async function kioskTicket(kiosk: Page, serviceLabel: string): Promise<void> {
    await online(kiosk);
    await kiosk.locator('.svc', { hasText: serviceLabel }).click();
    await kiosk.locator('.guide .big-take').click();
    await kiosk.locator('.swipe').waitFor();
  }

  async function counterAt(windowNumber: number): Promise<OpenPage> {
    const c = await open('/counter', 1366, 768);
    await keyboardLogin(c.page, `clerk${windowNumber}`, DEMO_STAFF_PASSWORD);
    await c.page.locator('.pick-win').first().waitFor();
    await tabTo(c.page, `.pick-win[data-window="${windowNumber}"]`);
    await c.page.keyboard.press('Enter');
    await c.page.locator('.act.main:not([disabled])').waitFor();
    await online(c.page);
    return c;
  }

  it('kiosk with an ID card → counter calls by keyboard → displays, voice queue and phone page follow', async () => {
    const hallScreen = await open('/display', 1920, 1080);
    const winScreen = await open('/display/window/3', 1280, 720);
    const kiosk = await open(`/kiosk?device=${await t.deviceToken('kiosk-1')}&kiosk=kiosk-1`, 1080, 1920);
    await online(hallScreen.page);
    await online(winScreen.page);

    // Kiosk: pick the service, read the guide, place an ID card on the simulated reader.
    await kioskTicket(kiosk.page, '社保医保');
    await t.simulate('kiosk-1-reader', { action: 'place-card', card: 'resident' });
    await kiosk.page.locator('.t-num').waitFor();
    const number = await text(kiosk.page, '.t-num');
    expect(number).toMatch(/^B\d{3}$/);
    const qrUrl = await kiosk.page.locator('.t-qr').getAttribute('data-url');
    expect(qrUrl).toMatch(/\/t\/[\w-]+$/);
    expect(await kiosk.page.locator('.t-qr svg').count()).toBe(1);
    const printed = await t.simulate('kiosk-1-printer', { action: 'last-ticket' });
    // The paper's QR carries the same link as the screen's.
    expect(printed.ticket.qr).toEqual([qrUrl]);
    // The card's masked identity is on the ticket in the server, never the clear number.
    const waiting = await (await Api.login(t.url, 'clerk3', DEMO_STAFF_PASSWORD)).get('/api/v1/windows/w3/waiting');
    expect(JSON.stringify(waiting.body)).toContain('*****************');

    // The phone page (the QR's target) shows the ticket waiting.
    const phone = await open(new URL(qrUrl!).pathname, 390, 844);
    await expect.poll(() => text(phone.page, '.tr-num')).toBe(number);
    await online(phone.page);
    expect(await phone.page.locator('.tr-called').count()).toBe(0);
    await until(async () => (await text(hallScreen.page, '.waiting-bar')).includes('社保医保'), 'hall waiting bar');

    // Counter: log in, choose window 3 and call with the keyboard only.
    const counter = await counterAt(3);
    await counter.page.keyboard.press('n');
    await expect.poll(() => text(counter.page, '.cur-num'), { timeout: 15_000 }).toBe(number);

    // Hall screen, window screen, the voice queue and the phone.
    await expect.poll(() => text(hallScreen.page, '.call-now .call-num'), { timeout: 15_000 }).toBe(number);
    await expect.poll(() => text(winScreen.page, '.ws-num'), { timeout: 15_000 }).toBe(number);
    await expect.poll(async () => (await history(hallScreen.page)).map((c) => c.ticketNumber), { timeout: 15_000 }).toEqual([number]);
    await phone.page.locator('.tr-called').waitFor({ timeout: 15_000 });
    expect(await text(phone.page, '.tr-called')).toContain('3');

    for (const p of pages) expect(p.errors).toEqual([]);
  });

  it('a printer out of paper: the kiosk sends the citizen to the help desk and no ticket is counted', async () => {
    const kiosk = await open(`/kiosk?device=${await t.deviceToken('kiosk-1')}&kiosk=kiosk-1`, 1080, 1920);
    await online(kiosk.page);
    const before = (await t.admin.get('/api/v1/queue')).body;
    await t.simulate('kiosk-1-printer', { action: 'paper', paper: 'out' });

    await kioskTicket(kiosk.page, '公积金');
    await kiosk.page.locator('.swipe .big-take').click(); // no ID card
    await kiosk.page.locator('.failed').waitFor();
    expect(await text(kiosk.page, '.failed')).toContain('服务台');
    // The device push also raises the banner on the kiosk's home screen.
    await kiosk.page.locator('.failed .big-take').click();
    await kiosk.page.locator('.k-banner.banner-error').waitFor();

    const after = (await t.admin.get('/api/v1/queue')).body;
    const waiting = (q: any) => q.services.find((s: any) => s.id === 'fund').waiting;
    expect(waiting(after)).toBe(waiting(before));
    const issued = await t.admin.get('/api/v1/admin/audit?type=ticket.issued&limit=10');
    expect(issued.status).toBe(200);
    expect((issued.body.events ?? []).filter((e: any) => e.type === 'ticket.issued')).toEqual([]);
    expect(kiosk.errors).toEqual([]);
  });

  it('after a server restart the displays and the counter resync without a flood of old announcements', async () => {
    const hallScreen = await open('/display', 1920, 1080);
    await online(hallScreen.page);
    const counter = await counterAt(3);
    const clerk9 = await Api.login(t.url, 'clerk9', DEMO_STAFF_PASSWORD);
    await clerk9.post('/api/v1/windows/w9/open');
    const kioskApi = new Api(t.url, await t.deviceToken('kiosk-1'));
    const take = async (serviceId: string, key: string) => {
      const r = await kioskApi.post('/api/v1/tickets', { serviceId }, { 'Idempotency-Key': key });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.ticket.number as string;
    };
    const numbers = [await take('social', 'e2e-restart-key-1'), await take('social', 'e2e-restart-key-2'), await take('social', 'e2e-restart-key-3'), await take('social', 'e2e-restart-key-4')];

    // Two calls while everybody is connected: both are said, once.
    await counter.page.keyboard.press('n');
    await expect.poll(() => text(counter.page, '.cur-num')).toBe(numbers[0]);
    await clerk9.post('/api/v1/windows/w9/call-next');
    await expect.poll(async () => (await history(hallScreen.page)).length, { timeout: 15_000 }).toBe(2);

    // The server goes away; the pages notice; while they are cut off, more happens.
    await hallScreen.context.setOffline(true);
    await counter.context.setOffline(true);
    await t.restart();
    await hallScreen.page.locator('.conn').waitFor();
    await counter.page.locator('.conn').waitFor();
    const clerk3 = await Api.login(t.url, 'supervisor', DEMO_STAFF_PASSWORD); // may act on any window
    const fin = await clerk3.post('/api/v1/windows/w3/finish');
    expect(fin.status, JSON.stringify(fin.body)).toBe(200);
    const next = await clerk3.post('/api/v1/windows/w3/call-next');
    expect(next.status, JSON.stringify(next.body)).toBe(200);
    const missed = next.body.ticket.number as string;
    expect(missed).toBe(numbers[2]);

    // Back online: both rebuild from the server's snapshot.
    await hallScreen.context.setOffline(false);
    await counter.context.setOffline(false);
    await online(hallScreen.page);
    await online(counter.page);
    await expect.poll(() => text(hallScreen.page, '.call-now .call-num'), { timeout: 30_000 }).toBe(missed);
    await expect.poll(() => text(counter.page, '.cur-num'), { timeout: 30_000 }).toBe(missed);
    // Snapshot calls are shown, not said: still the two live calls, each once.
    const said = await history(hallScreen.page);
    expect(said.map((c) => c.ticketNumber)).toEqual([numbers[0], numbers[1]]);

    // And live calls after the reconnect are said again.
    await counter.page.keyboard.press('n');
    await expect.poll(() => text(counter.page, '.cur-num')).toBe(numbers[3]);
    await expect.poll(async () => (await history(hallScreen.page)).map((c) => c.ticketNumber), { timeout: 15_000 }).toEqual([numbers[0], numbers[1], numbers[3]]);
    for (const p of pages) expect(p.errors).toEqual([]);
  });
});
