/**
 * Stream parser for SAM frames: bytes in, frame bodies out. Resyncs on the
 * preamble after junk, a bad length or a bad checksum; frames may be split
 * across any number of chunks. serialport's PacketLengthParser cannot be used:
 * it reads the length little-endian.
 */
import { xor8 } from '../bus/checksum.js';
import { MAX_LEN, MIN_LEN, PREAMBLE, type FrameBody } from './frame.js';

export type ParserProblem =
  | { code: 'BAD_CHECKSUM'; message: string }
  | { code: 'BAD_LENGTH'; message: string }
  | { code: 'JUNK'; message: string; bytes: number };

export interface SamFrameParserHandlers {
  frame: (body: FrameBody) => void;
  /** Problems are reported and then skipped; the parser keeps going. */
  problem?: (p: ParserProblem) => void;
}

export class SamFrameParser {
  private buf: Buffer = Buffer.alloc(0);

  constructor(private readonly on: SamFrameParserHandlers) {}

  push(chunk: Uint8Array): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    this.drain();
  }

  /** Drop a half-received frame, e.g. after a command timed out (its length may have been corrupt). */
  reset(): void {
    this.buf = Buffer.alloc(0);
  }

  get buffered(): number {
    return this.buf.length;
  }

  private junk(n: number): void {
    if (n <= 0) return;
    this.buf = this.buf.subarray(n);
    this.on.problem?.({ code: 'JUNK', message: `skipped ${n} byte(s) before a frame preamble`, bytes: n });
  }

  private drain(): void {
    for (;;) {
      const start = this.buf.indexOf(PREAMBLE);
      if (start < 0) {
        // Keep a tail that could be the beginning of a preamble split across chunks.
        let keep = Math.min(this.buf.length, PREAMBLE.length - 1);
        while (keep > 0 && !PREAMBLE.subarray(0, keep).equals(this.buf.subarray(this.buf.length - keep))) keep--;
        this.junk(this.buf.length - keep);
        return;
      }
      this.junk(start);
      if (this.buf.length < 7) return;
      const len = this.buf.readUInt16BE(5);
      if (len < MIN_LEN || len > MAX_LEN) {
        this.on.problem?.({ code: 'BAD_LENGTH', message: `frame length ${len} outside ${MIN_LEN}..${MAX_LEN}, resyncing` });
        this.buf = this.buf.subarray(1);
        continue;
      }
      if (this.buf.length < 7 + len) return;
      const frameEnd = 7 + len;
      const chk = this.buf[frameEnd - 1];
      const want = xor8(this.buf.subarray(5, frameEnd - 1));
      if (chk !== want) {
        this.on.problem?.({
          code: 'BAD_CHECKSUM',
          message: `bad checksum 0x${chk.toString(16)} (want 0x${want.toString(16)}) in a ${frameEnd}-byte frame, resyncing`,
        });
        // Skip only the first preamble byte: the length may be what was corrupted.
        this.buf = this.buf.subarray(1);
        continue;
      }
      const body = Buffer.from(this.buf.subarray(7, frameEnd - 1));
      this.buf = this.buf.subarray(frameEnd);
      this.on.frame(body);
    }
  }
}
