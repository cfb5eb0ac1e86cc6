/**
 * Real-time status (DLE EOT n). DLE EOT is answered even while the printer is
 * offline, unlike GS r, which is why a ticket is only promised after these three
 * queries came back clean.
 */
export const STATUS_QUERIES = {
  printer: Buffer.from([0x10, 0x04, 0x01]),
  offlineCause: Buffer.from([0x10, 0x04, 0x02]),
  paperSensor: Buffer.from([0x10, 0x04, 0x04]),
} as const;

export type StatusQuery = keyof typeof STATUS_QUERIES;

/** For timeout messages: what exactly was waited for. */
export const STATUS_QUERY_NAMES: Record<StatusQuery, string> = {
  printer: 'DLE EOT 1 (printer status, 10 04 01)',
  offlineCause: 'DLE EOT 2 (offline cause, 10 04 02)',
  paperSensor: 'DLE EOT 4 (paper sensor, 10 04 04)',
};

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  /** Unrecoverable / auto-recoverable error (cutter jam, head overheat…). */
  error: boolean;
  /** The three reply bytes, for logs. */
  raw: [number, number, number];
}

/**
 * Every status byte has bits 1 and 4 set and bits 0 and 7 clear; anything else
 * is not a status reply (line noise, a printer in another mode, a wrong baud).
 */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** Decode the replies to DLE EOT 1, 2 and 4 (in that order). Throws on a byte that is not a status byte. */
export function parseStatus(printer: number, offlineCause: number, paperSensor: number): PrinterStatus {
  for (const [name, b] of [
    ['printer', printer],
    ['offlineCause', offlineCause],
    ['paperSensor', paperSensor],
  ] as const) {
    if (!isStatusByte(b)) {
      throw new RangeError(`not a status byte for ${STATUS_QUERY_NAMES[name]}: 0x${b.toString(16).padStart(2, '0')}`);
    }
  }
  return {
    online: (printer & 0x08) === 0,
    coverOpen: (offlineCause & 0x04) !== 0,
    // either the paper sensor says so, or the printer stopped at paper end
    paperOut: (paperSensor & 0x60) !== 0 || (offlineCause & 0x20) !== 0,
    paperNearEnd: (paperSensor & 0x0c) !== 0,
    error: (offlineCause & 0x40) !== 0,
    raw: [printer, offlineCause, paperSensor],
  };
}

/** The byte triple a printer in this state sends back; used by the simulator. */
export function encodeStatus(s: Omit<PrinterStatus, 'raw'>): [number, number, number] {
  const offline = !s.online || s.coverOpen || s.paperOut || s.error;
  return [
    0x12 | (offline ? 0x08 : 0),
    0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0) | (s.error ? 0x40 : 0),
    0x12 | (s.paperNearEnd || s.paperOut ? 0x0c : 0) | (s.paperOut ? 0x60 : 0),
  ];
}
