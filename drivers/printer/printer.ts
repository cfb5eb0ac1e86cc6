/**
 * The ticket printer over any Transport. One operation at a time (a queue), so a
 * status query never interleaves with a ticket's bytes and each 1-byte reply is
 * matched to the query that asked for it.
 */
import type { Transport } from '../transport/types.js';
import { DeviceError } from '../transport/types.js';
import { parseStatus, STATUS_QUERIES, STATUS_QUERY_NAMES, type PrinterStatus, type StatusQuery } from './status.js';
import { renderTicket, type TicketLayout } from './ticket-layout.js';

export interface PrinterOptions {
  /** Per status query. */
  statusTimeoutMs?: number;
  /**
   * Write-only transports (a usblp file, some USB printers) cannot answer DLE
   * EOT: set false to print without the pre-check (and lose paper-out detection).
   */
  checkStatus?: boolean;
}

export interface PrintResult {
  /** Status read just before printing; null when checkStatus is false. */
  status: PrinterStatus | null;
  bytesWritten: number;
}

const ORDER: StatusQuery[] = ['printer', 'offlineCause', 'paperSensor'];

export class Printer {
  private readonly statusTimeoutMs: number;
  private readonly checkStatus: boolean;
  private inbox: number[] = [];
  private waiter: (() => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    readonly transport: Transport,
    opts: PrinterOptions = {},
  ) {
    this.statusTimeoutMs = opts.statusTimeoutMs ?? 1000;
    this.checkStatus = opts.checkStatus ?? true;
    this.unsubscribe = transport.onData((chunk) => {
      for (const b of chunk) this.inbox.push(b);
      this.waiter?.();
    });
  }

  async open(): Promise<void> {
    if (this.transport.status !== 'connected') await this.transport.open();
  }

  /** Stops listening; does not close the transport (the caller owns it). */
  dispose(): void {
    this.unsubscribe();
  }

  status(timeoutMs = this.statusTimeoutMs): Promise<PrinterStatus> {
    return this.serial(() => this.readStatus(timeoutMs));
  }

  /**
   * Checks status, refuses with PAPER_OUT / COVER_OPEN / PRINTER_ERROR / OFFLINE /
   * TIMEOUT before a single ticket byte is sent, then writes the ticket.
   * Paper near end still prints: the result carries the status so it can be reported.
   */
  async printTicket(layout: TicketLayout): Promise<PrintResult> {
    const bytes = renderTicket(layout);
    return this.serial(async () => {
      const status = this.checkStatus ? await this.readStatus(this.statusTimeoutMs) : null;
      if (status) assertPrintable(status, this.transport.uri);
      await this.transport.write(bytes);
      return { status, bytesWritten: bytes.length };
    });
  }

  /** Raw ESC/POS (test pages, diagnostics); no status check. */
  write(bytes: Uint8Array): Promise<void> {
    return this.serial(() => this.transport.write(bytes));
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readStatus(timeoutMs: number): Promise<PrinterStatus> {
    const replies: number[] = [];
    for (const q of ORDER) {
      // A reply that arrived after an earlier timeout would be taken for this one.
      this.inbox = [];
      await this.transport.write(STATUS_QUERIES[q]);
      replies.push(await this.nextByte(q, timeoutMs));
    }
    try {
      return parseStatus(replies[0], replies[1], replies[2]);
    } catch (err) {
      throw new DeviceError('BAD_REPLY', `${this.transport.uri}: ${(err as Error).message}`, err);
    }
  }

  private nextByte(q: StatusQuery, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiter = null;
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new DeviceError(
            'TIMEOUT',
            `${this.transport.uri}: no reply to ${STATUS_QUERY_NAMES[q]} within ${timeoutMs} ms (printer off, cable out, or a write-only transport?)`,
          ),
        );
      }, timeoutMs);
      const take = (): void => {
        const b = this.inbox.shift();
        if (b === undefined) return;
        done();
        resolve(b);
      };
      this.waiter = take;
      take();
    });
  }
}

/** Throws the DeviceError a person can act on, most specific cause first. */
export function assertPrintable(s: PrinterStatus, uri = 'printer'): void {
  if (s.paperOut) throw new DeviceError('PAPER_OUT', `${uri}: out of paper`);
  if (s.coverOpen) throw new DeviceError('COVER_OPEN', `${uri}: cover is open`);
  if (s.error) throw new DeviceError('PRINTER_ERROR', `${uri}: printer error (cutter jam or head overheat)`);
  if (!s.online) throw new DeviceError('OFFLINE', `${uri}: printer is offline`);
}
