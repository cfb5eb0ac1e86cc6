/**
 * An addressed serial framing described as data. LED boards (each vendor its
 * own RS-485 framing) and the keypad bus are built from the same few
 * ingredients: start bytes, address / command / length in some order, a
 * checksum, end bytes. One codec (frame.ts) reads and writes them all.
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

/** One frame on such a bus, whichever way it travels. */
export interface BusFrame {
  address: number;
  command: number;
  payload: Buffer;
}
