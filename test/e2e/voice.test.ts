/**
 * The voice on a box without a speech engine (headless Chromium has none, like
 * most Linux and Android TV boxes): the hall server runs as `npm start` runs it
 * (the bundle, the start script's node flags), Chromium allows autoplay like a
 * kiosk-mode TV, and `window.__voiceLog` records every sound where it is
 * scheduled on the display's audio clock.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_ADMIN_PASSWORD, removeDir, tempDir, type ServerProc } from '../../bench/lib/proc.js';
import { Api, clerkAt } from '../helpers/hall.js';
import { startProductionServer } from '../../bench/lib/production.js';
import { encodeWav } from '../../scripts/voice/wav.js';
import type { VoiceLogEntry } from '../../display-ui/voice-player.js';
import { CHROMIUM, E2E_TIMEOUT, ensureUi, keyboardLogin, openPage, skipE2E, until } from './support.js';

const log = (p: Page) => p.evaluate(() => ((window as any).__voiceLog ?? []) as VoiceLogEntry[]);
const clipsOf = (entries: VoiceLogEntry[], call: string) => entries.filter((e) => e.call === call && e.kind === 'clip');

/** The spoken keys of a call with the default template, in order (what the pack is asked for). */
function keysOf(lang: 'zh-CN' | 'zh-TW' | 'en', ticket: string, window: number): string[] {
  const t = [...ticket];
  if (lang === 'en') return ['number', ...t, 'pleasegotowindow', String(window)];
  const [a, b, c] = lang === 'zh-CN' ? ['请', '号到', '号窗口办理'] : ['請', '號到', '號窗口辦理'];
  return [a, ...t, b, String(window), c];
}

