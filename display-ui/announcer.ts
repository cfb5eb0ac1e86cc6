import type { CalledEvent } from '../common/types.js';

export interface AnnouncerOptions {
  /** Says one call; resolves when it has finished (or failed). */
  speak: (call: CalledEvent) => Promise<void>;
  /** Server time now, in ms (the display's clock corrected by the snapshot's serverTime). */
  serverNow: () => number;
  /** Calls older than this when they arrive are not announced (replays after a reconnect). */
  maxAgeMs?: number;
  /** Upper bound for one announcement, in case an engine never reports the end. */
  safetyMs?: number;
}

const key = (c: CalledEvent) => `${c.ticketId}|${c.windowId}|${c.calledAt}|${c.recall ? 'r' : ''}`;

/**
 * The voice queue of a display. Calls are said one after the other and never
 * cut off; a recall is said again; a snapshot (first connect, reconnect) is
 * never said, and a call already seen or older than the newest call in the
 * last snapshot is dropped, so a reconnect does not bring a flood of stale
 * announcements.
 */
export class Announcer {
  private queue: CalledEvent[] = [];
  private busy = false;
  private seen = new Set<string>();
  private watermark = 0;
  private readonly maxAge: number;
  /** Every call that was queued to be said, newest last (for diagnostics and the e2e tests). */
  readonly history: CalledEvent[] = [];
  private readonly safety: number;

  constructor(private o: AnnouncerOptions) {
    this.maxAge = o.maxAgeMs ?? 60_000;
    this.safety = o.safetyMs ?? 20_000;
  }

  get pending(): number {
    return this.queue.length + (this.busy ? 1 : 0);
  }

  /** Everything in a state snapshot counts as already announced. */
  noteSnapshot(calls: CalledEvent[]): void {
    for (const c of calls) {
      this.remember(c);
      this.watermark = Math.max(this.watermark, Date.parse(c.calledAt) || 0);
    }
  }

  /** A live `called` event. Returns whether it was queued. */
  onCalled(c: CalledEvent): boolean {
    const k = key(c);
    const at = Date.parse(c.calledAt) || 0;
    if (this.seen.has(k)) return false;
    this.remember(c);
    if (at && at < this.watermark) return false;
    if (at && this.o.serverNow() - at > this.maxAge) return false;
    this.watermark = Math.max(this.watermark, at);
    // The same ticket to the same window still waiting to be said: one saying is enough.
    if (this.queue.some((q) => q.ticketId === c.ticketId && q.windowId === c.windowId)) return false;
    this.queue.push(c);
    this.history.push(c);
    if (this.history.length > 100) this.history.shift();
    void this.pump();
    return true;
  }

  /** Queues something to say as it is (a test call from an admin): no replay or age checks. */
  enqueue(c: CalledEvent): void {
    this.queue.push(c);
    this.history.push(c);
    if (this.history.length > 100) this.history.shift();
    void this.pump();
  }

  private remember(c: CalledEvent): void {
    this.seen.add(key(c));
    if (this.seen.size > 500) this.seen.delete(this.seen.values().next().value!);
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let c = this.queue.shift(); c; c = this.queue.shift()) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          this.o.speak(c).catch(() => undefined),
          new Promise<void>((r) => (timer = setTimeout(r, this.safety))),
        ]);
        clearTimeout(timer);
      }
    } finally {
      this.busy = false;
    }
  }
}
