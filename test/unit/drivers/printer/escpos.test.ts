import { describe, expect, it } from 'vitest';
import { escpos, qrCommands } from '../../../../drivers/printer/escpos.js';

const hex = (b: Buffer): string => b.toString('hex').replace(/(..)(?!$)/g, '$1 ');

describe('ESC/POS encoder', () => {
  it('emits the exact command bytes', () => {
    expect(hex(escpos().initialize().bytes())).toBe('1b 40');
    expect(hex(escpos().chineseMode(true).chineseMode(false).bytes())).toBe('1c 26 1c 2e');
    expect(hex(escpos().size(1).size(2).size(4).size(1, 2).size(8).bytes())).toBe('1d 21 00 1d 21 11 1d 21 33 1d 21 01 1d 21 77');
    expect(hex(escpos().align('left').align('center').align('right').bytes())).toBe('1b 61 00 1b 61 01 1b 61 02');
    expect(hex(escpos().bold(true).bold(false).bytes())).toBe('1b 45 01 1b 45 00');
    expect(hex(escpos().feed().feed(2).bytes())).toBe('0a 0a 0a');
    expect(hex(escpos().cut(3).bytes())).toBe('1d 56 42 03');
  });

  it('encodes text as GB18030: 请 A012', () => {
    expect(hex(escpos().text('请 A012').bytes())).toBe('c7 eb 20 41 30 31 32');
    expect(hex(escpos().line('号').bytes())).toBe('ba c5 0a');
  });

  it('rejects sizes outside 1..8', () => {
    expect(() => escpos().size(0)).toThrow(RangeError);
    expect(() => escpos().size(9)).toThrow(RangeError);
    expect(() => escpos().size(2.5)).toThrow(RangeError);
  });

  it('builds the QR sequence with pL/pH = k + 3', () => {
    const q = qrCommands('https://x', 6, 'M');
    expect(hex(q)).toBe(
      [
        '1d 28 6b 04 00 31 41 32 00',
        '1d 28 6b 03 00 31 43 06',
        '1d 28 6b 03 00 31 45 31',
        '1d 28 6b 0c 00 31 50 30 ' + hex(Buffer.from('https://x')),
        '1d 28 6b 03 00 31 51 30',
      ].join(' '),
    );
  });

  it('uses pH for payloads over 252 bytes', () => {
    const data = 'A'.repeat(300); // k + 3 = 303 = 0x012F
    const q = qrCommands(data, 4, 'H');
    const store = q.indexOf(Buffer.from([0x31, 0x50, 0x30])) - 5;
    expect(hex(q.subarray(store, store + 8))).toBe('1d 28 6b 2f 01 31 50 30');
    expect(q.subarray(store + 8, store + 8 + 300).toString()).toBe(data);
    expect(q.includes(Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x33]))).toBe(true);
  });

  it('refuses empty or oversized QR data and bad module sizes', () => {
    expect(() => qrCommands('')).toThrow(RangeError);
    expect(() => qrCommands('x'.repeat(3000))).toThrow(RangeError);
    expect(() => qrCommands('x', 17)).toThrow(RangeError);
  });
});
