import type { ChecksumKind, Endian } from './frame-spec.js';

export function sum8(bytes: Uint8Array): number {
  let s = 0;
  for (const b of bytes) s = (s + b) & 0xff;
  return s;
}

export function xor8(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

/** CRC-16/MODBUS: poly 0xA001 (reflected 0x8005), init 0xFFFF, no final xor. */
export function crc16Modbus(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

export function checksumWidth(kind: ChecksumKind): number {
  return kind === 'none' ? 0 : kind === 'crc16-modbus' ? 2 : 1;
}

export function checksumBytes(kind: ChecksumKind, data: Uint8Array, endian: Endian = 'le'): number[] {
  switch (kind) {
    case 'none':
      return [];
    case 'sum8':
      return [sum8(data)];
    case 'xor8':
      return [xor8(data)];
    case 'crc16-modbus': {
      const c = crc16Modbus(data);
      return endian === 'le' ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff];
    }
  }
}
