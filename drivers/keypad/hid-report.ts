import { FrameError } from '../bus/frame.js';
import { actionOf, decodeDisplayText, encodeDisplayText, isGrade, KEY_CODES, type Grade, type KeyAction, type KeypadEvent } from './protocol.js';

/**
 * USB HID variant (HID-data mode, not keyboard mode: node-hid cannot read a
 * device the OS treats as a keyboard).
 *
 * Input report, id 0x01, 8 bytes as node-hid delivers them (id first):
 *   [0] 0x01  [1] type 0x01 key / 0x02 rating  [2] address (0 = the one configured for this USB port)
 *   [3] key code (KEY_CODES) or grade 1..5     [4] reason code (0 = none)   [5..7] 0
 * Output report, id 0x02, 32 bytes:
 *   [0] 0x02  [1] 0x01 please rate / 0x02 display  [2] address  [3] n  [4..4+n) data (timeout s, or GB2312 text)
 * USB delivers reliably, so there is no seq or ack here.
 */
export const HID_INPUT_REPORT_ID = 0x01;
export const HID_OUTPUT_REPORT_ID = 0x02;
export const HID_INPUT_LENGTH = 8;
export const HID_OUTPUT_LENGTH = 32;
const TYPE_KEY = 0x01;
const TYPE_RATING = 0x02;
const OUT_RATE = 0x01;
const OUT_DISPLAY = 0x02;

/** Decode one input report; null for reports that are not ours (other ids, idle zeros). */
export function decodeHidReport(data: Uint8Array, defaultAddress: number): KeypadEvent | null {
  if (data.length < 5 || data[0] !== HID_INPUT_REPORT_ID) return null;
  const [, type, addr, code, reason] = data;
  const address = addr || defaultAddress;
  if (type === TYPE_KEY) {
    const action = actionOf(code);
    if (!action) throw new FrameError(`HID: unknown key code 0x${code.toString(16)}`);
    return { kind: 'key', address, action };
  }
  if (type === TYPE_RATING) {
    if (!isGrade(code)) throw new FrameError(`HID: grade ${code} is not 1..5`);
    return { kind: 'rating', address, grade: code, ...(reason ? { reason } : {}) };
  }
  if (type === 0) return null; // idle report some firmwares send on release
  throw new FrameError(`HID: unknown report type 0x${type.toString(16)}`);
}

export function encodeHidKey(address: number, action: KeyAction): Buffer {
  return inputReport(TYPE_KEY, address, KEY_CODES[action], 0);
}

export function encodeHidRating(address: number, grade: Grade, reason = 0): Buffer {
  return inputReport(TYPE_RATING, address, grade, reason);
}

function inputReport(type: number, address: number, code: number, reason: number): Buffer {
  const r = Buffer.alloc(HID_INPUT_LENGTH);
  r.set([HID_INPUT_REPORT_ID, type, address, code, reason]);
  return r;
}

function outputReport(cmd: number, address: number, data: Uint8Array): Buffer {
  if (data.length > HID_OUTPUT_LENGTH - 4) throw new FrameError('HID output data too long');
  const r = Buffer.alloc(HID_OUTPUT_LENGTH);
  r.set([HID_OUTPUT_REPORT_ID, cmd, address, data.length]);
  r.set(data, 4);
  return r;
}

export const encodeHidRateRequest = (address: number, timeoutSec = 0): Buffer => outputReport(OUT_RATE, address, Uint8Array.of(timeoutSec));
export const encodeHidDisplay = (address: number, text: string): Buffer => outputReport(OUT_DISPLAY, address, encodeDisplayText(text));

export type HidHostCommand = { kind: 'rate-request'; address: number; timeoutSec: number } | { kind: 'display'; address: number; text: string };

export function decodeHidOutput(data: Uint8Array): HidHostCommand | null {
  if (data.length < 4 || data[0] !== HID_OUTPUT_REPORT_ID) return null;
  const [, cmd, address, n] = data;
  const body = data.subarray(4, 4 + n);
  if (cmd === OUT_RATE) return { kind: 'rate-request', address, timeoutSec: body[0] ?? 0 };
  if (cmd === OUT_DISPLAY) return { kind: 'display', address, text: decodeDisplayText(body) };
  return null;
}
