import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../common/types.js';
import { templateParts } from '../../../display-ui/spoken.js';
import { planParts, type VoicePackManifest } from '../../../display-ui/voice-pack.js';
import { DEFAULT_SETTINGS } from '../../../server/domain/settings.js';
import { inventory, PACK_LANGS, templatePhrases } from '../../../scripts/voice/inventory.js';

/** The manifest the built-in pack gets from its inventory (no synthesis needed to check coverage). */
const manifestOf = (lang: Lang, templates?: string[]): VoicePackManifest => {
  const clips: Record<string, string> = {};
  for (const c of inventory(lang, templates)) for (const k of c.keys) clips[k] = c.file;
  return { clips, builtin: true };
};
const say = (lang: Lang, template: string, ticketNumber: string, windowNumber: number, pack = manifestOf(lang)) =>
  planParts(templateParts(template, { ticketNumber, windowNumber }), pack, lang);

describe('the built-in pack covers what a hall says', () => {
  it('every default template, every letter and digit, windows 1–999', () => {
    for (const lang of PACK_LANGS) {
      const template = DEFAULT_SETTINGS.voiceTemplate[lang]!;
      for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') for (const n of [1, 12, 99, 100, 105, 999]) expect(say(lang, template, `${letter}0${n % 10}9`, n), `${lang} ${letter} ${n}`).not.toBeNull();
    }
  });

  it('reads tickets digit by digit and windows up to 99 as one spoken number', () => {
    expect(say('zh-CN', '请{number}号到{window}号窗口办理', 'A001', 12)).toEqual([
      ['phrase-1.wav'],
      ['letter-A.wav', 'digit-0.wav', 'digit-0.wav', 'digit-1.wav'],
      ['phrase-2.wav'],
      ['number-12.wav'],
      ['phrase-3.wav'],
    ]);
    // Windows above 99 are composed: 一百零五.
    expect(say('zh-CN', '{window}', 'A1', 105)).toEqual([['digit-1.wav', 'number-bai.wav', 'digit-0.wav', 'digit-5.wav']]);
    expect(say('en', 'Number {number}, please go to window {window}', 'B020', 7)).toEqual([
      ['phrase-1.wav'],
      ['letter-B.wav', 'digit-0.wav', 'digit-2.wav', 'digit-0.wav'],
      ['phrase-2.wav'],
      ['digit-7.wav'],
    ]);
    // Spaces and punctuation in a hall's template do not matter.
    expect(say('zh-CN', '请 {number} 号到 {window} 号窗口办理。', 'A001', 12)).toEqual(say('zh-CN', '请{number}号到{window}号窗口办理', 'A001', 12));
  });

  it('a reworded template is said from the characters or words of the default one, or not at all', () => {
    // 请…到…号窗口 uses only characters of the default template.
    expect(say('zh-CN', '{number}号请到{window}号窗口', 'A001', 3)).not.toBeNull();
    expect(say('en', 'Please, number {number}, go to window {window}', 'A001', 3)?.[0]).toEqual(['word-please.wav', 'phrase-1.wav']); // "please", "number"
    // Common words of reworded templates are in the pack too.
    expect(say('zh-CN', '请{number}号顾客到{window}号柜台', 'A001', 3)).not.toBeNull();
    expect(say('zh-TW', '請{number}號顧客到{window}號櫃檯', 'A001', 3)).not.toBeNull();
    expect(say('en', 'Customer {number}, please proceed to counter {window}', 'A001', 3)).not.toBeNull();
    // A character the pack never said: no plan, the display chimes instead of saying half a sentence.
    expect(say('zh-CN', '敬请{number}号到{window}号窗口', 'A001', 3)).toBeNull();
  });

  it('a hall template given to the generator gets its phrase as one clip', () => {
    const templates = ['敬请{number}号到{window}号窗口'];
    expect(templatePhrases(templates[0]!)).toEqual(['敬请', '号到', '号窗口']);
    expect(say('zh-CN', templates[0]!, 'A001', 3, manifestOf('zh-CN', [...templates, DEFAULT_SETTINGS.voiceTemplate['zh-CN']!]))?.[0]).toHaveLength(1);
  });
});
