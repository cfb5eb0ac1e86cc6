import { IdCardReader, registerIdCardSimulator, type IdCardText } from '../drivers/idcard/index.js';
import { assertPrintable, Printer, registerPrinterSimulator, statusHealth, type PrinterStatus, type TicketLayout } from '../drivers/printer/index.js';
import { createReconnectingTransport, createTransport, DeviceError, ReconnectingTransport, simulatorOf, type Transport } from '../drivers/transport/index.js';

export type AgentDeviceKind = 'printer' | 'idcard';
export type HealthState = 'ok' | 'warning' | 'error' | 'unavailable';
export interface AgentDeviceHealth {
  kind: AgentDeviceKind;
  state: HealthState;
  detail: string;
}

export interface LocalDevicesOptions {
  printer?: string;
  reader?: string;
  /** How often the idle printer is asked for its status (DLE EOT), so paper-out is known before anyone taps. */
  statusIntervalMs: number;
  /** Longest wait between reopen attempts of an unplugged device. */
  maxReconnectMs?: number;
  onHealth: (h: AgentDeviceHealth) => void;
  onCard: (card: IdCardText) => void;
}

function open(uri: string, maxDelayMs: number): { transport: ReconnectingTransport; simulator: unknown } {
  if (uri.startsWith('sim:')) {
    const inner: Transport = createTransport(uri);
    return { transport: new ReconnectingTransport(inner, { initialDelayMs: 200, maxDelayMs }), simulator: simulatorOf(inner) };
  }
  return { transport: createReconnectingTransport(uri, { initialDelayMs: 200, maxDelayMs }), simulator: undefined };
}

/**
 * The kiosk's own printer and ID-card reader as the agent hosts them: kept
 * open across unplug/replug, the idle printer's status polled, and the health
 * of each always known (so every hello can carry all of it).
 */
export class LocalDevices {
  readonly simulators: { printer?: unknown; reader?: unknown } = {};
  private printerT: ReconnectingTransport | null = null;
  private printer: Printer | null = null;
  private readerT: ReconnectingTransport | null = null;
  private reader: IdCardReader | null = null;
  private states = new Map<AgentDeviceKind, AgentDeviceHealth>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(private o: LocalDevicesOptions) {
    registerPrinterSimulator();
    registerIdCardSimulator();
    const maxDelay = o.maxReconnectMs ?? 5000;
    if (o.printer) {
      const p = open(o.printer, maxDelay);
      this.printerT = p.transport;
      this.simulators.printer = p.simulator;
      this.printer = new Printer(p.transport, { statusTimeoutMs: 800 });
      this.set('printer', 'unavailable', 'starting');
      p.transport.onStatus((s, err) => {
        if (s === 'connected') void this.poll();
        else if (s === 'disconnected' || s === 'error') this.set('printer', 'error', err?.message ?? `printer ${s}; retrying`);
      });
    }
    if (o.reader) {
      const r = open(o.reader, maxDelay);
      this.readerT = r.transport;
      this.simulators.reader = r.simulator;
      this.reader = new IdCardReader(r.transport);
      this.set('idcard', 'unavailable', 'starting');
      this.reader.on('card', (c) => o.onCard(c));
      this.reader.on('status', (s) => {
        if (s.state === 'ready') this.set('idcard', 'ok', 'ready');
        else if (s.state === 'connecting') this.set('idcard', 'unavailable', 'connecting');
        else if (s.state === 'disconnected') this.set('idcard', 'error', s.message ?? 'disconnected');
      });
      this.reader.on('error', (e) => {
        if (this.reader?.status.state === 'ready') this.set('idcard', 'warning', e.message);
      });
    }
  }

  /** Opens the devices in the background: an absent device at start is reported, never fatal. */
  start(): void {
    if (this.printerT) void this.printerT.open();
    this.reader?.start();
    if (this.printer && this.o.statusIntervalMs > 0) {
      this.timer = setInterval(() => void this.poll(), this.o.statusIntervalMs);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.reader?.stop();
    this.printer?.dispose();
    await Promise.allSettled([this.printerT?.close(), this.readerT?.close()]);
  }

  /** The health of every hosted device right now. */
  health(): AgentDeviceHealth[] {
    return [...this.states.values()];
  }

  /** Throws a DeviceError (PAPER_OUT, COVER_OPEN, OFFLINE, TIMEOUT…) when a ticket cannot be printed now. */
  async check(): Promise<void> {
    const printer = this.need();
    let s: PrinterStatus;
    try {
      s = await printer.status();
    } catch (err) {
      this.set('printer', 'error', (err as Error).message);
      throw err;
    }
    this.report(s);
    assertPrintable(s, this.o.printer);
  }

  async print(layout: TicketLayout): Promise<void> {
    const r = await this.need().printTicket(layout);
    if (r.status) this.report(r.status);
  }

  private need(): Printer {
    if (!this.printer) throw new DeviceError('OFFLINE', 'this agent has no printer');
    if (this.printerT?.status !== 'connected') throw new DeviceError('OFFLINE', `${this.o.printer}: the printer is not connected`);
    return this.printer;
  }

  /** One idle status query; skipped while the previous one is still out (the printer queues them). */
  private async poll(): Promise<void> {
    if (!this.printer || this.polling || this.printerT?.status !== 'connected') return;
    this.polling = true;
    try {
      this.report(await this.printer.status());
    } catch (err) {
      if (this.printerT?.status === 'connected') this.set('printer', 'error', (err as Error).message);
    } finally {
      this.polling = false;
    }
  }

  private report(s: PrinterStatus): void {
    const h = statusHealth(s);
    this.set('printer', h.state, h.detail);
  }

  private set(kind: AgentDeviceKind, state: HealthState, detail: string): void {
    const prev = this.states.get(kind);
    if (prev && prev.state === state && prev.detail === detail) return;
    const h = { kind, state, detail: detail.slice(0, 300) };
    this.states.set(kind, h);
    this.o.onHealth(h);
  }
}
