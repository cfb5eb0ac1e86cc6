import { describe, expect, it } from 'vitest';
import { DEMO_RESIDENT } from '../../../../drivers/idcard/demo-cards.js';
import {
  COMMANDS,
  SW3,
  bodyToReply,
  decodeFrame,
  describeSw3,
  encodeCommand,
  encodeReply,
  splitReadData,
} from '../../../../drivers/idcard/frame.js';
import { fakePhoto, readReply } from '../../../../drivers/idcard/simulator.js';
import { encodeIdText } from '../../../../drivers/idcard/text.js';

const hex = (b: Buffer): string => b.toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1 ');
const P = 'AA AA AA 96 69';

describe('SAM frames: commands (every vector from idcard-sam.md)', () => {
  it.each([
    ['findCard', `${P} 00 03 20 01 22`],
    ['selectCard', `${P} 00 03 20 02 21`],
    ['readBase', `${P} 00 03 30 01 32`],
    ['readBaseFingerprint', `${P} 00 03 30 10 23`],
    ['samId', `${P} 00 03 12 FF EE`],
    ['samStatus', `${P} 00 03 11 FF ED`],
    ['samReset', `${P} 00 03 10 FF EC`],
  ] as const)('%s → %s', (name, bytes) => {
    expect(hex(encodeCommand(COMMANDS[name]))).toBe(bytes);
  });
});

describe('SAM frames: replies', () => {
  it.each([
    ['SAM ok', encodeReply(SW3.OK), `${P} 00 04 00 00 90 94`],
    ['card found', encodeReply(SW3.CARD_FOUND, Buffer.alloc(4)), `${P} 00 08 00 00 9F 00 00 00 00 97`],
    ['no card', encodeReply(SW3.FIND_FAILED), `${P} 00 04 00 00 80 84`],
    ['selected', encodeReply(SW3.OK, Buffer.alloc(8)), `${P} 00 0C 00 00 90 ${'00 '.repeat(8)}9C`],
    ['select failed', encodeReply(SW3.SELECT_FAILED), `${P} 00 04 00 00 81 85`],
    ['read failed', encodeReply(SW3.READ_FAILED), `${P} 00 04 00 00 41 45`],
  ])('%s', (_name, frame, bytes) => {
    expect(hex(frame)).toBe(bytes);
    expect(bodyToReply(decodeFrame(frame)).sw3).toBe(frame[9]);
  });

  it('builds the 1295-byte read-ok frame with a correct checksum', () => {
    const text = encodeIdText(DEMO_RESIDENT);
    const frame = readReply(text);
    expect(frame.length).toBe(1295);
    expect(hex(frame.subarray(0, 14))).toBe(`${P} 05 08 00 00 90 01 00 04 00`);
    expect(frame.subarray(14, 14 + 256).equals(text)).toBe(true);
    expect(frame.subarray(270, 1294).equals(fakePhoto())).toBe(true);
    // checksum recomputed here, independently of frame.ts
    let chk = 0;
    for (let i = 5; i < 1294; i++) chk ^= frame[i];
    expect(frame[1294]).toBe(chk);

    const reply = bodyToReply(decodeFrame(frame));
    expect(reply.sw3).toBe(0x90);
    const split = splitReadData(reply.data, false);
    expect(split.text.equals(text)).toBe(true);
    expect(split.photoLength).toBe(1024);
  });

  it('splits a read-with-fingerprint reply (third length word)', () => {
    const text = Buffer.alloc(256, 0x20);
    const data = Buffer.concat([Buffer.from([0x01, 0x00, 0x04, 0x00, 0x04, 0x00]), text, Buffer.alloc(1024), Buffer.alloc(1024)]);
    const s = splitReadData(data, true);
    expect(s.text.equals(text)).toBe(true);
    expect(s.fingerprintLength).toBe(1024);
    expect(() => splitReadData(data, false)).toThrow(/do not match/);
  });

  it('rejects a frame with a bad checksum, length or preamble', () => {
    const ok = encodeReply(SW3.OK);
    const badChk = Buffer.from(ok);
    badChk[badChk.length - 1] ^= 1;
    expect(() => decodeFrame(badChk)).toThrow(/checksum/);
    expect(() => decodeFrame(ok.subarray(0, ok.length - 1))).toThrow(/length/);
    const badPre = Buffer.from(ok);
    badPre[3] = 0x97;
    expect(() => decodeFrame(badPre)).toThrow(/preamble/);
  });

  it('names SW3 codes', () => {
    expect(describeSw3(0x9f)).toBe('card found');
    expect(describeSw3(0x66)).toBe('SAM not authorised');
    expect(describeSw3(0x42)).toBe('unknown status 0x42');
  });
});
