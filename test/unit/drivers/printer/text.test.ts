import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { displayWidth, encodeText, toPrintable, wrapText } from '../../../../drivers/printer/text.js';

/** Does a GB18030 byte string contain a 4-byte sequence? (lead 81-FE followed by 30-39) */
function hasFourByte(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) {
    if (b[i] >= 0x81 && b[i] <= 0xfe) {
      if (b[i + 1] >= 0x30 && b[i + 1] <= 0x39) return true;
      i++;
    }
  }
  return false;
}

describe('GBK-safe text', () => {
  it('keeps GBK characters and ASCII as GB18030', () => {
    expect(encodeText('请到5号窗口').toString('hex')).toBe(iconv.encode('请到5号窗口', 'gb18030').toString('hex'));
    expect(encodeText('￥').toString('hex')).toBe('a3a4');
    expect(encodeText('ü').toString('hex')).toBe('a8b9'); // pinyin ü is in GBK
  });

  it('maps 4-byte characters to GBK look-alikes', () => {
    expect(iconv.encode('¥', 'gb18030').length).toBe(4); // why the mapping exists
    expect(encodeText('¥20').toString('hex')).toBe('a3a43230');
    expect(toPrintable('买买提•艾力')).toBe('买买提·艾力');
    expect(toPrintable('© Onestop™')).toBe('(C) OnestopTM');
    expect(toPrintable('Müller Ñandú')).toBe('Müller Nandú');
  });

  it('replaces what has no look-alike by ?', () => {
    expect(toPrintable('𠮷野家')).toBe('?野家'); // CJK extension B
    expect(toPrintable('排队😀')).toBe('排队?');
  });

  it('strips control characters so text cannot inject commands', () => {
    const b = encodeText('A\x1b@B\x1dV\x00C\x10\x04\x01D\nE');
    expect([...b].every((x) => x >= 0x20)).toBe(true);
    expect(b.toString('latin1')).toBe('A@BVCDE');
  });

  it('never produces a 4-byte sequence, across the BMP and beyond', () => {
    let s = '';
    for (let cp = 0x20; cp < 0x2fff; cp += 7) s += String.fromCodePoint(cp);
    for (let cp = 0x3000; cp < 0xffff; cp += 97) if (cp < 0xd800 || cp > 0xdfff) s += String.fromCodePoint(cp);
    for (const cp of [0x1f600, 0x20bb7, 0x2a6d6, 0x30000]) s += String.fromCodePoint(cp);
    const b = encodeText(s);
    expect(hasFourByte(b)).toBe(false);
    expect([...b].some((x) => x < 0x20 || x === 0x7f)).toBe(false);
  });

  it('measures width the way the printer does', () => {
    expect(displayWidth('A012')).toBe(4);
    expect(displayWidth('请到5号')).toBe(7);
    expect(displayWidth('·')).toBe(2); // double-byte in GBK, full width on paper
  });

  it('wraps by display width, keeping short English words whole', () => {
    const lines = wrapText('一站式政务服务中心欢迎您', 10);
    expect(lines).toEqual(['一站式政务', '服务中心欢', '迎您']);
    expect(wrapText('Please wait for your number', 12)).toEqual(['Please wait', 'for your', 'number']);
    expect(wrapText('https://hall.example.cn/q/abc', 10)).toEqual(['https://ha', 'll.example', '.cn/q/abc']);
    expect(wrapText('第一行\n\n第三行', 32)).toEqual(['第一行', '', '第三行']);
    for (const l of wrapText('请您留意叫号屏幕和语音提示，过号请到服务台重新取号。Tickets valid today only.', 15)) {
      expect(displayWidth(l)).toBeLessThanOrEqual(15);
    }
  });
});
