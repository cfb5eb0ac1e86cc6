import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_STAFF_PASSWORD } from '../lib/hall-setup.js';
import { BENCH_ADMIN_PASSWORD, ROOT, removeDir, tempDir } from '../lib/proc.js';
import { startProductionServer } from '../lib/production.js';
import { benchCase, type BenchCase } from '../lib/report.js';
import { percentile, wallMs } from '../lib/stats.js';

const CHROMIUM = process.env.ONESTOP_CHROMIUM ?? '/usr/bin/chromium';
type Entry = { kind: string; call: string; wallAt: number };

/**
 * fetch, not the keep-alive JsonClient: between calls the page speaks for seconds, longer than the
 * server keeps an idle connection, and a request on a connection it just closed would fail.
 */
async function login(base: string, username: string, password: string) {
  const send = async (path: string, token?: string, body: unknown = {}) => {
    const r = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as any };
  };
  const r = await send('/api/v1/auth/login', undefined, { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${JSON.stringify(r.body)}`);
  return { post: (path: string, body: unknown = {}) => send(path, r.body.token as string, body) };
}

/**
 * Case: a clerk calls → the first sound on a hall display (the chime, on the
 * display's audio clock) and the first word (the first clip), in headless
 * Chromium with autoplay allowed, no speech engine, the built-in pack warmed
 * at page load. Baseline: the `called` event reaching the same page. One call
 * at a time, each after the previous one was said (calls queue, never overlap).
 */
export async function voiceCases(calls: number, log: (s: string) => void): Promise<BenchCase[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/ensure-ui.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the browser apps or the voice pack did not build');
  const dir = tempDir();
  const server = await startProductionServer(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'] });
  const received: number[] = [];
  const sound: number[] = [];
  const word: number[] = [];
  try {
    const a = await login(server.url, 'admin', BENCH_ADMIN_PASSWORD);
    const clerk = await login(server.url, 'clerk10', DEMO_STAFF_PASSWORD);
    if ((await clerk.post('/api/v1/windows/w10/open')).status !== 200) throw new Error('could not open w10');
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    await page.goto(`${server.url}/display?repeat=1`);
    await page.waitForFunction(() => document.body.dataset.voice === 'zh-CN:builtin-pack', undefined, { timeout: 60_000 });
    for (let i = 0; i < calls + 2; i++) {
      const t = await a.post('/api/v1/tickets', { serviceId: 'business' });
      if (t.status !== 201) throw new Error(`issue failed: ${JSON.stringify(t.body)}`);
      const t0 = wallMs();
      const r = await clerk.post('/api/v1/windows/w10/call-next');
      if (r.status !== 200) throw new Error(`call-next failed: ${JSON.stringify(r.body)}`);
      const tag = `${r.body.ticket.number}@10`;
      const entries = (await page.waitForFunction(
        (tag) => {
          const l = ((window as any).__voiceLog as Entry[]).filter((e) => e.call === tag);
          return l.some((e) => e.kind === 'clip') && l;
        },
        tag,
        { timeout: 30_000, polling: 20 },
      ).then((h) => h.jsonValue())) as Entry[];
      const at = (k: string) => entries.find((e) => e.kind === k)!.wallAt - t0;
      if (i >= 2) {
        received.push(at('received'));
        sound.push(Math.min(at('chime'), at('clip')));
        word.push(at('clip'));
      }
      // Let it finish speaking before the next call.
      await page.waitForFunction(() => (window as any).__onestopAnnouncer.pending === 0, undefined, { timeout: 30_000, polling: 50 });
      await clerk.post('/api/v1/windows/w10/finish');
    }
  } finally {
    await browser.close();
    await server.kill();
    removeDir(dir);
  }
  const p = (v: number[], q: number) => percentile(v, q);
  log(`  ${calls} calls: first sound p50 ${p(sound, 50).toFixed(1)} / p99 ${p(sound, 99).toFixed(1)} ms, first word p50 ${p(word, 50).toFixed(1)} / p99 ${p(word, 99).toFixed(1)} ms; called event p99 ${p(received, 99).toFixed(1)} ms`);
  return [
    benchCase('call → first sound on a display (chime), p99', p(sound, 99), 'ms', p(received, 99), { text: '<= 1000 ms', pass: (v) => v <= 1000 }, `p50 ${p(sound, 50).toFixed(1)} ms; baseline: the called event reaching the page`),
    benchCase('call → first word on a display (built-in clips), p50 / p99', p(word, 99), 'ms', p(received, 99), null, `p50 ${p(word, 50).toFixed(1)} ms`),
  ];
}
