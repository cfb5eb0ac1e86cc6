import { describe, expect, it } from 'vitest';
import {
  BUS_CRC16,
  STRIP_XOR,
  WINDOW_3A,
  ackFrame,
  crc16Modbus,
  decodeCommand,
  decodeFrame,
  encodeBrightness,
  encodeClear,
  encodeFrame,
  encodeText,
  sum8,
  xor8,
} from '../../../../drivers/led/index.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').replace(/(..)(?!$)/g, '$1 ');

describe('checksums', () => {
  it('CRC-16/MODBUS matches the catalogue check value and the textbook Modbus request', () => {
    // reveng catalogue: CRC-16/MODBUS check("123456789") = 0x4B37
    expect(crc16Modbus(Buffer.from('123456789'))).toBe(0x4b37);
    // "read 10 holding registers from slave 1" is sent as 01 03 00 00 00 0A C5 CD (CRC low byte first)
    expect(crc16Modbus(Uint8Array.of(0x01, 0x03, 0x00, 0x00, 0x00, 0x0a))).toBe(0xcdc5);
  });
  it('sum8 and xor8', () => {
    expect(sum8(Uint8Array.of(0xff, 0x02))).toBe(0x01);
    expect(xor8(Uint8Array.of(0x0f, 0xf0, 0x01))).toBe(0xfe);
  });
});

describe('window-3a vectors', () => {
  it('text', () => {
    // 3A | addr 01 | cmd 31 | len 05 | line 01 'A' '0' '0' '1' | sum | 0A
    // sum of 01 31 05 01 41 30 30 31 = 0x10A -> 0x0A (equal to the trailer: the length field keeps it unambiguous)
    expect(hex(encodeText(WINDOW_3A, 1, 'A001'))).toBe('3a 01 31 05 01 41 30 30 31 0a 0a');
  });
  it('GB2312 text', () => {
    // 号 = BA C5, 窗 = B4 B0, 口 = BF DA in GB2312
    // payload = line 02 + 7 text bytes, so len 08
    // sum of 07 31 08 02 BA C5 35 B4 B0 BF DA: 07+31+08+02 = 42; +BA = FC; +C5 = 1C1; +35 = 1F6; +B4 = 2AA; +B0 = 35A; +BF = 419; +DA = 4F3 -> F3
    expect(hex(encodeText(WINDOW_3A, 7, '号5窗口', 2))).toBe('3a 07 31 08 02 ba c5 35 b4 b0 bf da f3 0a');
  });
  it('clear and brightness', () => {
    // sum 02 32 00 = 34
    expect(hex(encodeClear(WINDOW_3A, 2))).toBe('3a 02 32 00 34 0a');
    // sum 02 33 01 0F = 45
    expect(hex(encodeBrightness(WINDOW_3A, 2, 15))).toBe('3a 02 33 01 0f 45 0a');
  });
});

describe('bus-crc16 vectors', () => {
  it('text', () => {
    // AA 55 | addr 01 | cmd 10 | len 05 00 (LE) | 01 'A001' | CRC-16/Modbus of 01 10 05 00 01 41 30 30 31 = 0x4BAF, sent AF 4B
    // (CRC cross-checked with an independent bitwise implementation in Python: poly 0xA001 reflected, init 0xFFFF)
    expect(hex(encodeText(BUS_CRC16, 1, 'A001'))).toBe('aa 55 01 10 05 00 01 41 30 30 31 af 4b');
  });
  it('clear and ack', () => {
    // CRC of 03 11 00 00 = 0x6550 -> 50 65
    expect(hex(encodeClear(BUS_CRC16, 3))).toBe('aa 55 03 11 00 00 50 65');
    // ack from board 1 for command 10: cmd 06, payload [10]; CRC of 01 06 01 00 10 = 0x4449 -> 49 44
    const ack = ackFrame(BUS_CRC16, 1, 0x10)!;
    expect(hex(encodeFrame(BUS_CRC16.frame, ack))).toBe('aa 55 01 06 01 00 10 49 44');
  });
});

describe('strip-xor vectors', () => {
  it('text', () => {
    // 7E | len 00 0C (whole frame, BE) | addr 00 01 | cmd 01 | 'A001' | xor | 7F
    // xor from 7E: 7E^00^0C^00^01^01^41^30^30^31 = 02
    expect(hex(encodeText(STRIP_XOR, 1, 'A001'))).toBe('7e 00 0c 00 01 01 41 30 30 31 02 7f');
  });
});

describe('decode', () => {
  it('round-trips every profile and decodes the command', () => {
    for (const p of [WINDOW_3A, BUS_CRC16, STRIP_XOR]) {
      const frame = decodeFrame(p.frame, encodeText(p, 9, '请到5号窗口'));
      expect(frame.address).toBe(9);
      expect(decodeCommand(p, frame)).toEqual({ kind: 'text', address: 9, line: 1, text: '请到5号窗口' });
    }
  });
  it('names what is wrong', () => {
    const good = encodeText(BUS_CRC16, 1, 'A001');
    const badCrc = Buffer.from(good);
    badCrc[badCrc.length - 1] ^= 0xff;
    expect(() => decodeFrame(BUS_CRC16.frame, badCrc)).toThrow(/bad crc16-modbus checksum/);
    const badLen = Buffer.from(encodeText(WINDOW_3A, 1, 'A001'));
    badLen[3] = 4;
    expect(() => decodeFrame(WINDOW_3A.frame, badLen)).toThrow(/length field says 4/);
    expect(() => decodeFrame(WINDOW_3A.frame, Uint8Array.of(0x3b, 1, 2, 3, 4, 5))).toThrow(/bad start byte 0x3b/);
    const badTrailer = Buffer.from(encodeClear(WINDOW_3A, 2));
    badTrailer[badTrailer.length - 1] = 0x0d;
    expect(() => decodeFrame(WINDOW_3A.frame, badTrailer)).toThrow(/bad trailer/);
  });
  it('refuses text the board cannot show', () => {
    expect(() => encodeText(WINDOW_3A, 1, '𠮷')).toThrow(/outside GB2312/);
    expect(() => encodeText(WINDOW_3A, 1, 'A', 3)).toThrow(/line 3 out of range 1..2/);
    expect(() => encodeText(WINDOW_3A, 1, '一二三四五六七八九十一二三四五六七')).toThrow(/holds 32 per line/);
    expect(() => encodeBrightness(STRIP_XOR, 1, 3)).toThrow(/no brightness/);
    expect(() => encodeBrightness(BUS_CRC16, 1, 17)).toThrow(/out of range 1..16/);
  });
});
