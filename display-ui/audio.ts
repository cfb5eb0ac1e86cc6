import type { CalledEvent, Lang } from '../common/types.js';
import { translate } from '../ui-shared/i18n.js';
import { Store } from '../ui-shared/store.js';
import { spokenText, templateParts } from './spoken.js';
import { S } from './strings.js';
import { loadVoicePack, planClips } from './voice-pack.js';

/** Whether the browser lets us make sound yet (autoplay rules want one tap on some boxes). */
export const soundBlocked = new Store(false);

let ctx: AudioContext | null = null;
function audio(): AudioContext | null {
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

/** Two-tone "ding-dong" made with WebAudio, so it needs no file. */
export async function chime(): Promise<void> {
  const a = audio();
  if (!a || a.state !== 'running') return wait(300);
  const t0 = a.currentTime + 0.05;
  for (const [i, f] of [659.25, 523.25].entries()) {
    const o = a.createOscillator();
    const g = a.createGain();
    o.type = 'sine';
    o.frequency.value = f;
    const s = t0 + i * 0.55;
    g.gain.setValueAtTime(0.0001, s);
    g.gain.exponentialRampToValueAtTime(0.5, s + 0.03);
    g.gain.exponentialRampToValueAtTime(0.0001, s + 1.1);
    o.connect(g).connect(a.destination);
    o.start(s);
    o.stop(s + 1.2);
  }
  await wait(1800);
}

function voicesReady(): Promise<SpeechSynthesisVoice[]> {
  if (!('speechSynthesis' in window)) return Promise.resolve([]);
  const now = speechSynthesis.getVoices();
  if (now.length) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => resolve(speechSynthesis.getVoices());
    speechSynthesis.addEventListener('voiceschanged', done, { once: true });
    setTimeout(done, 1500);
  });
}

export async function voiceFor(lang: Lang): Promise<SpeechSynthesisVoice | null> {
  const voices = await voicesReady();
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

function playClip(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const el = new Audio(url);
    el.onended = () => resolve();
    el.onerror = () => reject(new Error(`clip ${url}`));
    el.play().catch(reject);
  });
}

export interface VoiceConfig {
  langs: Lang[];
  repeat: number;
  template: (lang: Lang) => string;
}

export function voiceConfig(params: URLSearchParams, displayLang: Lang, hallTemplate: (lang: Lang) => string | null = () => null): VoiceConfig {
  const langs = (params.get('voiceLangs') ?? displayLang).split(',').filter((l): l is Lang => ['zh-CN', 'zh-TW', 'en'].includes(l));
  return {
    langs: langs.length ? langs : [displayLang],
    repeat: Math.max(1, Math.min(3, Number(params.get('repeat') ?? 2) || 2)),
    // URL override, then the hall's setting, then what this box remembered, then the built-in text.
    template: (lang) =>
      params.get('voiceTemplate') ?? hallTemplate(lang) ?? localStorage.getItem(`onestop.voiceTemplate.${lang}`) ?? translate(S, lang, 'voiceTemplate'),
  };
}

/** Says one call: chime, then speech engine → voice pack → a second chime, in that order of preference. */
export async function announce(call: CalledEvent, cfg: VoiceConfig): Promise<void> {
  await chime();
  for (let i = 0; i < cfg.repeat; i++) {
    for (const lang of cfg.langs) {
      const parts = templateParts(cfg.template(lang), call);
      const voice = await voiceFor(lang);
      if (voice) {
        await speakWith(voice, spokenText(parts, lang), lang);
        continue;
      }
      const pack = await loadVoicePack(lang);
      const clips = pack && planClips(parts, pack, lang);
      if (clips) {
        try {
          for (const c of clips) await playClip(`/voice/${lang}/${c}`);
          continue;
        } catch {
          /* a clip failed to load: fall through to the chime */
        }
      }
      if (i === 0) await chime();
    }
    await wait(600);
  }
}
