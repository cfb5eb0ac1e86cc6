import { describe, expect, it } from 'vitest';
import { BusFrameParser, encodeFrame } from '../../../../drivers/bus/frame.js';
import type { BusFrame, FrameSpec } from '../../../../drivers/bus/frame-spec.js';
import { BUS_CRC16, STRIP_XOR, WINDOW_3A, encodeClear, encodeText, type LedProfile } from '../../../../drivers/led/index.js';

function collect(spec: FrameSpec) {
  const frames: BusFrame[] = [];
  const errors: string[] = [];
  const parser = new BusFrameParser(spec, (f) => frames.push(f), (e) => errors.push(e.message));
  return { parser, frames, errors };
}

describe.each([WINDOW_3A, BUS_CRC16, STRIP_XOR] as LedProfile[])('BusFrameParser with the LED profile $name', (profile) => {
  const a = encodeText(profile, 1, 'A001');
  const b = encodeText(profile, 2, '请到5号窗口');
  const c = encodeClear(profile, 3);

  it('splits back-to-back frames and reassembles byte-by-byte input', () => {
    const { parser, frames } = collect(profile.frame);
    parser.push(Buffer.concat([a, b, c]));
    expect(frames.map((f) => f.address)).toEqual([1, 2, 3]);
    const one = collect(profile.frame);
    for (const byte of Buffer.concat([a, b])) one.parser.push(Uint8Array.of(byte));
    expect(one.frames.map((f) => f.address)).toEqual([1, 2]);
  });

  it('skips junk, including bytes that look like a start sequence', () => {
    const { parser, frames, errors } = collect(profile.frame);
    const junk = Buffer.from([0x00, 0xff, ...profile.frame.start, 0x13]);
    parser.push(Buffer.concat([junk, a, Buffer.from([0x55, 0x20]), b]));
    expect(frames.map((f) => f.address)).toEqual([1, 2]);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('drops a frame with a bad checksum and resyncs on the next one', () => {
    const { parser, frames, errors } = collect(profile.frame);
    const bad = Buffer.from(a);
    bad[bad.length - 1 - profile.frame.trailer.length] ^= 0x5a;
    parser.push(Buffer.concat([bad, b]));
    expect(frames.map((f) => f.address)).toEqual([2]);
    expect(errors.join('\n')).toMatch(/checksum|trailer|length/);
  });

  it('drops a truncated frame when the next frame starts', () => {
    const { parser, frames } = collect(profile.frame);
    parser.push(Buffer.concat([a.subarray(0, a.length - 3), b, c]));
    // the truncated frame swallows part of the next in its length window; the parser must still recover the last
    expect(frames.map((f) => f.address)).toContain(3);
    expect(frames.map((f) => f.address)).not.toContain(1);
  });
});

describe('BusFrameParser limits', () => {
  it('rejects an impossible length at once instead of waiting for 64 KiB', () => {
    const { parser, frames, errors } = collect(BUS_CRC16.frame);
    parser.push(Buffer.from([0xaa, 0x55, 0x01, 0x10, 0xff, 0xff]));
    parser.push(encodeClear(BUS_CRC16, 4));
    expect(errors.join()).toMatch(/impossible length 65535/);
    expect(frames.map((f) => f.address)).toEqual([4]);
  });

  it('handles a trailer-delimited profile whose checksum can equal the trailer', () => {
    // no length field: the parser tries each trailer occurrence and keeps the first one whose checksum is right
    const spec: FrameSpec = { ...WINDOW_3A.frame, header: ['address', 'command'], length: undefined };
    const { parser, frames } = collect(spec);
    parser.push(encodeFrame(spec, { address: 1, command: 0x31, payload: Buffer.from('0141303032', 'hex') }));
    // address 0A, payload 01 0A C4: sum 0A+31+01+0A+C4 = 0x10A -> 0A, so 0A appears as address, payload, checksum and trailer
    parser.push(Buffer.from('3a0a31010ac4', 'hex'));
    parser.push(Buffer.from('0a0a', 'hex'));
    expect(frames.map((f) => [f.address, f.payload.toString('hex')])).toEqual([
      [1, '0141303032'],
      [0x0a, '010ac4'],
    ]);
  });
});
