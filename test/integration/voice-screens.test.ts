import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { VOICE_EV, type ScreenVoice, type VoiceTest } from '../../common/voice.js';
import { MAX_SCREENS_PER_ADDRESS } from '../../server/app/voice-screens.js';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, DEMO_STAFF_PASSWORD, connect, connected, emitAck, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/** Screens report their voice over /display; admins see the list; a test call reaches one screen only. */
describe('screen voices and test calls', () => {
  let dir: string;
  let hall: RunningHall;
  let sup: Api;
  const sockets: Socket[] = [];

  const screen = async (report?: object) => {
    const s = connect(hall.url, '/display');
    sockets.push(s);
    const heard: VoiceTest[] = [];
    s.on(VOICE_EV.test, (t: VoiceTest) => heard.push(t));
    await connected(s);
    const ack = report ? await emitAck(s, VOICE_EV.report, report) : null;
    return { s, heard, ack };
  };
  /** Everything the server sent this socket before now has arrived (one socket's stream is ordered). */
  const drained = (s: Socket) => emitAck(s, 'state', {});

  beforeAll(async () => {
    dir = tempDir();
    // TRUST_PROXY=loopback: X-Forwarded-For stands for other addresses on the hall LAN.
    hall = await startTestHall(dir, { edge: { trustProxy: 'loopback' } });
    sup = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await hall.close();
    removeDir(dir);
  });

  it('lists what each speaking screen reported, relays it to admins, and forgets a screen that leaves', async () => {
    const adminSocket = connect(hall.url, '/admin', (await Api.login(hall.url, 'admin', ADMIN_PASSWORD)).token!);
    sockets.push(adminSocket);
    const lists: ScreenVoice[][] = [];
    adminSocket.on(VOICE_EV.screens, (l: ScreenVoice[]) => lists.push(l));
    await connected(adminSocket);

    const hallScreen = await screen({ screen: 'hall', langs: [{ lang: 'zh-CN', mode: 'builtin-pack' }, { lang: 'en', mode: 'chime' }], soundBlocked: false });
    const w5 = await screen({ screen: 5, langs: [{ lang: 'zh-CN', mode: 'hall-pack' }], soundBlocked: true });
    expect(hallScreen.ack).toMatchObject({ ok: true, screenId: expect.any(String) });

    const r = await sup.get('/api/v1/admin/voice/screens');
    expect(r.status).toBe(200);
    expect(r.body.screens.map((s: ScreenVoice) => [s.screen, s.langs.map((l) => `${l.lang}:${l.mode}`).join(','), s.soundBlocked])).toEqual([
      ['hall', 'zh-CN:builtin-pack,en:chime', false],
      [5, 'zh-CN:hall-pack', true],
    ]);
    // Pushed to admins too (coalesced): wait until a push holds both screens.
    await expect.poll(() => lists.at(-1)?.length, { timeout: 5000 }).toBe(2);

    w5.s.close();
    await expect.poll(async () => (await sup.get('/api/v1/admin/voice/screens')).body.screens.length, { timeout: 5000 }).toBe(1);
    await expect.poll(() => lists.at(-1)?.length, { timeout: 5000 }).toBe(1);
  });

  it('a test call goes to the chosen screen and to no other', async () => {
    const a = await screen({ screen: 3, langs: [{ lang: 'zh-CN', mode: 'builtin-pack' }, { lang: 'en', mode: 'builtin-pack' }], soundBlocked: false });
    const b = await screen({ screen: 'hall', langs: [{ lang: 'zh-CN', mode: 'speech' }], soundBlocked: false });
    const silent = await screen(); // a screen that does not speak and reported nothing

    const r = await sup.post('/api/v1/admin/voice/test', { screenId: a.ack.screenId, lang: 'en' });
    expect(r.status).toBe(200);
    expect(r.body.test).toEqual({ lang: 'en', ticketNumber: 'A001', windowNumber: 3 });
    await expect.poll(() => a.heard.length, { timeout: 5000 }).toBe(1);
    expect(a.heard[0]).toEqual({ lang: 'en', ticketNumber: 'A001', windowNumber: 3 });

    const r2 = await sup.post('/api/v1/admin/voice/test', { screenId: b.ack.screenId });
    expect(r2.body.test).toEqual({ lang: null, ticketNumber: 'A001', windowNumber: 1 });
    await expect.poll(() => b.heard.length, { timeout: 5000 }).toBe(1);
    await drained(a.s);
    await drained(silent.s);
    expect(a.heard).toHaveLength(1);
    expect(b.heard).toEqual([{ lang: null, ticketNumber: 'A001', windowNumber: 1 }]);
    expect(silent.heard).toEqual([]);
  });

  it('refuses bad reports and test calls with the one error shape', async () => {
    const s = connect(hall.url, '/display');
    sockets.push(s);
    await connected(s);
    for (const bad of [{}, { screen: 'hall', langs: [], soundBlocked: false }, { screen: 'x', langs: [{ lang: 'zh-CN', mode: 'speech' }], soundBlocked: false }, { screen: 2, langs: [{ lang: 'fr', mode: 'speech' }], soundBlocked: false }, { screen: 2, langs: [{ lang: 'en', mode: 'robot' }], soundBlocked: false }]) {
      expect(await emitAck(s, VOICE_EV.report, bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    const gone = await sup.post('/api/v1/admin/voice/test', { screenId: 'no-such-screen' });
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ ok: false, error: { code: 'SCREEN_NOT_FOUND' } });
    const zh = await screen({ screen: 7, langs: [{ lang: 'zh-CN', mode: 'chime' }], soundBlocked: false });
    const wrongLang = await sup.post('/api/v1/admin/voice/test', { screenId: zh.ack.screenId, lang: 'en' });
    expect(wrongLang.body).toMatchObject({ ok: false, error: { code: 'VOICE_LANG_NOT_SPOKEN', field: 'lang' } });
    const junk = await sup.post('/api/v1/admin/voice/test', { screenId: zh.ack.screenId, lang: 'fr', extra: 1 });
    expect(junk.status).toBe(400);
    expect(junk.body.ok).toBe(false);
    expect(zh.heard).toEqual([]);
  });

  it('phones posing as screens cannot push the hall’s screens off the list (review finding)', async () => {
    const from = async (address: string, token?: string) => {
      const s = ioClient(`${hall.url}/display`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { 'x-forwarded-for': address } });
      sockets.push(s);
      await connected(s);
      return emitAck(s, VOICE_EV.report, { screen: 'hall', langs: [{ lang: 'zh-CN', mode: 'chime' }], soundBlocked: false });
    };
    const fakes = [];
    for (let i = 0; i < 12; i++) fakes.push(await from('10.44.0.1'));
    expect(fakes.filter((a) => a.ok)).toHaveLength(MAX_SCREENS_PER_ADDRESS);
    expect(fakes.at(-1)).toMatchObject({ ok: false, error: { code: 'TOO_MANY_SCREENS' } });
    // A screen elsewhere on the LAN is listed, and so is a screen with its display token at the flooded address.
    expect(await from('10.44.0.2')).toMatchObject({ ok: true });
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const display = ((await admin.get('/api/v1/admin/clients')).body.clients as { id: string; kind: string }[]).find((c) => c.kind === 'display')!;
    const token = (await admin.post(`/api/v1/admin/clients/${display.id}/token`)).body.token as string;
    expect(await from('10.44.0.1', token)).toMatchObject({ ok: true });
  });
});
