import { describe, expect, it } from 'vitest';
import { DEMO_RESIDENT } from '../../../../drivers/idcard/demo-cards.js';
import { COMMANDS, SW3, encodeCommand, encodeReply } from '../../../../drivers/idcard/frame.js';
import { SamFrameParser, type ParserProblem } from '../../../../drivers/idcard/sam-parser.js';
import { readReply } from '../../../../drivers/idcard/simulator.js';
import { encodeIdText } from '../../../../drivers/idcard/text.js';

function collect() {
  const frames: Buffer[] = [];
  const problems: ParserProblem[] = [];
  const p = new SamFrameParser({ frame: (b) => frames.push(b), problem: (x) => problems.push(x) });
  return { p, frames, problems };
}

const found = encodeReply(SW3.CARD_FOUND, Buffer.alloc(4));
const big = readReply(encodeIdText(DEMO_RESIDENT));

describe('SAM frame parser', () => {
  it('parses frames split at every possible point', () => {
    for (let cut = 1; cut < found.length; cut++) {
      const { p, frames, problems } = collect();
      p.push(found.subarray(0, cut));
      expect(frames).toHaveLength(0);
      p.push(found.subarray(cut));
      expect(frames.map((f) => f.toString('hex'))).toEqual(['00009f00000000']);
      expect(problems).toEqual([]);
    }
  });

  it('parses a 1295-byte read reply fed in small pieces, despite a preamble inside the photo', () => {
    const { p, frames, problems } = collect();
    for (let i = 0; i < big.length; i += 7) p.push(big.subarray(i, i + 7));
    expect(frames).toHaveLength(1);
    expect(frames[0].length).toBe(1295 - 8);
    expect(problems).toEqual([]);
  });

  it('skips junk before a frame and reports it', () => {
    const { p, frames, problems } = collect();
    p.push(Buffer.from([0x00, 0xff, 0xaa, 0x96, 0xaa, 0xaa]));
    p.push(Buffer.concat([Buffer.from([0x13]), encodeCommand(COMMANDS.findCard)]));
    expect(frames.map((f) => f.toString('hex'))).toEqual(['2001']);
    expect(problems.every((x) => x.code === 'JUNK')).toBe(true);
    expect(problems.reduce((n, x) => n + (x.code === 'JUNK' ? x.bytes : 0), 0)).toBe(7);
  });

  it('keeps a preamble split across chunks', () => {
    const { p, frames } = collect();
    const f = encodeReply(SW3.OK);
    p.push(Buffer.concat([Buffer.from([0x55]), f.subarray(0, 4)]));
    p.push(f.subarray(4));
    expect(frames).toHaveLength(1);
  });

  it('reports a bad checksum, then resyncs on the next frame', () => {
    const { p, frames, problems } = collect();
    const bad = Buffer.from(found);
    bad[bad.length - 1] ^= 0x55;
    p.push(Buffer.concat([bad, encodeReply(SW3.OK)]));
    expect(problems.filter((x) => x.code === 'BAD_CHECKSUM')).toHaveLength(1);
    expect(frames.map((f) => f.toString('hex'))).toEqual(['000090']);
  });

  it('caps absurd lengths instead of waiting for 64 kB', () => {
    const { p, frames, problems } = collect();
    p.push(Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, 0x00]));
    p.push(encodeReply(SW3.OK));
    expect(problems.some((x) => x.code === 'BAD_LENGTH')).toBe(true);
    expect(frames).toHaveLength(1);
    const tooShort = collect();
    tooShort.p.push(Buffer.concat([Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x01, 0x00]), encodeReply(SW3.OK)]));
    expect(tooShort.problems.some((x) => x.code === 'BAD_LENGTH')).toBe(true);
    expect(tooShort.frames).toHaveLength(1);
  });

  it('parses several frames in one chunk, and forgets a half frame on reset', () => {
    const { p, frames } = collect();
    p.push(Buffer.concat([encodeReply(SW3.OK), found, encodeReply(SW3.FIND_FAILED)]));
    expect(frames).toHaveLength(3);
    p.push(found.subarray(0, 8));
    expect(p.buffered).toBe(8);
    p.reset();
    p.push(encodeReply(SW3.OK));
    expect(frames).toHaveLength(4);
  });
});
