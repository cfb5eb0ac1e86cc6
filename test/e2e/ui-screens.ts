/**
 * Screenshots of every browser page at its real resolution, against the
 * built-in fake hall (?fixture), into test-output/ui/ (git-ignored).
 *   npm run build:ui && npx tsx test/e2e/ui-screens.ts [name-filter]
 * Also runs axe-core on each page and prints WCAG A/AA violations.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';

interface Shot {
  name: string;
  url: string;
  size: [number, number];
  /** Steps before the screenshot. */
  run?: (p: Page) => Promise<void>;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

const shots: Shot[] = [
  { name: 'display-hall', url: '/display?fixture', size: [1920, 1080] },
  {
    name: 'display-hall-en-call', url: '/display?fixture&lang=en', size: [1920, 1080],
    run: async (p) => {
      await p.evaluate(() => (window as any).__fixture.act('w4', 'finish'));
      await p.evaluate(() => (window as any).__fixture.callNext('w4'));
      await wait(500);
    },
  },
  { name: 'display-window-5', url: '/display/window/5?fixture', size: [1920, 1080] },
  { name: 'display-window-7-paused', url: '/display/window/7?fixture&lang=zh-TW', size: [1920, 1080] },
  { name: 'kiosk-portrait', url: '/kiosk?fixture', size: [1080, 1920] },
  { name: 'kiosk-landscape-en', url: '/kiosk?fixture&lang=en', size: [1920, 1080] },
  { name: 'kiosk-elderly', url: '/kiosk?fixture&elderly', size: [1080, 1920] },
  {
    name: 'kiosk-guide', url: '/kiosk?fixture&lang=zh-TW', size: [1080, 1920],
    run: async (p) => { await p.click('.svc >> nth=7'); await wait(300); },
  },
  {
    name: 'kiosk-swipe', url: '/kiosk?fixture', size: [1080, 1920],
    run: async (p) => { await p.click('.svc >> nth=0'); await p.click('.big-take'); await wait(300); },
  },
  {
    name: 'kiosk-result', url: '/kiosk?fixture', size: [1080, 1920],
    run: async (p) => {
      await p.click('.svc >> nth=0'); await p.click('.big-take'); await wait(200);
      await p.evaluate(() => (window as any).__fixture.pushIdCard()); await wait(600);
    },
  },
  {
    name: 'kiosk-paper-out', url: '/kiosk?fixture=paperout&idcard=off&lang=en', size: [1080, 1920],
    run: async (p) => { await p.click('.svc >> nth=0'); await p.click('.big-take'); await wait(600); },
  },
  { name: 'counter-login', url: '/counter?fixture', size: [1366, 768] },
  {
    name: 'counter-pick', url: '/counter?fixture', size: [1366, 768],
    run: async (p) => {
      await p.fill('input[autocomplete=username]', 'clerk5'); await p.fill('input[type=password]', 'demo');
      await p.click('.login-btn'); await wait(500);
    },
  },
  {
    name: 'counter-bench', url: '/counter?fixture', size: [1366, 768],
    run: async (p) => {
      await p.fill('input[autocomplete=username]', 'clerk5'); await p.fill('input[type=password]', 'demo');
      await p.click('.login-btn'); await wait(400);
      await p.click('.pick-win >> nth=4'); await wait(500);
      await p.keyboard.press('s'); await wait(400);
    },
  },
  {
    name: 'counter-pause-en', url: '/counter?fixture&lang=en', size: [1920, 1080],
    run: async (p) => {
      await p.fill('input[autocomplete=username]', 'clerk5'); await p.fill('input[type=password]', 'demo');
      await p.click('.login-btn'); await wait(400);
      await p.click('.pick-win >> nth=4'); await wait(500);
      await p.keyboard.press('d'); await wait(300);
      await p.keyboard.press('p'); await wait(200); await p.click('.chip >> nth=0');
    },
  },
  { name: 'track-waiting', url: '/t/tkD9?fixture', size: [390, 844] },
  {
    name: 'track-called', url: '/t/tkD3?fixture', size: [390, 844],
    run: async (p) => { await p.evaluate(() => (window as any).__fixture.act('w5', 'finish')); await p.evaluate(() => (window as any).__fixture.callNext('w5')); await wait(500); },
  },
  { name: 'track-missing-en', url: '/t/nosuchtoken?fixture&lang=en', size: [390, 844] },
  {
    name: 'admin-monitor', url: '/admin?fixture', size: [1920, 1080],
    run: async (p) => {
      await p.fill('input[autocomplete=username]', 'admin'); await p.fill('input[type=password]', 'demo');
      await p.click('.login-btn'); await wait(600);
    },
  },
  {
    name: 'admin-services-en', url: '/admin?fixture&lang=en#services', size: [1366, 768],
    run: async (p) => {
      await p.fill('input[autocomplete=username]', 'admin'); await p.fill('input[type=password]', 'demo');
      await p.click('.login-btn'); await wait(600);
    },
  },
];

const filter = process.argv[2];
const out = 'test-output/ui';
mkdirSync(out, { recursive: true });

const server = await preview({ preview: { port: 4179, strictPort: false }, logLevel: 'warn' });
const base = server.resolvedUrls?.local[0]?.replace(/\/ui\/?$/, '').replace(/\/$/, '') ?? 'http://localhost:4179';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failures = 0;
try {
  for (const s of shots.filter((x) => !filter || x.name.includes(filter))) {
    const page = await browser.newPage({ viewport: { width: s.size[0], height: s.size[1] } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(base + s.url, { waitUntil: 'networkidle' });
    await wait(400);
    if (s.run) await s.run(page);
    await page.screenshot({ path: `${out}/${s.name}.png` });
    await page.evaluate(axeSource); // not an inline <script>: the CSP refuses those
    const v = await page.evaluate(async () => {
      const r = await (window as any).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
      return r.violations.map((x: any) => `${x.id}: ${x.nodes.length} × ${x.nodes[0]?.target}`);
    });
    const bad = [...errors, ...v];
    failures += bad.length;
    console.log(`${bad.length ? '✗' : '✓'} ${s.name}${bad.map((b) => `\n    ${b}`).join('')}`);
    await page.close();
  }
} finally {
  await browser.close();
  await new Promise<void>((r) => server.httpServer.close(() => r()));
}
process.exit(failures ? 1 : 0);
