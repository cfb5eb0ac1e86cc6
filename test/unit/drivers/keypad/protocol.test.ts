import { describe, expect, it } from 'vitest';
import { BusFrameParser, decodeFrame } from '../../../../drivers/bus/frame.js';
import {
  GRADE_LABELS,
  KEY_CODES,
  KEYPAD_FRAME,
  decodeDeviceFrame,
  decodeHidOutput,
  decodeHidReport,
  encodeAck,
  encodeDisplay,
  encodeEvaluation,
  encodeHidDisplay,
  encodeHidKey,
  encodeHidRateRequest,
  encodeHidRating,
  encodeKey,
  encodeRateRequest,
} from '../../../../drivers/keypad/index.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').replace(/(..)(?!$)/g, '$1 ');

describe('serial keypad framing vectors', () => {
  it('key press', () => {
    // 02 | addr 05 | 'K' 4B | len 02 | seq 01, call-next 01 | xor 05^4B^02^01^01 = 4C | 03
    expect(hex(encodeKey(5, 1, 'call-next'))).toBe('02 05 4b 02 01 01 4c 03');
  });
  it('evaluation', () => {
    // 02 | 05 | 'E' 45 | 03 | seq 02, grade 05, reason 00 | xor 05^45^03^02^05^00 = 44 | 03
    expect(hex(encodeEvaluation(5, 2, 5))).toBe('02 05 45 03 02 05 00 44 03');
  });
  it('host ack, rate request and display', () => {
    // ack of K seq 1: xor 05^41^02^4B^01 = 0C
    expect(hex(encodeAck(5, 0x4b, 1))).toBe('02 05 41 02 4b 01 0c 03');
    // please rate, 30 s: 05^52 = 57; ^01 = 56; ^1E = 48
    expect(hex(encodeRateRequest(5, 30))).toBe('02 05 52 01 1e 48 03');
    // display "A12": 05^44 = 41; ^03 = 42; ^41 = 03; ^31 = 32; ^32 = 00
    expect(hex(encodeDisplay(5, 'A12'))).toBe('02 05 44 03 41 31 32 00 03');
  });
  it('decodes device frames to typed events', () => {
    expect(decodeDeviceFrame(decodeFrame(KEYPAD_FRAME, encodeKey(12, 9, 'no-show')))).toEqual({
      seq: 9,
      event: { kind: 'key', address: 12, action: 'no-show' },
    });
    expect(decodeDeviceFrame(decodeFrame(KEYPAD_FRAME, encodeEvaluation(3, 4, 2, 7)))).toEqual({
      seq: 4,
      event: { kind: 'rating', address: 3, grade: 2, reason: 7 },
    });
    expect(() => decodeDeviceFrame({ address: 1, command: 0x4b, payload: Buffer.from([1, 0x7f]) })).toThrow(/unknown key code 0x7f/);
    expect(() => decodeDeviceFrame({ address: 1, command: 0x45, payload: Buffer.from([1, 6, 0]) })).toThrow(/grade 6/);
    expect(() => encodeEvaluation(1, 1, 0 as 1)).toThrow(/grade 0/);
    expect(() => encodeDisplay(1, 'A0123456789012345')).toThrow(/keypad shows 16/);
  });
  it('every action has a distinct code and the five GB/T 39734 grades are labelled', () => {
    expect(new Set(Object.values(KEY_CODES)).size).toBe(8);
    expect(GRADE_LABELS).toEqual({ 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' });
  });
  it('resyncs on noise between frames', () => {
    const got: number[] = [];
    const p = new BusFrameParser(KEYPAD_FRAME, (f) => got.push(f.address));
    const bad = encodeKey(2, 1, 'recall');
    bad[5] ^= 0xff;
    p.push(Buffer.concat([Buffer.from([0x00, 0x02, 0x03]), encodeKey(1, 1, 'recall'), bad, encodeKey(3, 1, 'finish')]));
    expect(got).toEqual([1, 3]);
  });
});

describe('HID report layout', () => {
  it('input reports', () => {
    expect(hex(encodeHidKey(4, 'pause'))).toBe('01 01 04 05 00 00 00 00');
    expect(hex(encodeHidRating(0, 1, 3))).toBe('01 02 00 01 03 00 00 00');
    expect(decodeHidReport(Buffer.from('0101000800000000', 'hex'), 9)).toEqual({ kind: 'key', address: 9, action: 'rate-request' });
    expect(decodeHidReport(Buffer.from('0102070400000000', 'hex'), 9)).toEqual({ kind: 'rating', address: 7, grade: 4 });
    expect(decodeHidReport(Buffer.from('0300000000000000', 'hex'), 9)).toBeNull(); // another report id
    expect(decodeHidReport(Buffer.from('0100000000000000', 'hex'), 9)).toBeNull(); // idle
    expect(() => decodeHidReport(Buffer.from('0102070900000000', 'hex'), 9)).toThrow(/grade 9/);
  });
  it('output reports', () => {
    const rate = encodeHidRateRequest(6, 20);
    expect(rate.length).toBe(32);
    expect(hex(rate.subarray(0, 6))).toBe('02 01 06 01 14 00');
    expect(decodeHidOutput(rate)).toEqual({ kind: 'rate-request', address: 6, timeoutSec: 20 });
    // 号 = BA C5 in GB2312
    expect(hex(encodeHidDisplay(6, 'A1号').subarray(0, 8))).toBe('02 02 06 04 41 31 ba c5');
    expect(decodeHidOutput(encodeHidDisplay(6, 'A1号'))).toEqual({ kind: 'display', address: 6, text: 'A1号' });
  });
});
