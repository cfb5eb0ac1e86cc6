/**
 * The ticket printer over any Transport. One operation at a time (a queue), so a
 * status query never interleaves with a ticket's bytes and each 1-byte reply is
 * matched to the query that asked for it.
 */
import { ReplyWaiter } from '../bus/reply-waiter.js';
import { SendQueue } from '../bus/send-queue.js';
import type { Transport } from '../transport/types.js';
import { DeviceError } from '../transport/types.js';
import { assertPrintable } from './readiness.js';
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
  /** Each status reply is one byte; a byte nobody asked for (a late reply) is dropped. */
  private readonly replies = new ReplyWaiter<number>();
  private readonly queue = new SendQueue();
  private readonly unsubscribe: () => void;

  constructor(
    readonly transport: Transport,
    opts: PrinterOptions = {},
  ) {
    this.statusTimeoutMs = opts.statusTimeoutMs ?? 1000;
    this.checkStatus = opts.checkStatus ?? true;
    this.unsubscribe = transport.onData((chunk) => {
      for (const b of chunk) this.replies.offer(b);
    });
  }

  async open(): Promise<void> {
    if (this.transport.status !== 'connected') await this.transport.open();
  }

  /** Stops listening (a status query in flight fails with CLOSED); does not close the transport (the caller owns it). */
  dispose(): void {
    this.unsubscribe();
    this.replies.failAll(new DeviceError('CLOSED', `${this.transport.uri}: printer closed while waiting for a status reply`));
  }

  status(timeoutMs = this.statusTimeoutMs): Promise<PrinterStatus> {
    return this.queue.run(() => this.readStatus(timeoutMs));
  }

  /**
   * Checks status, refuses with PAPER_OUT / COVER_OPEN / PRINTER_ERROR / OFFLINE /
   * TIMEOUT before a single ticket byte is sent, then writes the ticket.
   * Paper near end still prints: the result carries the status so it can be reported.
   */
  async printTicket(layout: TicketLayout): Promise<PrintResult> {
    const bytes = renderTicket(layout);
    return this.queue.run(async () => {
      const status = this.checkStatus ? await this.readStatus(this.statusTimeoutMs) : null;
      if (status) assertPrintable(status, this.transport.uri);
      await this.transport.write(bytes);
      return { status, bytesWritten: bytes.length };
    });
  }

  /** Raw ESC/POS (test pages, diagnostics); no status check. */
  write(bytes: Uint8Array): Promise<void> {
    return this.queue.run(() => this.transport.write(bytes));
  }

  private async readStatus(timeoutMs: number): Promise<PrinterStatus> {
    const replies: number[] = [];
    for (const q of ORDER) {
      replies.push(
        await this.replies.request(() => this.transport.write(STATUS_QUERIES[q]), {
          timeoutMs,
          match: (b) => b,
          onTimeout: () => {
            throw new DeviceError(
              'TIMEOUT',
              `${this.transport.uri}: no reply to ${STATUS_QUERY_NAMES[q]} within ${timeoutMs} ms (printer off, cable out, or a write-only transport?)`,
            );
          },
        }),
      );
    }
    try {
      return parseStatus(replies[0], replies[1], replies[2]);
    } catch (err) {
      throw new DeviceError('BAD_REPLY', `${this.transport.uri}: ${(err as Error).message}`, err);
    }
  }
}
