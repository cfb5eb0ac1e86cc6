/**
 * A board model described as data. Window LED boards (窗口屏) and strip boards
 * (條屏) have no common standard; each vendor frames its own RS-485 protocol
 * from the same few ingredients (drivers/bus/frame-spec.ts), so one codec reads them all.
 */
import type { BusFrame, FrameSpec } from '../bus/frame-spec.js';

export type { ChecksumKind, Endian, FrameSpec, HeaderField } from '../bus/frame-spec.js';

export type AckSpec =
  /** The board answers with a frame of its own: `command` from its address, optionally echoing the command acked as payload[0]. */
  | { kind: 'frame'; command: number; echoCommand: boolean; nakCommand?: number; timeoutMs: number }
  /** The board answers with fixed bytes (e.g. ACK 0x06 / NAK 0x15); matching relies on one command at a time. */
  | { kind: 'bytes'; bytes: number[]; nak?: number[]; timeoutMs: number };

export interface LedProfile {
  name: string;
  description: string;
  frame: FrameSpec;
  /** Serial settings the vendor ships the board with (a hint for the admin UI). */
  serial: { baudRate: number; parity: 'none' | 'even' | 'odd' };
  text: {
    encoding: 'gb2312' | 'gbk' | 'gb18030' | 'ascii';
    lines: number;
    /** Payload starts with a 1-based line number byte. */
    lineByte: boolean;
    /** Board RAM per line; longer text is refused rather than silently cut mid-character. */
    maxBytesPerLine: number;
  };
  commands: { text: number; clear: number; brightness?: number };
  brightness?: { min: number; max: number };
  ack?: AckSpec;
  /** Address every board obeys and none answers. */
  broadcastAddress?: number;
}

/** A frame to or from an LED board. */
export type LedFrame = BusFrame;
