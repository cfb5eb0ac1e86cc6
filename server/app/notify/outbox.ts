import { backoffMs } from '../../domain/notify.js';
import type { AppContext } from '../context.js';
import type { Notifier } from './notifier.js';

/**
 * The durable outbox: messages are rows (notify_outbox) written where they are
 * decided, and sent from here one by one with bounded retries and backoff. A
 * restart loses nothing: pending rows are sent when the server is back.
 */
export class Outbox {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private ctx: AppContext,
    private notifier: Notifier,
  ) {}

  enqueue(m: { key: string; target: string; kind: string; payload: unknown }): boolean {
    const now = this.ctx.now();
    const queued = this.ctx.store.outbox.enqueue({ ...m, at: now.toISOString(), nextAt: now.getTime() });
    if (queued) this.kick();
    return queued;
  }

  /** Sends every message due now. Returns how many were delivered. One run at a time. */
  flush(): Promise<number> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<number> {
    const { store } = this.ctx;
    const max = this.ctx.settings().notify.maxAttempts;
    let delivered = 0;
    // Until nothing is due: a message queued while this run was sending is sent by this run too.
    for (let batch = store.outbox.due(this.ctx.now().getTime()); batch.length > 0; batch = store.outbox.due(this.ctx.now().getTime())) {
      for (const m of batch) {
        try {
          await this.notifier.send(m.target, m.key, m.payload);
          store.outbox.sent(m.id, this.ctx.now().toISOString());
          delivered++;
        } catch (err) {
          const attempt = m.attempts + 1;
          const next = attempt >= max ? null : this.ctx.now().getTime() + backoffMs(attempt);
          store.outbox.failed(m.id, (err as Error).message, next);
          // The target's host only: a webhook URL may carry a key in its query.
          this.ctx.log.warn({ kind: m.kind, attempt, host: hostOf(m.target), error: (err as Error).message, gaveUp: next === null }, 'notification not delivered');
        }
      }
    }
    return delivered;
  }

  private kick(): void {
    setImmediate(() => void this.flush().catch((err) => this.ctx.log.error({ err }, 'notification outbox failed')));
  }

  start(everyMs = 2_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), everyMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}
