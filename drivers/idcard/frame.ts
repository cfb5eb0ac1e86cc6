/**
 * Frames of the second-generation ID card SAM protocol (GA 467), as in
 * drivers/idcard/README.md. Pure codec: no I/O.
 *
 *   host → reader: AA AA AA 96 69 | LEN_H LEN_L | CMD PARA [data] | CHK
 *   reader → host: AA AA AA 96 69 | LEN_H LEN_L | SW1 SW2 SW3 [data] | CHK
 *
 * LEN counts from CMD/SW1 through CHK; CHK is the XOR of LEN..last data byte.
 */
import { xor8 } from '../bus/checksum.js';

export const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);

/** Biggest frame a reader sends is read-with-fingerprint (~2.3 kB); more is line noise. */
export const MAX_LEN = 4096;
/** A command has at least CMD PARA CHK. */
export const MIN_LEN = 3;

export interface Command {
  cmd: number;
  para: number;
  name: string;
}

export const COMMANDS = {
  findCard: { cmd: 0x20, para: 0x01, name: 'find card (20 01)' },
  selectCard: { cmd: 0x20, para: 0x02, name: 'select card (20 02)' },
  readBase: { cmd: 0x30, para: 0x01, name: 'read base info (30 01)' },
  readBaseFingerprint: { cmd: 0x30, para: 0x10, name: 'read base info + fingerprint (30 10)' },
  samId: { cmd: 0x12, para: 0xff, name: 'read SAM id (12 FF)' },
  samStatus: { cmd: 0x11, para: 0xff, name: 'SAM status (11 FF)' },
  samReset: { cmd: 0x10, para: 0xff, name: 'SAM reset (10 FF)' },
} as const satisfies Record<string, Command>;

export type CommandName = keyof typeof COMMANDS;

export const SW3 = {
  OK: 0x90,
  NO_CONTENT: 0x91,
  CARD_FOUND: 0x9f,
  FIND_FAILED: 0x80,
  SELECT_FAILED: 0x81,
  READ_FAILED: 0x41,
  UNKNOWN_CARD_TYPE: 0x40,
  CHECKSUM_ERROR: 0x10,
  LENGTH_ERROR: 0x11,
  BAD_COMMAND: 0x21,
  AUTH_ERROR_1: 0x31,
  AUTH_ERROR_2: 0x32,
  AUTH_ERROR_3: 0x33,
  SAM_SELF_TEST_FAILED: 0x60,
  SAM_NOT_AUTHORISED: 0x66,
} as const;

/** What each SW3 means, for error messages and logs. */
export const SW3_MEANING: Record<number, string> = {
  0x90: 'ok',
  0x91: 'no content',
  0x9f: 'card found',
  0x80: 'no card (find failed)',
  0x81: 'select failed',
  0x41: 'read failed',
  0x40: 'unknown card type',
  0x10: 'checksum error in command',
  0x11: 'length error in command',
  0x21: 'bad command',
  0x31: 'card authentication failed (SAM→card)',
  0x32: 'card authentication failed (card→SAM)',
  0x33: 'card authentication failed (info check)',
  0x60: 'SAM self-test failed',
  0x66: 'SAM not authorised',
};

export function describeSw3(sw3: number): string {
  return SW3_MEANING[sw3] ?? `unknown status 0x${sw3.toString(16).padStart(2, '0')}`;
}

/** Wrap a body (CMD PARA data, or SW1 SW2 SW3 data) into a full frame. */
export function encodeFrame(body: Uint8Array): Buffer {
  const len = body.length + 1;
  if (len > MAX_LEN) throw new RangeError(`frame body too long: ${body.length} bytes`);
  const head = Buffer.from([len >> 8, len & 0xff]);
  const withLen = Buffer.concat([head, body]);
  return Buffer.concat([PREAMBLE, withLen, Buffer.from([xor8(withLen)])]);
}

export function encodeCommand(c: Command, data: Uint8Array = Buffer.alloc(0)): Buffer {
  return encodeFrame(Buffer.concat([Buffer.from([c.cmd, c.para]), data]));
}

export function encodeReply(sw3: number, data: Uint8Array = Buffer.alloc(0), sw1 = 0, sw2 = 0): Buffer {
  return encodeFrame(Buffer.concat([Buffer.from([sw1, sw2, sw3]), data]));
}

/** The bytes between LEN and CHK, as the parser hands them out. */
export type FrameBody = Buffer;

export interface Reply {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Buffer;
}

export function bodyToReply(body: FrameBody): Reply {
  if (body.length < 3) throw new RangeError(`reply too short: ${body.length} bytes`);
  return { sw1: body[0], sw2: body[1], sw3: body[2], data: body.subarray(3) };
}

export function bodyToCommand(body: FrameBody): { cmd: number; para: number; data: Buffer } {
  if (body.length < 2) throw new RangeError(`command too short: ${body.length} bytes`);
  return { cmd: body[0], para: body[1], data: body.subarray(2) };
}

/** Decode one complete frame (tests, tools). Throws on a bad preamble, length or checksum. */
export function decodeFrame(frame: Uint8Array): FrameBody {
  const f = Buffer.from(frame);
  if (f.length < 8 || !f.subarray(0, 5).equals(PREAMBLE)) throw new RangeError('not a SAM frame (bad preamble)');
  const len = f.readUInt16BE(5);
  if (f.length !== 7 + len) throw new RangeError(`length field says ${len}, frame has ${f.length - 7}`);
  const chk = f[f.length - 1];
  const want = xor8(f.subarray(5, f.length - 1));
  if (chk !== want) throw new RangeError(`bad checksum: got 0x${chk.toString(16)}, want 0x${want.toString(16)}`);
  return f.subarray(7, f.length - 1);
}

/** Length words of a read reply: text length, photo length (and fingerprint length for 30 10). */
export interface ReadBody {
  text: Buffer;
  photoLength: number;
  fingerprintLength: number;
}

/** Split the data of a 30 01 / 30 10 reply; the photo and fingerprint are only measured, never kept. */
export function splitReadData(data: Buffer, withFingerprint: boolean): ReadBody {
  const words = withFingerprint ? 3 : 2;
  if (data.length < words * 2) throw new RangeError('read reply too short for its length words');
  const textLen = data.readUInt16BE(0);
  const photoLen = data.readUInt16BE(2);
  const fpLen = withFingerprint ? data.readUInt16BE(4) : 0;
  const start = words * 2;
  if (data.length !== start + textLen + photoLen + fpLen) {
    throw new RangeError(`read reply length words (${textLen}+${photoLen}+${fpLen}) do not match ${data.length - start} data bytes`);
  }
  return { text: Buffer.from(data.subarray(start, start + textLen)), photoLength: photoLen, fingerprintLength: fpLen };
}
