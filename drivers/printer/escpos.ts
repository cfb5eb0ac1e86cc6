/**
 * ESC/POS encoder: a small builder that only emits the commands listed in
 * drivers/printer/README.md, byte for byte. Pure: no transport, no I/O.
 *
 * Why our own: the npm `escpos` package sends the old GS Z QR form, ESC ! for
 * size and never ESC @ / FS &, which Chinese kiosk printers need.
 */
import { encodeText } from './text.js';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export type Align = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

const ALIGN_CODE: Record<Align, number> = { left: 0, center: 1, right: 2 };
const QR_LEVEL_CODE: Record<QrErrorLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

/** Byte-mode capacity of the largest QR symbol (version 40, level L); printers reject more. */
export const QR_MAX_BYTES = 2953;

function checkInt(name: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`${name} must be an integer ${min}..${max}, got ${v}`);
  }
}

/** `GS ( k` header: function bytes follow a 16-bit little-endian length. */
function gsParenK(fnBytes: number[] | Buffer): Buffer {
  const len = fnBytes.length;
  return Buffer.concat([Buffer.from([GS, 0x28, 0x6b, len & 0xff, len >> 8]), Buffer.from(fnBytes)]);
}

/** The four QR commands: model 2, module size, error level, store data, print. */
export function qrCommands(data: string | Buffer, moduleSize = 6, level: QrErrorLevel = 'M'): Buffer {
  checkInt('QR module size', moduleSize, 1, 16);
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (payload.length === 0) throw new RangeError('QR data must not be empty');
  if (payload.length > QR_MAX_BYTES) throw new RangeError(`QR data too long: ${payload.length} bytes`);
  return Buffer.concat([
    gsParenK([0x31, 0x41, 0x32, 0x00]), // model 2
    gsParenK([0x31, 0x43, moduleSize]),
    gsParenK([0x31, 0x45, QR_LEVEL_CODE[level]]),
    gsParenK(Buffer.concat([Buffer.from([0x31, 0x50, 0x30]), payload])), // pL+256*pH = k+3
    gsParenK([0x31, 0x51, 0x30]),
  ]);
}

/** Chainable ESC/POS builder; `bytes()` returns everything written so far. */
export class EscPosBuilder {
  private parts: Buffer[] = [];

  private raw(bytes: number[] | Buffer): this {
    this.parts.push(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
    return this;
  }

  /** ESC @: clears size, bold, alignment left over from a previous job. */
  initialize(): this {
    return this.raw([ESC, 0x40]);
  }

  /** FS & / FS .: double-byte (GB18030/GBK) mode, needed for Chinese text. */
  chineseMode(on = true): this {
    return this.raw(on ? [FS, 0x26] : [FS, 0x2e]);
  }

  /** GS ! n: width and height multipliers 1..8. */
  size(width: number, height = width): this {
    checkInt('width', width, 1, 8);
    checkInt('height', height, 1, 8);
    return this.raw([GS, 0x21, ((width - 1) << 4) | (height - 1)]);
  }

  align(a: Align): this {
    return this.raw([ESC, 0x61, ALIGN_CODE[a]]);
  }

  bold(on = true): this {
    return this.raw([ESC, 0x45, on ? 1 : 0]);
  }

  /** Text only: control characters are stripped, so text can never inject a command. */
  text(s: string): this {
    return this.raw(encodeText(s));
  }

  line(s = ''): this {
    return this.text(s).feed();
  }

  feed(lines = 1): this {
    checkInt('feed lines', lines, 0, 255);
    return this.raw(Buffer.alloc(lines, LF));
  }

  qr(data: string, moduleSize = 6, level: QrErrorLevel = 'M'): this {
    return this.raw(qrCommands(data, moduleSize, level));
  }

  /** GS V 66 n: feed n motion units to the cutter, then partial cut (leaves a tab so the ticket does not fall). */
  cut(feed = 0): this {
    checkInt('cut feed', feed, 0, 255);
    return this.raw([GS, 0x56, 0x42, feed]);
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export function escpos(): EscPosBuilder {
  return new EscPosBuilder();
}
