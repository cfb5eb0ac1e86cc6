import { assertPrintable, Printer, statusHealth, type PrinterStatus, type TicketLayout } from '../../drivers/printer/index.js';
import { DeviceError } from '../../drivers/transport/index.js';
import { DeviceHandle } from './handle.js';

const STATUS_POLL_MS = 15_000;

/** A kiosk's ticket printer: status is checked before a ticket is promised. */
export class PrinterDevice extends DeviceHandle {
  private printer = new Printer(this.transport, {
    statusTimeoutMs: 800,
    checkStatus: this.config.options.checkStatus !== false,
  });
  private timer: NodeJS.Timeout | null = null;

  protected async started(): Promise<void> {
    void this.poll();
    this.timer = setInterval(() => void this.poll(), STATUS_POLL_MS);
    this.timer.unref();
  }

  protected async stopping(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.printer.dispose();
  }

  get paperWidth(): 58 | 80 {
    return this.config.options.paperWidth === 58 ? 58 : 80;
  }

  /** Throws a DeviceError (PAPER_OUT, COVER_OPEN, OFFLINE, TIMEOUT…) when a ticket cannot be printed now. */
  async check(): Promise<void> {
    if (this.transport.status !== 'connected') {
      throw new DeviceError('OFFLINE', `${this.config.uri}: the printer is not connected`);
    }
    if (this.config.options.checkStatus === false) return;
    const s = await this.printer.status();
    this.report(s);
    assertPrintable(s, this.config.uri);
  }

  async print(layout: TicketLayout): Promise<void> {
    const r = await this.printer.printTicket(layout);
    if (r.status) this.report(r.status);
  }

  private async poll(): Promise<void> {
    if (this.transport.status !== 'connected' || this.config.options.checkStatus === false) return;
    try {
      this.report(await this.printer.status());
    } catch (err) {
      this.setHealth('error', (err as Error).message);
    }
  }

  private report(s: PrinterStatus): void {
    const h = statusHealth(s);
    this.setHealth(h.state, h.detail);
  }
}
