/**
 * Appointment check-in at the kiosk, in headless Chromium: by booking code on
 * the on-screen keypad (too early, then on time) and by placing the ID card.
 * The hall runs on a test clock (Friday 2026-03-06, 09:00 in Shanghai).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../helpers/hall.js';
import { idNumber, TestClock } from '../helpers/features.js';
import { E2E_TIMEOUT, online, openPage, skipE2E, startBrowserHall, stopBrowserHall, TestHall } from './support.js';

const DAY = '2026-03-06';

describe.skipIf(skipE2E)('kiosk appointment check-in', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  const clock = new TestClock();
  let t: TestHall;

  beforeAll(async () => {
    ({ browser, t } = await startBrowserHall({ extra: { now: clock.now } }));
    await t.devicesReady();
  }, E2E_TIMEOUT);
  afterAll(() => stopBrowserHall(browser, t));

  const book = async (name: string, id: string, slotStart: string) => {
    const r = await t.admin.post('/api/v1/appointments', { serviceId: 'social', date: DAY, slotStart, name, idNumber: id });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.appointment as { code: string };
  };
  const typeCode = async (p: Page, code: string) => {
    await p.locator('.checkin-btn').click();
    await p.locator('.keypad').waitFor();
    for (const ch of code) await p.locator('.keypad button', { hasText: new RegExp(`^${ch}$`) }).click();
    expect(await p.locator('.code-field input').inputValue()).toBe(code);
    await p.locator('.checkin .big-take').click();
  };

  it('by code: too early is explained, on time gives an appointment ticket; by ID card too', async () => {
    const li = await book('李四', idNumber('1985-11-20', '456'), '10:00');
    const zhang = await book('张小三', idNumber('1990-03-07', '123'), '10:00');
    const { page, context, errors } = await openPage(browser, `${t.url}/kiosk?device=${await t.deviceToken('kiosk-1')}&kiosk=kiosk-1`, 1080, 1920);
    try {
      await online(page);
      await typeCode(page, li.code);
      await page.locator('.failed').waitFor();
      expect(await page.locator('.failed').textContent()).toContain('09:30');
      await page.locator('.failed .big-take').click();

      clock.set('2026-03-06T01:40:00Z'); // 09:40
      await typeCode(page, li.code);
      await page.locator('.t-num').waitFor();
      const first = (await page.locator('.t-num').textContent())?.trim();
      expect(first).toMatch(/^B\d{3}$/);
      await page.locator('.result .big-take').click();

      // On the check-in screen, placing the ID card finds the booking (the simulated card is 张小三's).
      await page.locator('.checkin-btn').click();
      await page.locator('.keypad').waitFor();
      await t.simulate('kiosk-1-reader', { action: 'place-card', card: 'resident' });
      await page.locator('.t-num').waitFor();
      expect((await page.locator('.t-num').textContent())?.trim()).not.toBe(first);
      const appts = (await t.admin.get(`/api/v1/appointments?date=${DAY}`)).body.appointments as { code: string; status: string }[];
      expect(appts.find((a) => a.code === zhang.code)?.status).toBe('checked_in');
      expect(appts.find((a) => a.code === li.code)?.status).toBe('checked_in');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a code for another day reads like an unknown one; too many wrong codes ask the citizen to wait', async () => {
    const monday = (await t.admin.post('/api/v1/appointments', { serviceId: 'social', date: '2026-03-09', slotStart: '10:00', name: '王五', idNumber: idNumber('1970-07-07', '789') })).body.appointment as { code: string };
    const token = await t.deviceToken('kiosk-1');
    const { page, context, errors } = await openPage(browser, `${t.url}/kiosk?device=${token}&kiosk=kiosk-1`, 1080, 1920);
    try {
      await online(page);
      await typeCode(page, monday.code);
      await page.locator('.failed').waitFor();
      expect(await page.locator('.failed').textContent()).toContain('没有找到今天的这个预约');
      await page.locator('.failed .big-take').click();
      // Nine more misses from this kiosk (a script probing codes), then the citizen tries again.
      const kiosk = new Api(t.url, token);
      for (let i = 0; i < 9; i++) expect((await kiosk.post('/api/v1/appointments/check-in', { code: monday.code })).status).toBe(404);
      await typeCode(page, monday.code);
      await page.locator('.failed').waitFor();
      expect(await page.locator('.failed').textContent()).toMatch(/输错次数过多，请 5 分钟后再试/);
      if (process.env.ONESTOP_SHOTS_DIR) await page.screenshot({ path: `${process.env.ONESTOP_SHOTS_DIR}/kiosk-checkin-throttled.png` });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
