import type { CalledEvent, Lang } from '../common/types.js';
import { calledEvent } from '../common/called.js';
import { VOICE_EV, type VoiceReport, type VoiceTest } from '../common/voice.js';
import type { Announcer } from './announcer.js';
import { EV } from '../common/events.js';
import { langStore } from '../ui-shared/i18n.js';
import { callTag, soundBlocked, voicePlan, warmVoices, type VoiceConfig } from './audio.js';
import { link, serverNow } from './hall-state.js';
import { forgetVoicePacks, loadVoicePack } from './voice-pack.js';
import { forgetClips, logSound } from './voice-player.js';

/** Test calls carry this ticket id prefix (their sound is logged with a "T"). */
export const TEST_PREFIX = 'voice-test:';
/** Languages a test call asks for, by the call object the announcer is handed. */
export const testLangs = new WeakMap<CalledEvent, Lang[]>();

/**
 * A speaking screen tells the server which voice it will use per language
 * (on every connect and when that changes), warms its packs, and says the test
 * calls an admin sends to it. A hall pack dropped into DATA_DIR/voice is picked
 * up at the next page load, reconnect or ten-minute check, no rebuild.
 */
export function startVoiceStatus(screen: VoiceReport['screen'], cfg: VoiceConfig, announcer: Announcer): void {
  let last = '';
  let tests = 0;
  const report = async (force = false) => {
    const langs = cfg.langs();
    const r: VoiceReport = {
      screen,
      langs: await Promise.all(langs.map(async (lang) => ({ lang, mode: (await voicePlan(lang, cfg.template(lang))).mode }))),
      soundBlocked: soundBlocked.get(),
    };
    const json = JSON.stringify(r);
    if (!force && json === last) return;
    last = json;
    (document.body as HTMLElement).dataset.voice = r.langs.map((l) => `${l.lang}:${l.mode}`).join(' ');
    await link.request(VOICE_EV.report, r).catch(() => undefined);
  };
  // Asks for the manifests again (cheap: a revalidation); clips are fetched and decoded again only
  // when a manifest changed, so a hall's screens reconnecting after a restart do not all reload the pack.
  const refresh = async (force: boolean) => {
    const langs = cfg.langs();
    const before = JSON.stringify(await Promise.all(langs.map((l) => loadVoicePack(l))));
    forgetVoicePacks();
    if (JSON.stringify(await Promise.all(langs.map((l) => loadVoicePack(l)))) !== before) {
      forgetClips();
      await warmVoices(langs, cfg.template);
    }
    await report(force);
  };

  void warmVoices(cfg.langs(), cfg.template).then(() => report(true));
  link.onConnect(() => void refresh(true));
  soundBlocked.subscribe(() => void report());
  // A display switched to another language speaks it: warm that pack and tell the server.
  langStore.subscribe(() => void warmVoices(cfg.langs(), cfg.template).then(() => report()));
  setInterval(() => void refresh(false), 10 * 60_000);

  link.on(EV.called, (c) => logSound({ kind: 'received', what: '', lang: null, call: callTag(c), at: 0, end: 0 }, null));

  link.on(VOICE_EV.test, (t) => {
    const ticket = { id: `${TEST_PREFIX}${++tests}`, number: t.ticketNumber, serviceId: '' };
    const call = calledEvent(ticket, { id: TEST_PREFIX, number: t.windowNumber, name: '' }, { 'zh-CN': '' }, new Date(serverNow()).toISOString(), false);
    if (t.lang) testLangs.set(call, [t.lang]);
    announcer.enqueue(call);
  });
}
