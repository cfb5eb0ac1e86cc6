import type { HallSnapshot, Lang, LocalizedText } from '../common/types.js';

// Plain data, no browser imports: unit-tested in Node.
const F: Record<Lang, { line: string; noFee: string }> = {
  'zh-CN': { line: '{service}：{fees}，承诺 {n} 分钟办结', noFee: '{service}：承诺 {n} 分钟办结' },
  'zh-TW': { line: '{service}：{fees}，承諾 {n} 分鐘辦結', noFee: '{service}：承諾 {n} 分鐘辦結' },
  en: { line: '{service}: {fees}; done within {n} min', noFee: '{service}: done within {n} min' },
};
const text = (x: LocalizedText | undefined, lang: Lang) => (x ? x[lang] || x['zh-CN'] : '');

/** 收费透明, 按承诺办结: one line per service for the hall display's rotating ticker. */
export function serviceFacts(s: HallSnapshot, lang: Lang): string[] {
  return s.services
    .filter((x) => x.promisedMinutes)
    .map((x) => {
      const fees = text(x.fees, lang);
      const vars: Record<string, string> = { service: text(x.name, lang), fees, n: String(x.promisedMinutes) };
      return F[lang][fees ? 'line' : 'noFee'].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
    });
}
