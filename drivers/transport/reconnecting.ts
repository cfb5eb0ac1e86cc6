import type { Transport, TransportStatus } from './types.js';
import { DeviceError } from './types.js';

export interface ReconnectOptions {
  /** First wait after a failure (default 500 ms). */
  initialDelayMs?: number;
  /** Cap for the doubling wait (default 30 s): a hall device is replugged by hand, minutes later at most. */
  maxDelayMs?: number;
  /** Growth per failed attempt (default 2). */
  factor?: number;
  /** Random spread 0..1 so that many devices on one hub do not retry in lockstep (default 0.1). */
  jitter?: number;
  /** Name shown in errors when `source` is a factory (default: the first transport's uri). */
  uri?: string;
}

type DataListener = (chunk: Buffer) => void;
type StatusListener = (status: TransportStatus, error?: Error) => void;

/**
 * Keeps a device open across unplug/replug and errors: reopens with capped
 * exponential backoff and reports connecting / connected / disconnected / error.
 * Drivers use it like any Transport; writes while the device is away fail fast
 * with NOT_OPEN instead of queueing stale commands (an old call on an LED board
 * is worse than none).
 */
export class ReconnectingTransport implements Transport {
  readonly uri: string;
  status: TransportStatus = 'idle';
  /** Wait before the next attempt, or undefined when none is scheduled. */
  retryInMs?: number;
  attempts = 0;
  /** Why the last attempt or connection failed, for health pages and timeout messages. */
  lastError?: Error;
  private inner?: Transport;
  private unsubs: Array<() => void> = [];
  private timer?: NodeJS.Timeout;
  private delay: number;
  private stopped = true;
  private dataListeners = new Set<DataListener>();
  private statusListeners = new Set<StatusListener>();
  private readonly opts: Required<Omit<ReconnectOptions, 'uri'>>;

  constructor(
    private readonly source: Transport | (() => Transport),
    options: ReconnectOptions = {},
  ) {
    const { uri, ...timing } = options;
    this.opts = { initialDelayMs: 500, maxDelayMs: 30_000, factor: 2, jitter: 0.1, ...timing };
    if (this.opts.initialDelayMs <= 0 || this.opts.maxDelayMs < this.opts.initialDelayMs || this.opts.factor < 1) {
      throw new DeviceError('BAD_OPTIONS', 'reconnect: need 0 < initialDelayMs <= maxDelayMs and factor >= 1');
    }
    this.delay = this.opts.initialDelayMs;
    this.uri = uri ?? (typeof source === 'function' ? 'reconnecting' : source.uri);
  }

  /**
   * Start keeping the device open. Resolves after the first attempt, whether it
   * succeeded or not: an absent device at start-up is normal, not fatal.
   * Use `waitConnected()` or `onStatus` to know when it is there.
   */
  async open(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.delay = this.opts.initialDelayMs;
    await this.attempt();
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.status !== 'connected' || !this.inner) {
      throw new DeviceError('NOT_OPEN', `${this.uri}: device not connected (status ${this.status})`);
    }
    await this.inner.write(data);
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.dropInner();
    this.setStatus('disconnected');
  }

  onData(listener: DataListener): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Resolves when connected; rejects with a DeviceError naming the wait after timeoutMs. */
  waitConnected(timeoutMs: number): Promise<void> {
    if (this.status === 'connected') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        const why = this.lastError ? `: ${this.lastError.message}` : '';
        reject(new DeviceError('TIMEOUT', `${this.uri}: not connected within ${timeoutMs} ms (status ${this.status})${why}`));
      }, timeoutMs);
      const off = this.onStatus((s) => {
        if (s !== 'connected') return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  }

  private async attempt(): Promise<void> {
    this.timer = undefined;
    this.retryInMs = undefined;
    if (this.stopped) return;
    this.attempts++;
    this.setStatus('connecting');
    await this.dropInner();
    const inner = typeof this.source === 'function' ? this.source() : this.source;
    this.inner = inner;
    if (this.uri === 'reconnecting') (this as { uri: string }).uri = inner.uri;
    this.unsubs.push(
      inner.onData((chunk) => {
        if (this.inner === inner) for (const l of [...this.dataListeners]) l(chunk);
      }),
      inner.onStatus((s, err) => {
        if (this.inner !== inner || this.status !== 'connected') return;
        if (s === 'disconnected' || s === 'error') this.lost(err);
      }),
    );
    try {
      await inner.open();
    } catch (err) {
      if (this.inner !== inner || this.stopped) return;
      this.schedule(); // first, so status listeners can read retryInMs
      this.setStatus('error', err instanceof Error ? err : new Error(String(err)));
      return;
    }
    if (this.stopped || this.inner !== inner) {
      await inner.close().catch(() => undefined);
      return;
    }
    this.delay = this.opts.initialDelayMs;
    this.setStatus('connected');
  }

  private lost(err?: Error): void {
    if (!this.stopped) this.schedule();
    this.setStatus('disconnected', err);
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    const spread = 1 + (Math.random() * 2 - 1) * this.opts.jitter;
    const wait = Math.min(this.opts.maxDelayMs, Math.round(this.delay * spread));
    this.delay = Math.min(this.opts.maxDelayMs, this.delay * this.opts.factor);
    this.retryInMs = wait;
    this.timer = setTimeout(() => void this.attempt(), wait);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.retryInMs = undefined;
  }

  private async dropInner(): Promise<void> {
    const inner = this.inner;
    this.inner = undefined;
    for (const u of this.unsubs.splice(0)) u();
    if (inner) await inner.close().catch(() => undefined);
  }

  private setStatus(status: TransportStatus, error?: Error): void {
    if (error) this.lastError = error;
    if (this.status === status && !error) return;
    this.status = status;
    for (const l of [...this.statusListeners]) {
      try {
        l(status, error);
      } catch {
        // a listener bug must not stop reconnection
      }
    }
  }
}
