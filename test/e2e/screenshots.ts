/**
 * Screenshots of every page at its real resolution against a real hall server
 * (in-process, demo hall, some traffic), into docs/screenshots/. Not part of
 * `npm test`; run it after UI changes and look at every picture:
 *   npx tsx test/e2e/screenshots.ts [name-filter]
 * PNGs are re-encoded with ImageMagick to a small palette when `convert` exists.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { Api, DEMO_STAFF_PASSWORD } from '../helpers/hall.js';
import { ensureUi, keyboardLogin, launchBrowser, online, openPage, TestHall, until } from './support.js';

const out = new URL('../../docs/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const filter = process.argv[2] ?? '';

interface Shot {
  name: string;
  path: string | ((h: Ctx) => string);
  size: [number, number];
  run?: (p: Page, h: Ctx) => Promise<void>;
  /** Screenshot of the whole scrolling page (admin lists), not just the viewport. */
  full?: boolean;
}
interface Ctx {
  t: TestHall;
  kioskToken: string;
  displayToken: string;
  trackPath: string;
  calledTrackPath: string;
  /** Joint-handling ticket (二手房过户联办: property, then tax + fund). */
  jointNumber: string;
  jointTrackPath: string;
}

async function adminLogin(p: Page): Promise<void> {
  await keyboardLogin(p, 'admin', 'admin-test-pw');
  await p.locator('.a-tabs').waitFor();
}

