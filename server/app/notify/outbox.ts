import { backoffMs, expiryReason } from '../../domain/notify.js';
import type { OutboxRow } from '../../store/outbox-repo.js';
import type { AppContext } from '../context.js';
import { RefusedTarget, type Notifier } from './notifier.js';

/**
 * The durable outbox: messages are rows (notify_outbox) written in the
 * transaction that decided them, and sent from here with bounded retries and
 * backoff. Each receiver URL has its own lane (its messages one at a time, in
 * order); up to `notify.parallelReceivers` receivers (default 4) are sent to at
 * once, so a receiver that hangs delays only its own messages, and a burst cannot
 * open hundreds of connections. A citizen message whose moment has passed is
 * dropped (`expired`) instead of sent. A restart loses nothing.
 */
export class Outbox {
  private timer: NodeJS.Timeout | null = null;
  private lanes = new Map<string, Promise<void>>();
  private delivered = 0;
  private stopping = false;
  /** Aborts the sends in flight when the server stops. */
  private abort = new AbortController();

  constructor(
    private ctx: AppContext,
    private notifier: Notifier,
  ) {}

  /** Queues a message (call it inside the transaction of what caused it); false when its key was already queued. */
  enqueue(m: { key: string; target: string; kind: string; payload: unknown; ticketId?: string | null }): boolean {
    const now = this.ctx.now();
    const queued = this.ctx.store.outbox.enqueue({ ...m, at: now.toISOString(), nextAt: now.getTime() });
    if (queued) this.kick();
    return queued;
  }

  /** Sends every message due now, on every lane, and waits for them. Returns how many were delivered. */
  async flush(): Promise<number> {
    const before = this.delivered;
    for (;;) {
      this.fill();
      if (this.lanes.size === 0) return this.delivered - before;
      await Promise.all(this.lanes.values());
    }
  }

  /** Receivers being sent to now (open lanes). */
  get lanesOpen(): number {
    return this.lanes.size;
  }

  /** Opens a lane for each target with messages due, up to `notify.parallelReceivers` at once (a lowered setting closes none: lanes end by themselves). */
  private fill(): void {
    const max = this.ctx.settings().notify.parallelReceivers;
    if (this.stopping || this.lanes.size >= max) return;
    for (const target of this.ctx.store.outbox.dueTargets(this.ctx.now().getTime())) {
      if (this.lanes.size >= max) break;
      if (this.lanes.has(target)) continue;
      const lane = this.lane(target)
        .catch((err) => this.ctx.log.error({ err, host: hostOf(target) }, 'notification lane failed'))
        .finally(() => {
          this.lanes.delete(target);
          // A freed lane lets a waiting receiver in.
          if (!this.stopping) this.kick();
        });
      this.lanes.set(target, lane);
    }
  }

  /** One receiver's due messages, one at a time, until none is due. */
  private async lane(target: string): Promise<void> {
    const { store } = this.ctx;
    for (let batch = store.outbox.dueFor(target, this.ctx.now().getTime()); batch.length > 0 && !this.stopping; batch = store.outbox.dueFor(target, this.ctx.now().getTime())) {
      for (const m of batch) if (!this.stopping) await this.deliver(m);
    }
  }

  private async deliver(m: OutboxRow): Promise<void> {
    const { store } = this.ctx;
    const s = this.ctx.settings().notify;
    const ticket = m.ticketId ? store.tickets.get(m.ticketId) : null;
    const stale = expiryReason(m, m.ticketId ? (ticket?.status ?? null) : null, this.ctx.now(), s.expireMinutes);
    if (stale) {
      store.outbox.expired(m.id, stale);
      // Kind, receiver host and why: never the ticket number or the payload.
      this.ctx.log.info({ kind: m.kind, host: hostOf(m.target), reason: stale }, 'notification expired, not sent');
      return;
    }
    try {
      await this.notifier.send(m.target, m.key, m.payload, s.timeoutSeconds * 1000, this.abort.signal);
      store.outbox.sent(m.id, this.ctx.now().toISOString());
      this.delivered++;
    } catch (err) {
      if (this.stopping) return; // cut off by the shutdown: the message stays due, as it was
      const attempt = m.attempts + 1;
      const refused = err instanceof RefusedTarget;
      const next = refused || attempt >= s.maxAttempts ? null : this.ctx.now().getTime() + backoffMs(attempt);
      store.outbox.failed(m.id, (err as Error).message, next);
      // The target's host only: a webhook URL may carry a key in its query.
      this.ctx.log.warn({ kind: m.kind, attempt, host: hostOf(m.target), error: (err as Error).message, gaveUp: next === null }, 'notification not delivered');
    }
  }

  private kick(): void {
    setImmediate(() => {
      try {
        this.fill();
      } catch (err) {
        this.ctx.log.error({ err }, 'notification outbox failed');
      }
    });
  }

  start(everyMs = 2_000): void {
    if (this.timer) return;
    this.stopping = false;
    if (this.abort.signal.aborted) this.abort = new AbortController();
    this.timer = setInterval(() => this.kick(), everyMs);
    this.timer.unref();
    this.kick();
  }

  /** Stops opening lanes and cuts off the sends in flight (they stay due and are sent after the restart). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.lanes.values());
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}
