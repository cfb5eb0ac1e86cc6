/**
 * Shared pieces of the browser tests: a real hall server in-process (temp
 * SQLite, demo hall), the built UIs, and headless Chromium via playwright-core.
 *
 * Chromium is the system one (/usr/bin/chromium). When it is missing the e2e
 * files are skipped with a loud warning on a developer machine, and fail on CI
 * (CI=true), where a skipped browser test would hide a broken UI.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { HallOptions, RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

export const CHROMIUM = process.env.ONESTOP_CHROMIUM ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
/** describe.skipIf(skipE2E): true only off CI without a browser. */
export const skipE2E = !haveChromium && !process.env.CI;
if (skipE2E) {
  console.warn(
    `\n  ⚠⚠⚠  BROWSER TESTS SKIPPED: ${CHROMIUM} is missing. Install chromium (apt-get install chromium fonts-noto-cjk) ` +
      `to run test/e2e. On CI (CI=true) they fail instead of skipping.  ⚠⚠⚠\n`,
  );
}

export const E2E_TIMEOUT = 180_000;
const root = new URL('../..', import.meta.url).pathname;

/**
 * Builds dist/ui when it is missing or older than the UI sources (scripts/ensure-ui.mjs),
 * once at a time across parallel test files (a directory is the lock).
 */
export async function ensureUi(): Promise<void> {
  const lock = join(root, 'dist/.ui-build.lock');
  mkdirSync(join(root, 'dist'), { recursive: true });
  const deadline = Date.now() + 170_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after 3 minutes.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 180_000) rmdirSync(lock);
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error('waited too long for another UI build');
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    // Not spawnSync: the build (apps + built-in voice) can take over a minute on a busy machine,
    // and a blocked worker misses vitest's own messages.
    const status = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [join(root, 'scripts/ensure-ui.mjs')], { cwd: root, stdio: 'inherit' });
      child.once('exit', resolve);
      child.once('error', () => resolve(-1));
    });
    if (status !== 0 || !existsSync(join(root, 'dist/ui/kiosk-ui/index.html'))) throw new Error('the browser apps did not build (npm run build:ui)');
  } finally {
    rmdirSync(lock);
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
}

/** A hall with the demo data, restartable on the same port and data directory. */
export class TestHall {
  readonly dir = tempDir('onestop-e2e-');
  hall!: RunningHall;
  admin!: Api;
  port = 0;

  /** `extra` goes to startTestHall on every (re)start, e.g. `{ now }` for a test clock. */
  constructor(private extra: Partial<HallOptions> = {}) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.hall = await startTestHall(this.dir, { ...this.extra, ...(this.port ? { port: this.port } : {}) });
    this.port = this.hall.port;
    // After a restart, fetch may first try a pooled keep-alive socket of the old server.
    for (let i = 0; ; i++) {
      try {
        this.admin = await Api.login(this.url, 'admin', ADMIN_PASSWORD);
        return this;
      } catch (e) {
        if (i >= 3) throw e;
      }
    }
  }

  async stop(): Promise<void> {
    await this.hall?.close();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.stop().catch(() => undefined);
    removeDir(this.dir);
  }

  /** A device token for a registered kiosk or display (issued like the admin UI does). */
  async deviceToken(clientId = 'kiosk-1'): Promise<string> {
    const r = await this.admin.post(`/api/v1/admin/clients/${clientId}/token`);
    if (r.status !== 200) throw new Error(`token for ${clientId}: ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  }

  async simulate(deviceId: string, body: Record<string, unknown>): Promise<any> {
    const r = await this.admin.post(`/api/v1/admin/devices/${deviceId}/simulate`, body);
    if (r.status !== 200) throw new Error(`simulate ${deviceId} ${JSON.stringify(body)}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** Waits until the demo kiosk's simulated devices say they are ready. */
  async devicesReady(ids = ['kiosk-1-reader', 'kiosk-1-printer']): Promise<void> {
    await until(async () => {
      const list = (await this.admin.get('/api/v1/admin/devices')).body.devices as { id: string; health?: { state: string } }[];
      return ids.every((id) => list.find((d) => d.id === id)?.health?.state === 'ok');
    }, 'demo devices ready');
  }
}

/** Where the e2e tests write their screenshots (test-output/screenshots). */
export const SHOTS_DIR = join(new URL('../..', import.meta.url).pathname, 'test-output/screenshots');

/**
 * The usual start of a browser describe (its beforeAll): the UIs built, Chromium and a
 * started TestHall (`extra` as for TestHall); `shots` makes that screenshot folder first.
 * If the hall does not start, the browser is closed again.
 */
export async function startBrowserHall(o: { extra?: Partial<HallOptions>; shots?: string } = {}): Promise<{ browser: Browser; t: TestHall }> {
  if (o.shots) mkdirSync(o.shots, { recursive: true });
  await ensureUi();
  const browser = await launchBrowser();
  try {
    return { browser, t: await new TestHall(o.extra).start() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/** Its afterAll: closes what startBrowserHall opened (either may be missing when it failed). */
export async function stopBrowserHall(browser?: Browser, t?: TestHall): Promise<void> {
  await browser?.close();
  await t?.dispose();
}

/** Polls a condition (never a fixed sleep). */
export async function until(fn: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface OpenPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors (a test asserts there are none). */
  errors: string[];
}

/** A fresh browser context (its own localStorage/sessionStorage) with one page at a real resolution. */
export async function openPage(browser: Browser, url: string, width: number, height: number): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${url}: ${String(e)}`));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return { page, context, errors };
}

/** Waits until the page's realtime link is up (the "reconnecting" banner is gone). */
export async function online(page: Page): Promise<void> {
  await page.locator('#app > *, #app *').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.conn'), undefined, { timeout: 20_000 });
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core on the page as it is now: WCAG 2.0/2.1 A and AA rules only. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol: the pages' CSP refuses inline <script> tags, as it should.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n: any) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

export function describeViolations(v: AxeViolation[]): string {
  return v.map((x) => `${x.id} (${x.impact}): ${x.help}\n${x.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`).join('\n');
}

/** Logs a clerk in through the login form with the keyboard only. */
export async function keyboardLogin(page: Page, user: string, password: string): Promise<void> {
  const name = page.locator('input[autocomplete=username]');
  await name.waitFor();
  await name.focus(); // the field has autofocus; focus() only makes it independent of window focus
  await page.keyboard.type(user);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** Presses Tab until the focused element matches a CSS selector, like a person would. */
export async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => !!document.activeElement?.matches(sel), selector)) return;
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`Tab never reached ${selector} (focus is on ${at})`);
}
