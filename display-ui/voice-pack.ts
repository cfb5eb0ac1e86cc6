import type { Lang } from '../common/types.js';
import { spokenWindow, type SpeechPart } from './spoken.js';

/**
 * Recorded voice packs, for TV boxes without a speech engine for the language.
 * A pack is a folder /voice/<lang>/ with manifest.json:
 *   { "clips": { "请": "qing.mp3", "号到": "hao-dao.mp3", "号窗口办理": "…",
 *                "A": "A.mp3", …, "0": "0.mp3", …, "十": "shi.mp3", "12": "12.mp3" } }
 * Keys are the text a clip says. Lookup, per part:
 *   text   → the whole text, else each character (spaces and punctuation skipped);
 *   ticket → each character (letters upper-case, digits);
 *   window → the whole number ("12"), else its spoken form character by character
 *            ("十","二" in Chinese, digits in English).
 * If any piece has no clip the pack cannot say this call and the caller falls back.
 */
export interface VoicePackManifest {
  clips: Record<string, string>;
}

const SKIP = /[\s,，。.、!！?？:：;；]/;

function chars(s: string, clips: Record<string, string>): string[] | null {
  const out: string[] = [];
  for (const c of s) {
    if (SKIP.test(c)) continue;
    const f = clips[c] ?? clips[c.toUpperCase()];
    if (!f) return null;
    out.push(f);
  }
  return out;
}

/** The clip files (relative to the pack folder) for a call, or null when one is missing. */
export function planClips(parts: SpeechPart[], pack: VoicePackManifest, lang: Lang): string[] | null {
  const { clips } = pack;
  const out: string[] = [];
  for (const p of parts) {
    let files: string[] | null;
    if (p.kind === 'text') files = clips[p.text] ? [clips[p.text]!] : chars(p.text, clips);
    else if (p.kind === 'ticket') files = chars(p.value, clips);
    else files = clips[String(p.value)] ? [clips[String(p.value)]!] : chars(spokenWindow(p.value, lang), clips);
    if (!files) return null;
    out.push(...files);
  }
  return out;
}

const cache = new Map<Lang, Promise<VoicePackManifest | null>>();

/** The pack for a language, fetched once; null when the hall has none. */
export function loadVoicePack(lang: Lang, base = '/voice'): Promise<VoicePackManifest | null> {
  let p = cache.get(lang);
  if (!p) {
    p = fetch(`${base}/${lang}/manifest.json`)
      .then((r) => (r.ok ? (r.json() as Promise<VoicePackManifest>) : null))
      .then((m) => (m && typeof m.clips === 'object' ? m : null))
      .catch(() => null);
    cache.set(lang, p);
  }
  return p;
}