const shots: Shot[] = [
  { name: 'kiosk-portrait', path: (h) => `/kiosk?device=${h.kioskToken}&kiosk=kiosk-1`, size: [1080, 1920] },
  {
    name: 'kiosk-portrait-guide', path: (h) => `/kiosk?device=${h.kioskToken}&kiosk=kiosk-1`, size: [1080, 1920],
    run: async (p) => { await p.locator('.svc', { hasText: '不动产登记' }).click(); await p.locator('.guide').waitFor(); },
  },
  {
    name: 'kiosk-portrait-card', path: (h) => `/kiosk?device=${h.kioskToken}&kiosk=kiosk-1`, size: [1080, 1920],
    run: async (p) => { await p.locator('.svc', { hasText: '社保医保' }).click(); await p.locator('.guide .big-take').click(); await p.locator('.swipe').waitFor(); },
  },
  {
    name: 'kiosk-portrait-ticket', path: (h) => `/kiosk?device=${h.kioskToken}&kiosk=kiosk-1`, size: [1080, 1920],
    run: async (p, h) => {
      await p.locator('.svc', { hasText: '社保医保' }).click();
      await p.locator('.guide .big-take').click();
      await p.locator('.swipe').waitFor();
      await h.t.simulate('kiosk-1-reader', { action: 'place-card', card: 'resident' });
      await p.locator('.t-qr svg').waitFor();
    },
  },
  {
    name: 'kiosk-portrait-checkin', path: (h) => `/kiosk?device=${h.kioskToken}&kiosk=kiosk-1`, size: [1080, 1920],
    run: async (p) => { await p.locator('.checkin-btn').click(); await p.locator('.keypad').waitFor(); await p.locator('.code-field input').fill('K7M2PX'); },
  },
  { name: 'kiosk-landscape-en', path: (h) => `/kiosk?device=${h.kioskToken}&kiosk=kiosk-1&lang=en`, size: [1920, 1080] },
  { name: 'kiosk-landscape-elderly', path: (h) => `/kiosk?device=${h.kioskToken}&kiosk=kiosk-1&elderly`, size: [1920, 1080] },
  {
    name: 'kiosk-paper-out', path: (h) => `/kiosk?device=${h.kioskToken}&kiosk=kiosk-1&idcard=off`, size: [1080, 1920],
    run: async (p, h) => {
      await h.t.simulate('kiosk-1-printer', { action: 'paper', paper: 'out' });
      await p.locator('.svc', { hasText: '公积金' }).click();
      await p.locator('.guide .big-take').click();
      await p.locator('.failed').waitFor();
      await h.t.simulate('kiosk-1-printer', { action: 'paper', paper: 'ok' });
    },
  },
  { name: 'counter-login', path: '/counter', size: [1366, 768], run: async (p) => { await p.locator('.login').waitFor(); } },
  {
    name: 'counter-workbench', path: '/counter', size: [1366, 768],
    run: async (p) => {
      await keyboardLogin(p, 'clerk1', DEMO_STAFF_PASSWORD);
      await p.locator('.pick-win[data-window="1"]').click();
      await p.locator('.act.main').waitFor();
      await online(p);
      await p.keyboard.press('n');
      await p.locator('.cur-num').waitFor();
      await p.keyboard.press('s');
      await until(async () => (await p.locator('.cur.serving').count()) > 0, 'serving');
    },
  },
  {
    name: 'counter-joint-restore', path: '/counter', size: [1366, 768],
    run: async (p, h) => {
      await keyboardLogin(p, 'clerk10', DEMO_STAFF_PASSWORD);
      await p.locator('.pick-win[data-window="10"]').click();
      await p.locator('.act.main').waitFor();
      await online(p);
      await p.keyboard.press('n');
      await p.locator('.cur-num').waitFor();
      await p.keyboard.press('x');
      await p.locator('.ns-list li').waitFor();
      await p.locator('.wait-list li', { hasText: h.jointNumber }).locator('button').click();
      await p.locator('.cur .pill.step').waitFor();
    },
  },
  { name: 'display-hall', path: '/display', size: [1920, 1080], run: async (p) => { await p.locator('.call-now .call-num').waitFor(); } },
  { name: 'display-hall-en', path: '/display?lang=en', size: [1920, 1080], run: async (p) => { await p.locator('.call-now .call-num').waitFor(); } },
  { name: 'display-window', path: '/display/window/3', size: [1280, 720], run: async (p) => { await p.locator('.ws-num').waitFor(); } },
  {
    name: 'display-window-rating', path: (h) => `/display/window/3?rate=1&device=${h.displayToken}`, size: [1280, 720],
    run: async (p, h) => {
      await online(p);
      await (await Api.login(h.t.url, 'supervisor', DEMO_STAFF_PASSWORD)).post('/api/v1/windows/w3/rate-request');
      await p.locator('.rate-grade').first().waitFor();
    },
  },
  { name: 'phone-waiting', path: (h) => h.trackPath, size: [390, 844], run: async (p) => { await p.locator('.tr-stats').waitFor(); } },
  { name: 'phone-called', path: (h) => h.calledTrackPath, size: [390, 844], run: async (p) => { await p.locator('.tr-called').waitFor(); } },
  { name: 'phone-joint-step', path: (h) => h.jointTrackPath, size: [390, 844], run: async (p) => { await p.locator('.tr-step').waitFor(); } },
  {
    name: 'kiosk-card-required', path: (h) => `/kiosk?device=${h.kioskToken}&kiosk=kiosk-1`, size: [1080, 1920],
    run: async (p) => { await p.locator('.svc', { hasText: '出入境' }).click(); await p.locator('.guide .big-take').click(); await p.locator('.swipe.card-required').waitFor(); },
  },
  { name: 'admin-monitor', path: '/admin#monitor', size: [1440, 900], run: async (p) => { await adminLogin(p); await p.locator('.monitor').waitFor(); } },
  {
    name: 'admin-services-edit', path: '/admin#services', size: [1440, 900],
    run: async (p) => { await adminLogin(p); await p.locator('tbody tr').first().waitFor(); await p.locator('tbody .btn-small').first().click(); await p.locator('.modal').waitFor(); },
  },
  {
    name: 'admin-windows-edit', path: '/admin#windows', size: [1440, 900],
    run: async (p) => { await adminLogin(p); await p.locator('tbody .btn-small').nth(9).click(); await p.locator('.svc-pick').waitFor(); },
  },
  {
    name: 'admin-services-joint', path: '/admin#services', size: [1440, 900],
    run: async (p) => { await adminLogin(p); await p.locator('tbody tr', { hasText: '联办' }).locator('.btn-small').click(); await p.locator('.route-edit').scrollIntoViewIfNeeded(); },
  },
  { name: 'admin-priority', path: '/admin#priority', size: [1440, 900], run: async (p) => { await adminLogin(p); await p.locator('tbody tr').first().waitFor(); } },
  { name: 'admin-settings', path: '/admin#settings', size: [1440, 900], full: true, run: async (p) => { await adminLogin(p); await p.locator('form.settings').waitFor(); } },
  {
    // Two speaking screens connected (the hall screen, window 7's TV with ?voice=1 in English), the panel in view.
    name: 'admin-settings-voice', path: '/admin#settings', size: [1440, 900],
    run: async (p, h) => {
      for (const path of ['/display', '/display/window/7?voice=1&lang=en']) await (await p.context().newPage()).goto(h.t.url + path);
      await adminLogin(p);
      await until(async () => (await p.locator('.voice-panel tbody tr').count()) === 2, 'two screens listed');
      await p.locator('.voice-panel').scrollIntoViewIfNeeded();
    },
  },
  { name: 'admin-staff', path: '/admin#staff', size: [1440, 900], run: async (p) => { await adminLogin(p); await p.locator('tbody tr').first().waitFor(); } },
  {
    name: 'admin-clients-token', path: '/admin#clients', size: [1440, 900],
    run: async (p) => {
      await adminLogin(p);
      await p.locator('.panel-head .btn-primary').click();
      await p.locator('.modal input[required]').fill('二楼取号机');
      await p.locator('.modal button[type=submit]').click();
      await p.locator('.token-out').waitFor();
    },
  },
  {
    name: 'admin-devices-simulator', path: '/admin#devices', size: [1440, 900],
    run: async (p) => {
      await adminLogin(p);
      await p.locator('tr[data-device="kiosk-1-printer"] .btn-small').first().click();
      await p.locator('.sim-actions').waitFor();
      await p.getByRole('button', { name: '最后打印的号票' }).click();
      await p.locator('.sim-out').waitFor();
    },
  },
  { name: 'admin-reports', path: '/admin#reports', size: [1440, 900], run: async (p) => { await adminLogin(p); await p.locator('.reports, .not-yet').first().waitFor(); await p.waitForTimeout(500); } },
  { name: 'admin-audit', path: '/admin#audit', size: [1440, 900], run: async (p) => { await adminLogin(p); await p.locator('table.audit tbody tr').first().waitFor(); } },
];

