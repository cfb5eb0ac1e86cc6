import iconv from 'iconv-lite';
import { encodeFrame, FrameError } from '../bus/frame.js';
import type { LedFrame, LedProfile } from './profile.js';

/**
 * LED board commands on top of the framing: what "show this text", "clear" and
 * "brightness" look like for a given profile, and the reverse for the simulator.
 */

export function encodeTextBytes(profile: LedProfile, text: string): Buffer {
  const { encoding } = profile.text;
  if (encoding === 'ascii') {
    if (/[^\x20-\x7e]/.test(text)) throw new FrameError(`profile ${profile.name} shows ASCII only: ${JSON.stringify(text)}`);
    return Buffer.from(text, 'latin1');
  }
  const bytes = iconv.encode(text, encoding);
  // iconv writes '?' for characters the board's charset lacks; refuse rather than show "?号"
  if (iconv.decode(bytes, encoding) !== text) {
    throw new FrameError(`text ${JSON.stringify(text)} has characters outside ${encoding.toUpperCase()}`);
  }
  return bytes;
}

export function decodeTextBytes(profile: LedProfile, bytes: Uint8Array): string {
  return profile.text.encoding === 'ascii' ? Buffer.from(bytes).toString('latin1') : iconv.decode(Buffer.from(bytes), profile.text.encoding);
}

export function textFrame(profile: LedProfile, address: number, text: string, line = 1): LedFrame {
  if (!Number.isInteger(line) || line < 1 || line > profile.text.lines) {
    throw new FrameError(`line ${line} out of range 1..${profile.text.lines} for ${profile.name}`);
  }
  const bytes = encodeTextBytes(profile, text);
  if (bytes.length > profile.text.maxBytesPerLine) {
    throw new FrameError(`text needs ${bytes.length} bytes, ${profile.name} holds ${profile.text.maxBytesPerLine} per line`);
  }
  const payload = profile.text.lineByte ? Buffer.concat([Buffer.from([line]), bytes]) : bytes;
  return { address, command: profile.commands.text, payload };
}

export function clearFrame(profile: LedProfile, address: number): LedFrame {
  return { address, command: profile.commands.clear, payload: Buffer.alloc(0) };
}

export function brightnessFrame(profile: LedProfile, address: number, level: number): LedFrame {
  const range = profile.brightness;
  if (profile.commands.brightness === undefined || !range) throw new FrameError(`${profile.name} has no brightness command`);
  if (!Number.isInteger(level) || level < range.min || level > range.max) {
    throw new FrameError(`brightness ${level} out of range ${range.min}..${range.max}`);
  }
  return { address, command: profile.commands.brightness, payload: Buffer.from([level]) };
}

export const encodeText = (p: LedProfile, address: number, text: string, line = 1): Buffer => encodeFrame(p.frame, textFrame(p, address, text, line));
export const encodeClear = (p: LedProfile, address: number): Buffer => encodeFrame(p.frame, clearFrame(p, address));
export const encodeBrightness = (p: LedProfile, address: number, level: number): Buffer =>
  encodeFrame(p.frame, brightnessFrame(p, address, level));

/** The ack frame a board sends for `command` (only for profiles whose ack is a frame). */
export function ackFrame(profile: LedProfile, address: number, command: number, nak = false): LedFrame | undefined {
  const ack = profile.ack;
  if (ack?.kind !== 'frame') return undefined;
  const code = nak ? ack.nakCommand : ack.command;
  if (code === undefined) return undefined;
  return { address, command: code, payload: ack.echoCommand ? Buffer.from([command]) : Buffer.alloc(0) };
}

export type LedCommand =
  | { kind: 'text'; address: number; line: number; text: string }
  | { kind: 'clear'; address: number }
  | { kind: 'brightness'; address: number; level: number }
  | { kind: 'other'; address: number; command: number; payload: Buffer };

/** What a received frame asks the board to do (used by the simulator and by bus sniffers). */
export function decodeCommand(profile: LedProfile, frame: LedFrame): LedCommand {
  const { address, command, payload } = frame;
  if (command === profile.commands.text) {
    const line = profile.text.lineByte ? payload[0] : 1;
    const body = profile.text.lineByte ? payload.subarray(1) : payload;
    return { kind: 'text', address, line, text: decodeTextBytes(profile, body) };
  }
  if (command === profile.commands.clear) return { kind: 'clear', address };
  if (profile.commands.brightness !== undefined && command === profile.commands.brightness && payload.length === 1) {
    return { kind: 'brightness', address, level: payload[0] };
  }
  return { kind: 'other', address, command, payload };
}
