import { checksumBytes, checksumWidth } from './checksum.js';
import type { BusFrame, FrameSpec } from './frame-spec.js';

/**
 * The configurable framing of a FrameSpec, shared by LED boards and the keypad
 * bus. Pure: bytes in, bytes out, no I/O.
 */
export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameError';
  }
}

const fieldWidth = (spec: FrameSpec, f: 'address' | 'command' | 'length'): number =>
  f === 'address' ? spec.addressWidth : f === 'command' ? 1 : (spec.length?.width ?? 0);

export function headerLength(spec: FrameSpec): number {
  return spec.start.length + spec.header.reduce((n, f) => n + fieldWidth(spec, f), 0);
}

/** Bytes a frame has besides its payload. */
export function overhead(spec: FrameSpec): number {
  return headerLength(spec) + checksumWidth(spec.checksum.kind) + spec.trailer.length;
}

function lengthValue(spec: FrameSpec, payloadLength: number): number {
  switch (spec.length!.counts) {
    case 'payload':
      return payloadLength;
    case 'command+payload':
      return payloadLength + 1;
    case 'frame':
      return payloadLength + overhead(spec);
  }
}

function lengthFieldOffset(spec: FrameSpec): number {
  let at = spec.start.length;
  for (const f of spec.header) {
    if (f === 'length') break;
    at += fieldWidth(spec, f);
  }
  return at;
}

/** Total frame size announced by the length field of the frame starting at buf[0]. */
function announcedTotal(spec: FrameSpec, buf: Uint8Array): number {
  const value = readUint(buf, lengthFieldOffset(spec), spec.length!.width, spec.length!.endian);
  const counts = spec.length!.counts;
  const payload = counts === 'payload' ? value : counts === 'command+payload' ? value - 1 : value - overhead(spec);
  return payload < 0 || payload > spec.maxPayload ? -1 : payload + overhead(spec);
}

function writeUint(out: number[], value: number, width: number, endian: 'be' | 'le'): void {
  const bytes = width === 1 ? [value & 0xff] : [(value >> 8) & 0xff, value & 0xff];
  out.push(...(endian === 'be' ? bytes : bytes.reverse()));
}

function readUint(buf: Uint8Array, at: number, width: number, endian: 'be' | 'le'): number {
  if (width === 1) return buf[at];
  return endian === 'be' ? (buf[at] << 8) | buf[at + 1] : buf[at] | (buf[at + 1] << 8);
}

export function encodeFrame(spec: FrameSpec, frame: BusFrame): Buffer {
  const { address, command, payload } = frame;
  if (payload.length > spec.maxPayload) throw new FrameError(`payload of ${payload.length} bytes exceeds ${spec.maxPayload}`);
  if (address < 0 || address >= 256 ** spec.addressWidth) throw new FrameError(`address ${address} does not fit ${spec.addressWidth} byte(s)`);
  if (command < 0 || command > 0xff) throw new FrameError(`command ${command} is not a byte`);
  const out: number[] = [...spec.start];
  for (const f of spec.header) {
    if (f === 'address') writeUint(out, address, spec.addressWidth, 'be');
    else if (f === 'command') out.push(command);
    else writeUint(out, lengthValue(spec, payload.length), spec.length!.width, spec.length!.endian);
  }
  out.push(...payload);
  const from = spec.checksum.from === 'start' ? 0 : spec.start.length;
  out.push(...checksumBytes(spec.checksum.kind, Uint8Array.from(out.slice(from)), spec.checksum.endian));
  out.push(...spec.trailer);
  return Buffer.from(out);
}

/** Decode exactly one whole frame; throws FrameError saying what is wrong. */
export function decodeFrame(spec: FrameSpec, buf: Uint8Array): BusFrame {
  const hex = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;
  if (buf.length < overhead(spec)) throw new FrameError(`frame too short (${buf.length} bytes)`);
  spec.start.forEach((b, i) => {
    if (buf[i] !== b) throw new FrameError(`bad start byte ${hex(buf[i])} at ${i}, expected ${hex(b)}`);
  });
  let at = spec.start.length;
  let address = 0;
  let command = 0;
  let declared: number | undefined;
  for (const f of spec.header) {
    if (f === 'address') address = readUint(buf, at, spec.addressWidth, 'be');
    else if (f === 'command') command = buf[at];
    else declared = readUint(buf, at, spec.length!.width, spec.length!.endian);
    at += fieldWidth(spec, f);
  }
  const csWidth = checksumWidth(spec.checksum.kind);
  const payloadEnd = buf.length - spec.trailer.length - csWidth;
  const payload = Buffer.from(buf.subarray(at, payloadEnd));
  if (declared !== undefined && declared !== lengthValue(spec, payload.length)) {
    throw new FrameError(`length field says ${declared}, frame holds ${lengthValue(spec, payload.length)}`);
  }
  const from = spec.checksum.from === 'start' ? 0 : spec.start.length;
  const expected = checksumBytes(spec.checksum.kind, buf.subarray(from, payloadEnd), spec.checksum.endian);
  const got = [...buf.subarray(payloadEnd, payloadEnd + csWidth)];
  if (expected.some((b, i) => b !== got[i])) {
    throw new FrameError(`bad ${spec.checksum.kind} checksum ${got.map(hex).join(' ')}, expected ${expected.map(hex).join(' ')}`);
  }
  spec.trailer.forEach((b, i) => {
    if (buf[payloadEnd + csWidth + i] !== b) throw new FrameError(`bad trailer byte, expected ${hex(b)}`);
  });
  return { address, command, payload };
}

