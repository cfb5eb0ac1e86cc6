import type { KeypadKey } from '../../common/window-actions.js';
import iconv from 'iconv-lite';
import { encodeFrame, FrameError } from '../bus/frame.js';
import type { BusFrame, FrameSpec } from '../bus/frame-spec.js';

/**
 * Onestop keypad/evaluator bus, serial RS-485 variant (9600 8N1).
 *
 *   02 | ADDR | TYPE | LEN | DATA[LEN] | XOR | 03
 *
 * ADDR  device address 1..254 (the window number it is mounted at); 0xFF = all.
 * XOR   xor-8 of ADDR..DATA (STX excluded), so the value never depends on STX.
 * TYPE  device → host
 *         'K' 0x4B key press     DATA = seq, key code (KEY_CODES)
 *         'E' 0x45 evaluation    DATA = seq, grade 1..5, reason (0 = none)
 *       host → device
 *         'A' 0x41 ack           DATA = acked TYPE, seq
 *         'R' 0x52 please rate   DATA = timeout in seconds (0 = device default)
 *         'D' 0x44 display       DATA = up to 16 bytes GB2312 for the keypad's one-line display
 *
 * Devices talk when a key is pressed (no polling, so a press reaches the hall
 * screen in one frame time). Collisions and noise are handled by the device:
 * it repeats the same seq after a random 100–300 ms until acked, at most 3
 * times; the host acks every copy and reports a seq only once per address.
 */
export const KEYPAD_FRAME: FrameSpec = {
  start: [0x02],
  header: ['address', 'command', 'length'],
  addressWidth: 1,
  length: { width: 1, endian: 'be', counts: 'payload' },
  checksum: { kind: 'xor8', from: 'after-start' },
  trailer: [0x03],
  maxPayload: 32,
};

export const MSG = { key: 0x4b, evaluation: 0x45, ack: 0x41, rateRequest: 0x52, display: 0x44 } as const;
export const BROADCAST = 0xff;
export const DISPLAY_MAX_BYTES = 16;

/** The keys: the window actions a keypad has (common/window-actions.ts), and asking for a rating. */
export type KeyAction = KeypadKey;
export const KEY_CODES: Readonly<Record<KeyAction, number>> = {
  'call-next': 0x01,
  recall: 0x02,
  'no-show': 0x03,
  finish: 0x04,
  pause: 0x05,
  resume: 0x06,
  start: 0x07,
  'rate-request': 0x08,
};
const ACTION_BY_CODE = new Map(Object.entries(KEY_CODES).map(([a, c]) => [c, a as KeyAction]));
export const actionOf = (code: number): KeyAction | undefined => ACTION_BY_CODE.get(code);

/** GB/T 39734 five grades. */
export type Grade = 1 | 2 | 3 | 4 | 5;
export const GRADE_LABELS: Readonly<Record<Grade, string>> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};
export const isGrade = (n: number): n is Grade => Number.isInteger(n) && n >= 1 && n <= 5;

export type KeypadEvent =
  | { kind: 'key'; address: number; action: KeyAction }
  | { kind: 'rating'; address: number; grade: Grade; reason?: number };

/** A device → host message as decoded from a frame (seq kept for dedup and ack). */
export type DeviceMessage = { seq: number; event: KeypadEvent };

export function decodeDeviceFrame(f: BusFrame): DeviceMessage {
  const [seq, code, reason] = f.payload;
  if (f.command === MSG.key && f.payload.length === 2) {
    const action = actionOf(code);
    if (!action) throw new FrameError(`unknown key code 0x${code.toString(16)} from address ${f.address}`);
    return { seq, event: { kind: 'key', address: f.address, action } };
  }
  if (f.command === MSG.evaluation && f.payload.length === 3) {
    if (!isGrade(code)) throw new FrameError(`grade ${code} from address ${f.address} is not 1..5`);
    return { seq, event: { kind: 'rating', address: f.address, grade: code, ...(reason ? { reason } : {}) } };
  }
  throw new FrameError(`unexpected message 0x${f.command.toString(16)} (${f.payload.length} data bytes) from address ${f.address}`);
}

export function encodeKey(address: number, seq: number, action: KeyAction): Buffer {
  return encodeFrame(KEYPAD_FRAME, { address, command: MSG.key, payload: Buffer.from([seq, KEY_CODES[action]]) });
}

export function encodeEvaluation(address: number, seq: number, grade: Grade, reason = 0): Buffer {
  if (!isGrade(grade)) throw new FrameError(`grade ${grade} is not 1..5`);
  return encodeFrame(KEYPAD_FRAME, { address, command: MSG.evaluation, payload: Buffer.from([seq, grade, reason]) });
}

export function encodeAck(address: number, type: number, seq: number): Buffer {
  return encodeFrame(KEYPAD_FRAME, { address, command: MSG.ack, payload: Buffer.from([type, seq]) });
}

export function encodeRateRequest(address: number, timeoutSec = 0): Buffer {
  if (!Number.isInteger(timeoutSec) || timeoutSec < 0 || timeoutSec > 255) throw new FrameError(`rating timeout ${timeoutSec} s is not 0..255`);
  return encodeFrame(KEYPAD_FRAME, { address, command: MSG.rateRequest, payload: Buffer.from([timeoutSec]) });
}

export function encodeDisplayText(text: string): Buffer {
  const bytes = iconv.encode(text, 'gb2312');
  if (iconv.decode(bytes, 'gb2312') !== text) throw new FrameError(`display text ${JSON.stringify(text)} has characters outside GB2312`);
  if (bytes.length > DISPLAY_MAX_BYTES) throw new FrameError(`display text needs ${bytes.length} bytes, the keypad shows ${DISPLAY_MAX_BYTES}`);
  return bytes;
}

export function encodeDisplay(address: number, text: string): Buffer {
  return encodeFrame(KEYPAD_FRAME, { address, command: MSG.display, payload: encodeDisplayText(text) });
}

export const decodeDisplayText = (bytes: Uint8Array): string => iconv.decode(Buffer.from(bytes), 'gb2312');