describe.skipIf(skipE2E)('voice on a display without a speech engine', () => {
  let dir: string;
  let server: ServerProc;
  let browser: Browser;
  let adminApi: Api;
  let clerk: Api;
  /** Every page a test opens is closed after it, so a failed test leaves no screen connected. */
  const opened: Page[] = [];
  const manifests: Record<string, { builtin?: boolean; clips: Record<string, string> }> = {};

  beforeAll(async () => {
    await ensureUi(); // builds dist/ui and generates the built-in voice in dist/voice, as `npm start` does
    dir = tempDir('onestop-voice-');
    // A small API budget: loading the voice packs (some 450 clips) must not depend on it (the CI failure of 2026-12-01).
    server = await startProductionServer(dir, { env: { ONESTOP_HTTP_BURST: '100', ONESTOP_HTTP_PER_SECOND: '5' } });
    adminApi = await Api.login(server.url, 'admin', BENCH_ADMIN_PASSWORD);
    clerk = await clerkAt(server.url, 10);
    for (const lang of ['zh-CN', 'zh-TW', 'en']) manifests[lang] = await (await fetch(`${server.url}/voice/${lang}/manifest.json`)).json();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--disable-background-networking', '--disable-component-update'],
    });
  }, E2E_TIMEOUT);

  /** Requests the server refused with 429: a screen loading its voice must never meet the rate limit. */
  const refused: string[] = [];
  afterEach(async () => {
    for (const p of opened.splice(0)) await p.context().close().catch(() => undefined);
    expect(refused.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill();
    removeDir(dir);
  });

  const issueAndCall = async (serviceId = 'business') => {
    const t = await adminApi.post('/api/v1/tickets', { serviceId });
    expect(t.status).toBe(201);
    const r = await clerk.post('/api/v1/windows/w10/call-next');
    expect(r.status).toBe(200);
    return r.body.ticket.number as string;
  };
  const finishCurrent = async () => void (await clerk.post('/api/v1/windows/w10/finish'));

  async function display(query: string, mode: string): Promise<Page> {
    const { page, errors } = await openPage(browser, `${server.url}/display${query}`, 1280, 720);
    opened.push(page);
    page.on('response', (r) => void (r.status() === 429 && refused.push(r.url())));
    await page.waitForFunction((m) => document.body.dataset.voice === m, mode, { timeout: 30_000 });
    expect(errors).toEqual([]);
    return page;
  }

  /** Waits until the call was said `repeat` times and returns its clips. */
  async function said(page: Page, call: string, perSentence: number, repeat = 2): Promise<VoiceLogEntry[]> {
    await until(async () => clipsOf(await log(page), call).length >= perSentence * repeat, `${call} said`, 30_000);
    return clipsOf(await log(page), call);
  }

  function expectSentences(clips: VoiceLogEntry[], want: string[], repeat = 2): void {
    expect(clips.map((c) => c.what)).toEqual(Array.from({ length: repeat }, () => want).flat());
    // Within a sentence the clips follow each other on the audio clock with at most ~150 ms between them.
    for (let s = 0; s < repeat; s++) {
      const one = clips.slice(s * want.length, (s + 1) * want.length);
      for (let i = 1; i < one.length; i++) {
        const gap = one[i]!.at - one[i - 1]!.end;
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThanOrEqual(0.15);
      }
    }
  }

  it('a call is said with the built-in clips for that ticket and window, in order; a recall is said again', async () => {
    const page = await display('', 'zh-CN:builtin-pack');
    expect(await page.evaluate(() => speechSynthesis.getVoices().length)).toBe(0); // the case under test
    expect(manifests['zh-CN']!.builtin).toBe(true);
    const number = await issueAndCall();
    const want = keysOf('zh-CN', number, 10).map((k) => `/voice/zh-CN/${manifests['zh-CN']!.clips[k]}`);
    // Spot checks against the generated file names: the letter, digits one by one, the window as a number.
    expect(want).toContain(`/voice/zh-CN/letter-${number[0]}.wav`);
    expect(want).toContain('/voice/zh-CN/number-10.wav');
    expect(want.filter((w) => /digit-\d\.wav$/.test(w))).toHaveLength(number.length - 1);
    const first = await said(page, `${number}@10`, want.length);
    expectSentences(first, want);
    const entries = await log(page);
    // The chime comes first, then the words.
    expect(entries.find((e) => e.call === `${number}@10` && e.kind !== 'received')?.kind).toBe('chime');

    expect((await clerk.post('/api/v1/windows/w10/recall')).status).toBe(200);
    expectSentences(await said(page, `${number}@10R`, want.length), want);
    await finishCurrent();
    await page.context().close();
  }, E2E_TIMEOUT);

  it('a display in another language speaks that language; two languages are said one after the other', async () => {
    const en = await display('?lang=en', 'en:builtin-pack');
    const both = await display('?lang=zh-TW&voiceLangs=zh-TW,en&repeat=1', 'zh-TW:builtin-pack en:builtin-pack');
    const number = await issueAndCall();
    const wantEn = keysOf('en', number, 10).map((k) => `/voice/en/${manifests.en!.clips[k]}`);
    expectSentences(await said(en, `${number}@10`, wantEn.length), wantEn);
    const wantTw = keysOf('zh-TW', number, 10).map((k) => `/voice/zh-TW/${manifests['zh-TW']!.clips[k]}`);
    const bi = await said(both, `${number}@10`, wantTw.length + wantEn.length, 1);
    expect(bi.map((c) => c.what)).toEqual([...wantTw, ...wantEn]);
    expect(bi.slice(0, wantTw.length).every((c) => c.lang === 'zh-TW')).toBe(true);
    await finishCurrent();
    await en.context().close();
    await both.context().close();
  }, E2E_TIMEOUT);

  it('the repeat count is a hall setting, applied live', async () => {
    const page = await display('', 'zh-CN:builtin-pack');
    expect((await adminApi.req('PATCH', '/api/v1/admin/settings', { voiceRepeat: 4 })).status).toBe(400);
    expect((await adminApi.req('PATCH', '/api/v1/admin/settings', { voiceRepeat: 3 })).status).toBe(200);
    await page.waitForFunction(() => document.body.dataset.voice === 'zh-CN:builtin-pack'); // still the same voice
    const number = await issueAndCall();
    const want = keysOf('zh-CN', number, 10).map((k) => `/voice/zh-CN/${manifests['zh-CN']!.clips[k]}`);
    try {
      await said(page, `${number}@10`, want.length, 3);
      await page.waitForFunction(() => (window as any).__onestopAnnouncer.pending === 0);
      expectSentences(clipsOf(await log(page), `${number}@10`), want, 3);
    } finally {
      expect((await adminApi.req('PATCH', '/api/v1/admin/settings', { voiceRepeat: 2 })).status).toBe(200);
      await finishCurrent();
    }
    await page.context().close();
  }, E2E_TIMEOUT);

  it('a hall pack dropped into DATA_DIR/voice replaces the built-in one, no rebuild', async () => {
    // A tiny recorded pack: one tone per key (a real hall records a voice).
    const pack = join(dir, 'voice/zh-CN');
    mkdirSync(pack, { recursive: true });
    const keys = ['请', '号到', '号窗口办理', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ...'0123456789', ...Array.from({ length: 99 }, (_, i) => String(i + 1))];
    const clips: Record<string, string> = {};
    keys.forEach((k, i) => {
      const file = `hall-${i}.wav`;
      const samples = new Float32Array(2205).map((_, j) => 0.3 * Math.sin((2 * Math.PI * (300 + i * 5) * j) / 22050));
      writeFileSync(join(pack, file), encodeWav({ rate: 22050, samples }));
      clips[k] = file;
    });
    writeFileSync(join(pack, 'manifest.json'), JSON.stringify({ clips }));

    const page = await display('', 'zh-CN:hall-pack');
    const number = await issueAndCall();
    const want = keysOf('zh-CN', number, 10).map((k) => `/voice/zh-CN/${clips[k]}`);
    expectSentences(await said(page, `${number}@10`, want.length), want);
    await finishCurrent();
    await page.context().close();
  }, E2E_TIMEOUT);

  it('the admin settings show each screen’s voice and play a test call on the chosen screen only', async () => {
    rmSync(join(dir, 'voice'), { recursive: true, force: true }); // back to the built-in pack
    const hallScreen = await display('', 'zh-CN:builtin-pack');
    const w7 = await display('/window/7?voice=1&lang=en', 'en:builtin-pack');
    const { page: admin, errors } = await openPage(browser, `${server.url}/admin#settings`, 1440, 900);
    opened.push(admin);
    await keyboardLogin(admin, 'admin', BENCH_ADMIN_PASSWORD);
    const rows = admin.locator('.voice-panel tbody tr');
    await until(async () => (await rows.count()) === 2, 'two screens listed');
    await expect.poll(() => rows.nth(0).textContent()).toMatch(/大厅屏.*内置语音包/);
    await expect.poll(() => rows.nth(1).textContent()).toMatch(/7 号窗口屏.*内置语音包/);
    await admin.locator('.voice-panel').scrollIntoViewIfNeeded();
    await admin.locator('.voice-panel').screenshot({ path: join(tmpdir(), 'onestop-admin-voice-panel.png') });

    await rows.nth(1).getByRole('button').click();
    await admin.locator('.voice-panel [role=status]').waitFor();
    const want = keysOf('en', 'A001', 7).map((k) => `/voice/en/${manifests.en!.clips[k]}`);
    expectSentences(await said(w7, 'A001@7T', want.length), want);
    // The hall screen heard nothing: a later test call to it is the first thing it says.
    await rows.nth(0).getByRole('button').click();
    const wantZh = keysOf('zh-CN', 'A001', 1).map((k) => `/voice/zh-CN/${manifests['zh-CN']!.clips[k]}`);
    await said(hallScreen, 'A001@1T', wantZh.length);
    // (calls made by the earlier tests were before these pages opened: nothing else is in their logs)
    expect(new Set((await log(hallScreen)).map((e) => e.call))).toEqual(new Set(['A001@1T']));
    expect(new Set((await log(w7)).map((e) => e.call))).toEqual(new Set(['A001@7T']));
    expect(errors).toEqual([]);
    for (const p of [hallScreen, w7, admin]) await p.context().close();
  }, E2E_TIMEOUT);
});
