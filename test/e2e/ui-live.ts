/**
 * The browser apps against a running hall server (demo hall): a kiosk takes a
 * ticket, a clerk signs in and calls it, the hall display and the phone page
 * show the call. Screenshots into test-output/ui-live/.
 *   npm run build:ui && npm start   (then, in another shell)
 *   ONESTOP_URL=http://localhost:3000 ONESTOP_STAFF_PASSWORD=… npx tsx test/e2e/ui-live.ts
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.env.ONESTOP_URL ?? 'http://localhost:3000';
const password = process.env.ONESTOP_STAFF_PASSWORD ?? 'demo1234';
const out = 'test-output/ui-live';
mkdirSync(out, { recursive: true });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const errors: string[] = [];
const open = async (url: string, w: number, h: number) => {
  const p = await browser.newPage({ viewport: { width: w, height: h } });
  p.on('pageerror', (e) => errors.push(`${url}: ${String(e)}`));
  await p.goto(base + url, { waitUntil: 'networkidle' });
  return p;
};
try {
  const display = await open('/display', 1920, 1080);
  const kiosk = await open('/kiosk?idcard=off', 1080, 1920);
  await kiosk.click('.svc >> nth=0');
  await kiosk.click('.big-take');
  await kiosk.waitForSelector('.t-num, .failed', { timeout: 10_000 });
  await kiosk.screenshot({ path: `${out}/kiosk-result.png` });
  const number = (await kiosk.textContent('.t-num'))?.trim();
  console.log('kiosk issued', number ?? '(failed: see screenshot)');

  const counter = await open('/counter', 1366, 768);
  await counter.fill('input[autocomplete=username]', 'clerk1');
  await counter.fill('input[type=password]', password);
  await counter.click('.login-btn');
  await counter.waitForSelector('.pick-win');
  await counter.click('.pick-win >> nth=0');
  await counter.waitForSelector('.act.main');
  await wait(500);
  await counter.keyboard.press('n');
  await wait(1500);
  await counter.screenshot({ path: `${out}/counter.png` });
  console.log('counter current', (await counter.textContent('.cur'))?.trim().slice(0, 60));
  await display.screenshot({ path: `${out}/display.png` });
  console.log('display calling', (await display.textContent('.call-now'))?.trim().slice(0, 60));
} finally {
  await browser.close();
}
if (errors.length) console.log(errors.join('\n'));
