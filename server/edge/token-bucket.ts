/**
 * Token buckets per key: each key may spend `burst` at once and regains
 * `perSecond` tokens a second. Time is passed in. Idle full buckets are
 * forgotten, so the map holds only keys that are spending now.
 */
export class TokenBuckets {
  private buckets = new Map<string, { tokens: number; at: number }>();
  private sweptAt = 0;

  constructor(
    private perSecond: number,
    private burst: number,
  ) {}

  /** Takes one token; returns 0 when allowed, else the milliseconds until one is back. */
  take(key: string, now: number): number {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return Math.ceil(((1 - b.tokens) / this.perSecond) * 1000);
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (now - this.sweptAt > 10_000) this.sweep(now);
    return 0;
  }

  /** Forgets buckets that have refilled completely. */
  sweep(now: number): void {
    this.sweptAt = now;
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(k);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** One bucket (a socket's own events). */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private perSecond: number,
    private burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