/** Some traffic so the pages have something to show. */
async function traffic(t: TestHall, kioskToken: string): Promise<Pick<Ctx, 'trackPath' | 'calledTrackPath' | 'jointNumber' | 'jointTrackPath'>> {
  const kiosk = new Api(t.url, kioskToken);
  // A joint-handling service and the ID-card rule on one service, as an administrator would set them.
  const joint = await t.admin.post('/api/v1/admin/services', {
    departmentId: 'realestate', prefix: 'J', sortOrder: 9, idCardRequired: false,
    name: { 'zh-CN': '二手房过户联办', 'zh-TW': '二手房過戶聯辦', en: 'Resale home transfer (joint)' },
    route: { steps: [['property'], ['tax', 'fund']] },
  });
  if (joint.status !== 201) throw new Error(JSON.stringify(joint.body));
  const plan: [string, number][] = [['property', 5], ['social', 7], ['fund', 3], ['business', 4], ['tax', 3], ['household', 6], ['travel', 2], ['consult', 2]];
  let n = 0;
  let lastSocial = '';
  for (const [svc, count] of plan) {
    for (let i = 0; i < count; i++) {
      const r = await kiosk.post('/api/v1/tickets', { serviceId: svc }, { 'Idempotency-Key': `shot-${svc}-${i}-${n++}-xxxx` });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
      if (svc === 'social') lastSocial = r.body.ticket.trackToken;
    }
  }
  const travel = ((await t.admin.get('/api/v1/admin/services')).body.services as any[]).find((s) => s.id === 'travel');
  await t.admin.req('PUT', '/api/v1/admin/services/travel', { ...travel, idCardRequired: true, maxWaitingPerPerson: 1 });
  let called = '';
  for (const w of [2, 3, 4, 5, 6, 7, 8]) {
    const c = await Api.login(t.url, `clerk${w}`, DEMO_STAFF_PASSWORD);
    await c.post(`/api/v1/windows/w${w}/open`);
    const r = await c.post(`/api/v1/windows/w${w}/call-next`);
    if (w === 3) called = r.body.ticket.trackToken;
    if (w === 2 || w === 5) {
      await c.post(`/api/v1/windows/w${w}/finish`);
      await c.post(`/api/v1/windows/w${w}/call-next`);
    }
    if (w === 6) await c.post('/api/v1/windows/w6/pause', { reason: '午休' });
  }
  // Joint tickets last, so they are still waiting at step 1 (property) for the counter and phone shots.
  const jointTicket = await t.admin.post('/api/v1/tickets', { serviceId: joint.body.service.id });
  await t.admin.post('/api/v1/tickets', { serviceId: joint.body.service.id });
  return { trackPath: `/t/${lastSocial}`, calledTrackPath: `/t/${called}`, jointNumber: jointTicket.body.ticket.number, jointTrackPath: `/t/${jointTicket.body.ticket.trackToken}` };
}

