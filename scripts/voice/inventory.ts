import type { Lang } from '../../common/types.js';
import { zhCardinal } from '../../display-ui/spoken.js';
import { normKey } from '../../display-ui/voice-pack.js';
import { DEFAULT_SETTINGS } from '../../server/domain/settings.js';

/**
 * What the built-in voice pack says, per language: one clip per entry, looked
 * up by the display under each of its keys (display-ui/voice-pack.ts).
 *   digits 0–9 (ticket numbers are read digit by digit: A001 → "A 零零一"),
 *   letters A–Z, window numbers 1–99 as numbers (十二, twelve) plus 十/百 so
 *   100–999 can be composed, the phrases of the default call templates, and
 *   each character (Chinese) or word (English) of them, so a hall that
 *   rewords its template with the same characters still has a voice.
 */
export interface ClipSpec {
  file: string;
  /** Text handed to the synthesiser. */
  say: string;
  keys: string[];
}

export const PACK_LANGS: Lang[] = ['zh-CN', 'zh-TW', 'en'];
/** eSpeak NG voice per language: Mandarin for both Chinese scripts. */
export const ESPEAK_VOICE: Record<Lang, string> = { 'zh-CN': 'cmn', 'zh-TW': 'cmn', en: 'en-us' };
export const WINDOWS_UP_TO = 99;

const ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/**
 * Words halls often put in a reworded template ("请 A001 号顾客到 3 号柜台"), said as
 * characters (Chinese) or words (English), so such a template still has a voice.
 */
const COMMON: Record<Lang, string> = {
  'zh-CN': '顾客前往柜台欢迎您好业务谢位在等候',
  'zh-TW': '顧客前往櫃檯台歡迎您好業務謝位在等候',
  en: 'customer counter desk ticket proceed welcome thank you the to at now serving calling',
};

/** The text between the placeholders of a template, trimmed. */
export function templatePhrases(template: string): string[] {
  return template
    .split(/\{(?:number|window)\}/)
    .map((s) => s.trim())
    .filter((s) => normKey(s) !== '');
}

export function inventory(lang: Lang, templates: string[] = [DEFAULT_SETTINGS.voiceTemplate[lang] ?? '']): ClipSpec[] {
  const zh = lang !== 'en';
  const out: ClipSpec[] = [];
  const taken = new Set<string>();
  const add = (file: string, say: string, keys: string[]) => {
    const fresh = keys.filter((k) => !taken.has(k));
    if (fresh.length === 0) return;
    for (const k of fresh) taken.add(k);
    out.push({ file, say, keys: fresh });
  };
  for (let d = 0; d <= 9; d++) add(`digit-${d}.wav`, zh ? ZH[d]! : EN[d]!, zh ? [String(d), ZH[d]!] : [String(d), EN[d]!]);
  for (const l of LETTERS) add(`letter-${l}.wav`, l, [l]);
  for (let n = 10; n <= WINDOWS_UP_TO; n++) add(`number-${n}.wav`, zh ? zhCardinal(n) : String(n), [String(n)]);
  if (zh) {
    add('number-shi.wav', '十', ['十']);
    add('number-bai.wav', '百', ['百']);
  }
  let i = 0;
  const phrases = templates.flatMap(templatePhrases);
  for (const p of phrases) add(`phrase-${++i}.wav`, p.replace(/^[\s,，。.、]+|[\s,，。.、]+$/g, ''), [normKey(p)]);
  for (const p of phrases) {
    const pieces = zh ? [...normKey(p)] : p.toLowerCase().split(/[^a-z']+/).filter(Boolean);
    for (const w of pieces) add(zh ? `char-${w.codePointAt(0)!.toString(16)}.wav` : `word-${w.replace(/'/g, '')}.wav`, w, [w]);
  }
  for (const w of zh ? [...COMMON[lang]] : COMMON[lang].split(' ')) add(zh ? `char-${w.codePointAt(0)!.toString(16)}.wav` : `word-${w}.wav`, w, [w]);
  return out;
}