function indexOfSeq(buf: Buffer, seq: number[], from = 0): number {
  return seq.length === 0 ? -1 : buf.indexOf(Buffer.from(seq), from);
}

/**
 * Stream parser for a FrameSpec framing: feed it chunks as they come off the wire, get whole frames.
 * On junk, a bad checksum or an impossible length it drops one byte and
 * searches for the next start sequence, so one corrupted frame costs one frame.
 */
export class BusFrameParser {
  private buf: Buffer = Buffer.alloc(0);

  constructor(
    private readonly spec: FrameSpec,
    private readonly onFrame: (frame: BusFrame, raw: Buffer) => void,
    private readonly onError: (error: FrameError, raw: Buffer) => void = () => undefined,
  ) {
    if (spec.start.length === 0) throw new FrameError('a stream parser needs start bytes to resync on');
    if (!spec.length && spec.trailer.length === 0) throw new FrameError('framing needs a length field or a trailer');
  }

  push(chunk: Uint8Array): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    while (this.step());
  }

  reset(): void {
    this.buf = Buffer.alloc(0);
  }

  /** One parse step; returns true while progress was made. */
  private step(): boolean {
    const { spec } = this;
    const at = indexOfSeq(this.buf, spec.start);
    if (at < 0) {
      // keep a possible partial start sequence at the very end
      this.buf = this.buf.subarray(Math.max(0, this.buf.length - (spec.start.length - 1)));
      return false;
    }
    if (at > 0) {
      this.onError(new FrameError(`skipped ${at} byte(s) of junk`), this.buf.subarray(0, at));
      this.buf = this.buf.subarray(at);
    }
    return spec.length ? this.stepByLength() : this.stepByTrailer();
  }

  private stepByLength(): boolean {
    const { spec } = this;
    if (this.buf.length < headerLength(spec)) return false;
    const total = announcedTotal(spec, this.buf);
    if (total < 0) {
      const value = readUint(this.buf, lengthFieldOffset(spec), spec.length!.width, spec.length!.endian);
      return this.resync(new FrameError(`impossible length ${value}`));
    }
    if (this.buf.length < total) {
      // a false start (junk that looks like start + a big length) would otherwise
      // hold back every real frame behind it until enough bytes arrive
      const next = this.laterWholeFrame();
      return next > 0 ? this.resync(new FrameError(`incomplete frame abandoned for the one at +${next}`), next) : false;
    }
    return this.tryDecode(total, true);
  }

  /** Offset of a later start sequence that begins a complete, valid frame, or -1. */
  private laterWholeFrame(): number {
    const { spec } = this;
    for (let j = indexOfSeq(this.buf, spec.start, 1); j > 0; j = indexOfSeq(this.buf, spec.start, j + 1)) {
      const rest = this.buf.subarray(j);
      if (rest.length < headerLength(spec)) return -1;
      const total = announcedTotal(spec, rest);
      if (total < 0 || total > rest.length) continue;
      try {
        decodeFrame(spec, rest.subarray(0, total));
        return j;
      } catch {
        // not a frame either; keep looking
      }
    }
    return -1;
  }

  private stepByTrailer(): boolean {
    const { spec } = this;
    const maxTotal = spec.maxPayload + overhead(spec);
    let failed: FrameError | undefined;
    for (let t = indexOfSeq(this.buf, spec.trailer, overhead(spec) - spec.trailer.length); t >= 0; t = indexOfSeq(this.buf, spec.trailer, t + 1)) {
      const total = t + spec.trailer.length;
      if (total > maxTotal) break;
      try {
        decodeFrame(spec, this.buf.subarray(0, total));
        return this.tryDecode(total, false);
      } catch (e) {
        failed = e as FrameError; // a checksum byte may equal the trailer: try the next one
      }
    }
    const nextStart = indexOfSeq(this.buf, spec.start, 1);
    // give up on this start only once a complete-looking frame failed and another frame has begun
    if ((failed && nextStart > 0) || this.buf.length > maxTotal) return this.resync(failed ?? new FrameError('frame too long'));
    return false;
  }

  private tryDecode(total: number, resyncOnError: boolean): boolean {
    const raw = Buffer.from(this.buf.subarray(0, total));
    try {
      const frame = decodeFrame(this.spec, raw);
      this.buf = this.buf.subarray(total);
      this.onFrame(frame, raw);
      return true;
    } catch (e) {
      if (!resyncOnError) throw e;
      return this.resync(e as FrameError);
    }
  }

  private resync(error: FrameError, skip = 1): boolean {
    this.onError(error, Buffer.from(this.buf.subarray(0, skip)));
    this.buf = this.buf.subarray(skip);
    return true;
  }
}