function compress(file: string): void {
  // A 256-colour palette keeps text crisp (flat UI colours) at a fraction of the size.
  const r = spawnSync('convert', [file, '-strip', '-colors', '256', '-define', 'png:compression-level=9', `PNG8:${file}`]);
  if (r.error) return;
}

async function main(): Promise<void> {
  await ensureUi();
  const t = await new TestHall().start();
  const browser: Browser = await launchBrowser();
  try {
    await t.devicesReady();
    await t.admin.req('PATCH', '/api/v1/admin/settings', { notices: [{ 'zh-CN': '办事请携带本人身份证原件；60 岁以上长者、残疾人、孕妇请走绿色通道。', 'zh-TW': '辦事請攜帶本人身分證原件；60 歲以上長者、殘疾人、孕婦請走綠色通道。', en: 'Please bring your own ID card. Seniors over 60, people with disabilities and pregnant women may use the green channel.' }] });
    const kioskToken = await t.deviceToken('kiosk-1');
    const ctx: Ctx = { t, kioskToken, displayToken: await t.deviceToken('display-w1'), ...(await traffic(t, kioskToken)) };
    for (const s of shots) {
      if (filter && !s.name.includes(filter)) continue;
      const path = typeof s.path === 'function' ? s.path(ctx) : s.path;
      const p = await openPage(browser, t.url + path, s.size[0], s.size[1]);
      try {
        await p.page.locator('#app > *').first().waitFor();
        await p.page.evaluate(() => document.fonts.ready);
        await s.run?.(p.page, ctx);
        await online(p.page).catch(() => undefined);
        await p.page.waitForTimeout(400); // let entry animations settle
        const file = `${out}${s.name}.png`;
        await p.page.screenshot({ path: file, fullPage: !!s.full, animations: 'disabled' });
        compress(file);
        console.log(`${s.name}.png  ${s.size.join('×')}  ${Math.round(statSync(file).size / 1024)} KB${p.errors.length ? `  ERRORS: ${p.errors.join('; ')}` : ''}`);
      } catch (e) {
        console.error(`${s.name}: ${(e as Error).message}`);
        await p.page.screenshot({ path: `${out}${s.name}.failed.png` }).catch(() => undefined);
      } finally {
        await p.context.close();
      }
    }
  } finally {
    await browser.close();
    await t.dispose();
  }
}

await main();
