import type { CalledEvent, Lang } from '../common/types.js';
import type { VoiceMode } from '../common/voice.js';
import { translate } from '../ui-shared/i18n.js';
import { Observable } from '../ui-shared/store.js';
import { spokenText, templateParts } from './spoken.js';
import { S } from './strings.js';
import { loadVoicePack, planParts, type VoicePackManifest } from './voice-pack.js';
import { logSound, scheduleSentence, until, warmPack } from './voice-player.js';

/** Whether the browser lets us make sound yet (autoplay rules want one tap on some boxes). */
export const soundBlocked = new Observable(false);

let ctx: AudioContext | null = null;
export function audio(): AudioContext | null {
  try {
    ctx ??= new AudioContext();
  } catch {
    return null;
  }
  if (ctx.state === 'suspended') {
    void ctx.resume().then(() => soundBlocked.set(ctx!.state !== 'running'));
    soundBlocked.set(true);
  }
  return ctx;
}

export function unlockSound(): void {
  void audio()?.resume().then(() => soundBlocked.set(false));
  // Chrome also wants a user-started utterance before speaking on some builds.
  if ('speechSynthesis' in window) speechSynthesis.speak(new SpeechSynthesisUtterance(''));
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Two-tone "ding-dong" made with WebAudio on the voice's clock; returns when it ends there. */
function scheduleChime(a: AudioContext, start: number, call: string): number {
  const t0 = Math.max(start, a.currentTime + 0.02);
  for (const [i, f] of [659.25, 523.25].entries()) {
    const o = a.createOscillator();
    const g = a.createGain();
    o.type = 'sine';
    o.frequency.value = f;
    const s = t0 + i * 0.45;
    g.gain.setValueAtTime(0.0001, s);
    g.gain.exponentialRampToValueAtTime(0.4, s + 0.03);
    g.gain.exponentialRampToValueAtTime(0.0001, s + 0.9);
    o.connect(g).connect(a.destination);
    o.start(s);
    o.stop(s + 1);
  }
  logSound({ kind: 'chime', what: 'chime', lang: null, call, at: t0, end: t0 + 1.35 }, a);
  return t0 + 1.35;
}

// The browser's voices, read once and again whenever the browser says they changed:
// a call never waits for them (boxes without any would otherwise wait on every call).
let voices: SpeechSynthesisVoice[] = [];
const voicesLoaded = new Promise<void>((resolve) => {
  if (!('speechSynthesis' in window)) return resolve();
  const read = () => {
    voices = speechSynthesis.getVoices();
    if (voices.length) resolve();
  };
  read();
  speechSynthesis.addEventListener('voiceschanged', read);
  setTimeout(resolve, 1500);
});

export function voiceFor(lang: Lang): SpeechSynthesisVoice | null {
  const want = lang.toLowerCase();
  const base = want.split('-')[0]!;
  return (
    voices.find((v) => v.lang.toLowerCase().replace('_', '-') === want) ??
    (lang === 'zh-TW' ? voices.find((v) => /zh[-_](hk|tw)/i.test(v.lang)) : undefined) ??
    voices.find((v) => v.lang.toLowerCase().startsWith(base)) ??
    null
  );
}

const live = new Set<SpeechSynthesisUtterance>(); // held so Chrome does not drop onend with the object
function speakWith(voice: SpeechSynthesisVoice, text: string, lang: Lang): Promise<void> {
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = lang;
    u.rate = lang === 'en' ? 0.9 : 0.85;
    live.add(u);
    const end = () => {
      live.delete(u);
      resolve();
    };
    u.onend = end;
    u.onerror = end;
    speechSynthesis.speak(u); // queued behind anything still speaking: nothing is cut off
  });
}

export interface VoiceConfig {
  /** Read at each call: a display switched to another language speaks that one. */
  langs: () => Lang[];
  repeat: () => number;
  template: (lang: Lang) => string;
}

const isLang = (l: string): l is Lang => ['zh-CN', 'zh-TW', 'en'].includes(l);

