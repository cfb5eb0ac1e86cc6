/**
 * What a printer status means for printing now: the one table behind the
 * DeviceError a print is refused with (PAPER_OUT, COVER_OPEN, PRINTER_ERROR,
 * OFFLINE) and the health entry the server, the kiosk agent and the CLI show.
 * Most specific cause first: a printer out of paper is also offline.
 */
import { DeviceError } from '../transport/types.js';
import type { PrinterStatus } from './status.js';

interface Blocker {
  applies: (s: PrinterStatus) => boolean;
  code: 'PAPER_OUT' | 'COVER_OPEN' | 'PRINTER_ERROR' | 'OFFLINE';
  /** Short words for health pages. */
  detail: string;
  /** What the refusal says after the device URI. */
  message: string;
}

const BLOCKERS: readonly Blocker[] = [
  { applies: (s) => s.paperOut, code: 'PAPER_OUT', detail: 'paper out', message: 'out of paper' },
  { applies: (s) => s.coverOpen, code: 'COVER_OPEN', detail: 'cover open', message: 'cover is open' },
  { applies: (s) => s.error, code: 'PRINTER_ERROR', detail: 'printer error', message: 'printer error (cutter jam or head overheat)' },
  { applies: (s) => !s.online, code: 'OFFLINE', detail: 'offline', message: 'printer is offline' },
];

const blockerOf = (s: PrinterStatus): Blocker | undefined => BLOCKERS.find((b) => b.applies(s));

/** Why a printer in this state cannot print (the error a print is refused with), or undefined when it can. */
export function notPrintable(s: PrinterStatus, uri = 'printer'): DeviceError | undefined {
  const b = blockerOf(s);
  return b && new DeviceError(b.code, `${uri}: ${b.message}`);
}

/** Throws the DeviceError a person can act on, most specific cause first. */
export function assertPrintable(s: PrinterStatus, uri = 'printer'): void {
  const err = notPrintable(s, uri);
  if (err) throw err;
}

/** What a status says about printing now, as a health entry (the same words for the server's printers and the agent's). */
export function statusHealth(s: PrinterStatus): { state: 'ok' | 'warning' | 'error'; detail: string } {
  const b = blockerOf(s);
  if (b) return { state: 'error', detail: b.detail };
  if (s.paperNearEnd) return { state: 'warning', detail: 'paper near end' };
  return { state: 'ok', detail: 'ready' };
}
