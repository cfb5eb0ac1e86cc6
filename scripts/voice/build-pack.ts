import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../../common/types.js';
import type { VoicePackManifest } from '../../display-ui/voice-pack.js';
import { synthesize } from './espeak.js';
import { ESPEAK_VOICE, inventory, type ClipSpec } from './inventory.js';
import { decodeWav, encodeWav, finishClip, splitAtSilences, type Pcm } from './wav.js';

const BATCH = 24;
const BREAK_MS = 450;
const RATE: Record<Lang, number> = { 'zh-CN': 150, 'zh-TW': 150, en: 155 };
/** Silence the display puts between the parts of a call and between the clips of one part. */
export const GAP_MS = { part: 120, clip: 30 };

const xml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * Many clips in one run of the synthesiser: each item is a sentence followed by
 * a long break, and the recording is cut at those breaks. When the cut does not
 * give exactly one piece per item (a phrase with a long pause of its own), the
 * items are said one by one instead.
 */
async function sayAll(lang: Lang, items: ClipSpec[]): Promise<Pcm[]> {
  const voice = ESPEAK_VOICE[lang];
  const ssml = `<speak>${items.map((c) => `<s>${xml(c.say)}</s><break time="${BREAK_MS}ms"/>`).join('')}</speak>`;
  const pieces = splitAtSilences(decodeWav(await synthesize(voice, ssml, RATE[lang])), BREAK_MS * 0.6);
  if (pieces.length === items.length) return pieces;
  const one: Pcm[] = [];
  for (const c of items) {
    const pcm = decodeWav(await synthesize(voice, `<speak>${xml(c.say)}</speak>`, RATE[lang]));
    one.push(pcm);
  }
  return one;
}

/** Generates the built-in pack of one language into `dir` (replaced whole, never half-written). */
export async function buildPack(lang: Lang, dir: string, engine: string, templates?: string[]): Promise<VoicePackManifest & { engine: string; lang: Lang }> {
  const specs = inventory(lang, templates);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const clips: Record<string, string> = {};
  for (let i = 0; i < specs.length; i += BATCH) {
    const batch = specs.slice(i, i + BATCH);
    const pcms = await sayAll(lang, batch);
    batch.forEach((spec, j) => {
      writeFileSync(join(tmp, spec.file), encodeWav(finishClip(pcms[j]!)));
      for (const k of spec.keys) clips[k] = spec.file;
    });
  }
  const manifest = { builtin: true, engine, lang, gapMs: GAP_MS, clips };
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 1));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return manifest;
}
