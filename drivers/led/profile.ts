/**
 * A board model described as data. Window LED boards (窗口屏) and strip boards
 * (條屏) have no common standard; each vendor frames its own RS-485 protocol
 * from the same few ingredients, so one codec reads them all from this shape.
 */
export type ChecksumKind = 'none' | 'sum8' | 'xor8' | 'crc16-modbus';
export type HeaderField = 'address' | 'command' | 'length';
export type Endian = 'be' | 'le';

export interface FrameSpec {
  /** Bytes every frame begins with; the stream parser resyncs on them. */
  start: number[];
  /** Order of the header fields between the start bytes and the payload. Omit 'length' for trailer-delimited framing. */
  header: HeaderField[];
  /** Address width in bytes (2 = big-endian). */
  addressWidth: 1 | 2;
  length?: {
    width: 1 | 2;
    endian: Endian;
    /** What the length value counts. */
    counts: 'payload' | 'command+payload' | 'frame';
  };
  checksum: {
    kind: ChecksumKind;
    /** The checksum covers from here through the last payload byte. */
    from: 'start' | 'after-start';
    /** Byte order of a 16-bit checksum (Modbus sends the low byte first: 'le'). */
    endian?: Endian;
  };
  /** Bytes every frame ends with (may be empty). */
  trailer: number[];
  /** Longest payload accepted; protects the parser from a garbage length. */
  maxPayload: number;
}

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

export interface LedFrame {
  address: number;
  command: number;
  payload: Buffer;
}
