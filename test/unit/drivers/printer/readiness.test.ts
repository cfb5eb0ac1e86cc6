import { describe, expect, it } from 'vitest';
import { assertPrintable, notPrintable, statusHealth } from '../../../../drivers/printer/readiness.js';
import { parseStatus, type PrinterStatus } from '../../../../drivers/printer/status.js';

const IDLE: PrinterStatus = { online: true, coverOpen: false, paperOut: false, paperNearEnd: false, error: false, raw: [0x12, 0x12, 0x12] };
const status = (s: Partial<PrinterStatus>): PrinterStatus => ({ ...IDLE, ...s });

/** Every combination of the five flags. */
const everyStatus = (): PrinterStatus[] =>
  Array.from({ length: 32 }, (_, n) =>
    status({ online: !(n & 1), coverOpen: !!(n & 2), paperOut: !!(n & 4), paperNearEnd: !!(n & 8), error: !!(n & 16) }),
  );

describe('printer readiness: one mapping from status to refusal and health', () => {
  it('refuses with the most specific cause first, naming the device', () => {
    // a printer out of paper with its cover open is also offline: paper is what a person fixes first
    expect(notPrintable(status({ paperOut: true, coverOpen: true, online: false }), 'serial:/dev/ttyS0')).toMatchObject({
      code: 'PAPER_OUT',
      message: 'serial:/dev/ttyS0: out of paper',
    });
    expect(notPrintable(status({ coverOpen: true, error: true, online: false }))?.code).toBe('COVER_OPEN');
    expect(notPrintable(status({ error: true, online: false }))?.code).toBe('PRINTER_ERROR');
    expect(notPrintable(status({ online: false }))?.code).toBe('OFFLINE');
    expect(notPrintable(status({ paperNearEnd: true }))).toBeUndefined();
    // real reply bytes of a paper-out printer (1A 32 7E)
    expect(() => assertPrintable(parseStatus(0x1a, 0x32, 0x7e), 'tcp:10.0.0.5:9100')).toThrow('tcp:10.0.0.5:9100: out of paper');
  });

  it('health and refusal agree for every status: error exactly when a print is refused', () => {
    const words: Record<string, string> = { PAPER_OUT: 'paper out', COVER_OPEN: 'cover open', PRINTER_ERROR: 'printer error', OFFLINE: 'offline' };
    for (const s of everyStatus()) {
      const refusal = notPrintable(s);
      const health = statusHealth(s);
      if (refusal) {
        expect(health).toEqual({ state: 'error', detail: words[refusal.code] });
        expect(() => assertPrintable(s)).toThrow(refusal.message);
      } else {
        expect(health).toEqual(s.paperNearEnd ? { state: 'warning', detail: 'paper near end' } : { state: 'ok', detail: 'ready' });
        expect(() => assertPrintable(s)).not.toThrow();
      }
    }
  });
});