export function voiceConfig(
  params: URLSearchParams,
  displayLang: () => Lang,
  hallTemplate: (lang: Lang) => string | null = () => null,
  hallRepeat: () => number | null = () => null,
): VoiceConfig {
  const fixed = (params.get('voiceLangs') ?? '').split(',').filter(isLang);
  const urlRepeat = Number(params.get('repeat'));
  return {
    langs: () => (fixed.length ? fixed : [displayLang()]),
    // URL override, then the hall's setting, then twice.
    repeat: () => Math.max(1, Math.min(3, urlRepeat || hallRepeat() || 2)),
    // URL override, then the hall's setting, then what this box remembered, then the built-in text.
    template: (lang) =>
      params.get('voiceTemplate') ?? hallTemplate(lang) ?? localStorage.getItem(`onestop.voiceTemplate.${lang}`) ?? translate(S, lang, 'voiceTemplate'),
  };
}

/** Which voice a language will get on this box, and the pack when it is clips. */
export async function voicePlan(lang: Lang, template: string): Promise<{ mode: VoiceMode; pack: VoicePackManifest | null }> {
  await voicesLoaded;
  if (voiceFor(lang)) return { mode: 'speech', pack: null };
  const pack = await loadVoicePack(lang);
  // A pack that cannot say a sample call with this template is no voice for it.
  if (pack && planParts(templateParts(template, { ticketNumber: 'A001', windowNumber: 12 }), pack, lang)) {
    return { mode: pack.builtin ? 'builtin-pack' : 'hall-pack', pack };
  }
  return { mode: 'chime', pack: null };
}

/** Fetches and decodes the packs of these languages now, so the first call does not wait for them. */
export async function warmVoices(langs: Lang[], template: (lang: Lang) => string): Promise<void> {
  const a = audio();
  if (!a) return;
  for (const lang of langs) {
    const { pack } = await voicePlan(lang, template(lang));
    if (pack) await warmPack(a, `/voice/${lang}`, pack);
  }
}

export const callTag = (c: Pick<CalledEvent, 'ticketNumber' | 'windowNumber' | 'recall'>, test = false) =>
  `${c.ticketNumber}@${c.windowNumber}${c.recall ? 'R' : ''}${test ? 'T' : ''}`;

const PAUSE_LANG = 0.45;
const PAUSE_REPEAT = 0.8;

/**
 * Says one call: a chime, then the sentence `repeat` times in each language, each
 * with the browser's speech voice, else the pack's clips, else (once) a chime.
 * Clips and chimes are scheduled on one audio clock, back to back.
 */
export async function announce(call: CalledEvent, cfg: VoiceConfig, test = false): Promise<void> {
  const a = audio();
  const tag = callTag(call, test);
  if (!a || a.state !== 'running') return wait(300); // no sound possible (yet): the screen still shows the call
  let t = scheduleChime(a, a.currentTime, tag);
  const langs = cfg.langs();
  const repeat = cfg.repeat();
  for (let i = 0; i < repeat; i++) {
    for (const [k, lang] of langs.entries()) {
      if (i > 0 || k > 0) t += k > 0 ? PAUSE_LANG : PAUSE_REPEAT;
      const template = cfg.template(lang);
      const parts = templateParts(template, call);
      const { mode, pack } = await voicePlan(lang, template);
      if (mode === 'speech') {
        await until(a, t);
        const text = spokenText(parts, lang);
        logSound({ kind: 'speech', what: text, lang, call: tag, at: a.currentTime, end: a.currentTime }, a);
        await speakWith(voiceFor(lang)!, text, lang);
        t = a.currentTime;
        continue;
      }
      const plan = pack && planParts(parts, pack, lang);
      const gaps = { part: pack?.gapMs?.part ?? 120, clip: pack?.gapMs?.clip ?? 30 };
      const end = plan && (await scheduleSentence(a, plan.map((p) => p.map((f) => `/voice/${lang}/${f}`)), t, gaps, { lang, call: tag }));
      if (end) t = end;
      else if (i === 0) t = scheduleChime(a, t, tag); // no voice for this language: a second chime
    }
  }
  await until(a, t);
}
