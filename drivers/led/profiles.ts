import type { LedProfile } from './profile.js';

/**
 * Board models shipped as data. New models are added here (or loaded from
 * configuration in the same shape), not coded.
 */

/**
 * Window board (窗口屏), the common `3A … sum 0A` family: ':' start, one address
 * byte, command, one-byte payload length, GB2312 text, 8-bit sum of everything
 * after the start byte, LF trailer. Fire-and-forget: these boards never answer,
 * so the bus paces writes instead of waiting for acks.
 */
export const WINDOW_3A: LedProfile = {
  name: 'window-3a',
  description: '窗口屏 3A…sum 0A, 9600 8N1, GB2312, 2 lines, no ack',
  frame: {
    start: [0x3a],
    header: ['address', 'command', 'length'],
    addressWidth: 1,
    length: { width: 1, endian: 'be', counts: 'payload' },
    checksum: { kind: 'sum8', from: 'after-start' },
    trailer: [0x0a],
    maxPayload: 64,
  },
  serial: { baudRate: 9600, parity: 'none' },
  text: { encoding: 'gb2312', lines: 2, lineByte: true, maxBytesPerLine: 32 },
  commands: { text: 0x31, clear: 0x32, brightness: 0x33 },
  brightness: { min: 0, max: 15 },
  broadcastAddress: 0xff,
};

/**
 * Addressed bus board in the Modbus-RTU / Onbon style: AA 55 sync, address,
 * command, 16-bit little-endian payload length, GBK text, CRC-16/Modbus (low
 * byte first) over everything after the sync. Each board acks with command
 * 0x06 echoing the command it executed, or 0x15 (NAK) when it rejected it;
 * address 0 is broadcast and never acked, as in Modbus.
 */
export const BUS_CRC16: LedProfile = {
  name: 'bus-crc16',
  description: 'addressed RS-485 board, 19200 8N1, GBK, CRC-16/Modbus, ack frame 0x06 / nak 0x15',
  frame: {
    start: [0xaa, 0x55],
    header: ['address', 'command', 'length'],
    addressWidth: 1,
    length: { width: 2, endian: 'le', counts: 'payload' },
    checksum: { kind: 'crc16-modbus', from: 'after-start', endian: 'le' },
    trailer: [],
    maxPayload: 512,
  },
  serial: { baudRate: 19200, parity: 'none' },
  text: { encoding: 'gbk', lines: 4, lineByte: true, maxBytesPerLine: 128 },
  commands: { text: 0x10, clear: 0x11, brightness: 0x12 },
  brightness: { min: 1, max: 16 },
  ack: { kind: 'frame', command: 0x06, echoCommand: true, nakCommand: 0x15, timeoutMs: 300 },
  broadcastAddress: 0x00,
};

/**
 * Hall strip board (條屏): 7E start, big-endian length of the whole frame first,
 * then a 2-byte address, xor-8 over the whole frame from the start byte, 7F
 * trailer; answers a single ACK byte 0x06 (NAK 0x15), so replies cannot name
 * the board and the bus must keep one command in flight.
 */
export const STRIP_XOR: LedProfile = {
  name: 'strip-xor',
  description: '條屏 7E…xor 7F, 9600 8N1, GB2312, 1 line, ack byte 06',
  frame: {
    start: [0x7e],
    header: ['length', 'address', 'command'],
    addressWidth: 2,
    length: { width: 2, endian: 'be', counts: 'frame' },
    checksum: { kind: 'xor8', from: 'start' },
    trailer: [0x7f],
    maxPayload: 256,
  },
  serial: { baudRate: 9600, parity: 'none' },
  text: { encoding: 'gb2312', lines: 1, lineByte: false, maxBytesPerLine: 200 },
  commands: { text: 0x01, clear: 0x02 },
  ack: { kind: 'bytes', bytes: [0x06], nak: [0x15], timeoutMs: 500 },
  broadcastAddress: 0xffff,
};

export const PROFILES: Readonly<Record<string, LedProfile>> = {
  [WINDOW_3A.name]: WINDOW_3A,
  [BUS_CRC16.name]: BUS_CRC16,
  [STRIP_XOR.name]: STRIP_XOR,
};

export function getProfile(name: string): LedProfile {
  const p = PROFILES[name];
  if (!p) throw new Error(`unknown LED profile "${name}" (known: ${Object.keys(PROFILES).join(', ')})`);
  return p;
}
