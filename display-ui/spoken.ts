import type { CalledEvent, Lang } from '../common/types.js';

/**
 * Turning a call into what is said. A template such as
 * "请 {number} 号到 {window} 号窗口办理" becomes parts; a speech engine reads
 * `text`, a voice pack looks each part up as clips.
 */
export type SpeechPart = { kind: 'text'; text: string } | { kind: 'ticket'; value: string } | { kind: 'window'; value: number };

export function templateParts(template: string, call: Pick<CalledEvent, 'ticketNumber' | 'windowNumber'>): SpeechPart[] {
  const parts: SpeechPart[] = [];
  const re = /\{(number|window)\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    const text = template.slice(last, m.index).trim();
    if (text) parts.push({ kind: 'text', text });
    parts.push(m[1] === 'number' ? { kind: 'ticket', value: call.ticketNumber } : { kind: 'window', value: call.windowNumber });
    last = m.index + m[0].length;
  }
  const tail = template.slice(last).trim();
  if (tail) parts.push({ kind: 'text', text: tail });
  return parts;
}

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Ticket numbers are read character by character: "A012" → "A零一二" / "A 0 1 2". */
export function spokenTicket(number: string, lang: Lang): string {
  const chars = [...number.toUpperCase()];
  if (lang === 'en') return chars.join(' ');
  return chars.map((c) => (c >= '0' && c <= '9' ? ZH_DIGITS[Number(c)] : ` ${c} `)).join('').replace(/\s+/g, ' ').trim();
}

/** Window numbers are read as numbers: 12 → "十二" (zh), "12" (en). Up to 999. */
export function spokenWindow(n: number, lang: Lang): string {
  if (lang === 'en' || n < 0 || n > 999 || !Number.isInteger(n)) return String(n);
  return zhCardinal(n);
}

export function zhCardinal(n: number): string {
  if (n < 10) return ZH_DIGITS[n]!;
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let s = '';
  if (h) s += ZH_DIGITS[h] + '百';
  if (t) s += (h || t !== 1 ? ZH_DIGITS[t] : '') + '十';
  else if (h && u) s += '零';
  if (u) s += ZH_DIGITS[u];
  return s;
}

export function spokenText(parts: SpeechPart[], lang: Lang): string {
  const sep = lang === 'en' ? ' ' : '';
  return parts
    .map((p) => (p.kind === 'text' ? p.text : p.kind === 'ticket' ? ` ${spokenTicket(p.value, lang)} ` : spokenWindow(p.value, lang)))
    .join(sep)
    .replace(/\s+/g, ' ')
    .trim();
}
