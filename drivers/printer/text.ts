/**
 * Text for a GBK-font thermal printer: what can be printed, how wide it is, how
 * to wrap it. Pure functions, no I/O.
 *
 * Why GBK-safe and not plain GB18030: printers in Chinese mode take GB18030 byte
 * streams, but their fonts only cover the 2-byte (GBK) part. A 4-byte sequence
 * (¥, ©, emoji, rare name characters from CJK extension B…) prints as garbage
 * and can desynchronise the following characters on some firmware. So every
 * character that would need 4 bytes is mapped to a look-alike that the font has
 * (¥ → ￥, • → ·, é-style letters → their base letter), and anything else is
 * replaced by SUBSTITUTE ('?'), which is visible, 1 column and never ambiguous.
 */
import iconv from 'iconv-lite';

/** What a character with no GBK look-alike becomes. */
export const SUBSTITUTE = '?';

/** 4-byte GB18030 characters with a GBK (or ASCII) look-alike. */
const LOOK_ALIKES: Record<string, string> = {
  '\u00A5': '\uFFE5', // ¥ → ￥ (A3A4)
  '\u00A3': '\uFFE1', // £ → ￡
  '\u00A2': '\uFFE0', // ¢ → ￠
  '\u2022': '\u00B7', // • → · (A1A4)
  '\u30FB': '\u00B7', // ・ (katakana middle dot, common in minority names) → ·
  '\u2011': '-',
  '\u00A0': ' ',
  '\u00A9': '(C)',
  '\u00AE': '(R)',
  '\u2122': 'TM',
  '\u00B9': '1',
  '\u00B2': '2',
  '\u00B3': '3',
  '\u00BD': '1/2',
  '\u00BC': '1/4',
  '\u00B5': '\u03BC', // µ → μ
  '\u2713': '\u221A', // ✓ → √
  '\u2714': '\u221A',
  '\u00DF': 'ss',
};

const encodedLength = (ch: string): number => iconv.encode(ch, 'gb18030').length;

function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/** Is this single character printable as-is by a GBK font (1 or 2 bytes, no control)? */
function fitsGbk(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if (isControl(cp)) return false;
  // iconv-lite encodes unmappable characters (lone surrogates…) as '?'
  if (ch !== '?' && iconv.encode(ch, 'gb18030').equals(Buffer.from('?'))) return false;
  return encodedLength(ch) <= 2;
}

function mapChar(ch: string): string {
  if (ch === '\t') return ' ';
  const cp = ch.codePointAt(0)!;
  // Control bytes would be taken as printer commands: text must never inject one.
  if (isControl(cp)) return '';
  if (fitsGbk(ch)) return ch;
  const alike = LOOK_ALIKES[ch];
  if (alike !== undefined) return alike;
  // Accented Latin letters outside GBK (ä, ñ, É): drop the accent.
  const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
  if (base !== ch && base.length > 0 && [...base].every(fitsGbk)) return base;
  return SUBSTITUTE;
}

/**
 * Map a string to what the printer can show: control characters removed, 4-byte
 * GB18030 characters mapped or replaced by SUBSTITUTE.
 */
export function toPrintable(text: string): string {
  let out = '';
  // Combine first so "e + combining acute" becomes é (which GBK has).
  for (const ch of text.normalize('NFC')) out += mapChar(ch);
  return out;
}

/** GB18030 bytes of a string, after toPrintable: never contains a 4-byte sequence or a control byte. */
export function encodeText(text: string): Buffer {
  return iconv.encode(toPrintable(text), 'gb18030');
}

/**
 * Columns a printable string takes in font A: a single-byte character is half
 * width (12 dots), any double-byte character is full width (24 dots). This is
 * the printer's own rule, so it also counts GBK symbols such as · and ￥ as 2.
 */
export function displayWidth(printable: string): number {
  let w = 0;
  for (const ch of printable) w += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return w;
}

/** Wrap units: ASCII words stay whole when they fit; CJK can break between any two characters. */
function tokens(printable: string): string[] {
  // A run of ASCII non-space characters is a word; every other character stands alone.
  return printable.match(/[\x21-\x7e]+| |[^\x00-\x7f]/gu) ?? [];
}

/**
 * Wrap text to lines of at most `columns` display columns. Spaces at line breaks
 * are dropped; an embedded '\n' forces a break. The input is made printable first.
 */
export function wrapText(text: string, columns: number): string[] {
  if (columns < 2) throw new RangeError(`wrapText: columns must be >= 2, got ${columns}`);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let width = 0;
    const flush = (): void => {
      lines.push(line.trimEnd());
      line = '';
      width = 0;
    };
    for (const tok of tokens(toPrintable(paragraph).trimEnd())) {
      const w = displayWidth(tok);
      if (tok === ' ' && width === 0) continue;
      if (width + w <= columns) {
        line += tok;
        width += w;
        continue;
      }
      if (tok === ' ') {
        flush();
        continue;
      }
      if (w <= columns) {
        flush();
        line = tok;
        width = w;
        continue;
      }
      for (const ch of tok) {
        if (width + 1 > columns) flush();
        line += ch;
        width += 1;
      }
    }
    flush();
  }
  return lines;
}
