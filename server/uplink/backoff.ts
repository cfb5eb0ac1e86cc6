/**
 * Retry delays of the uplink while the region is unreachable or refuses: an
 * exponential ceiling (min, doubling, up to max) with "equal jitter" — each delay is
 * drawn uniformly from [ceiling/2, ceiling]. Halls that lost the region together (a
 * WAN cut, a region restart) therefore spread their retries over half the ceiling
 * instead of knocking in lockstep, and no retry comes sooner than half the ceiling
 * (full jitter would allow near-zero retries against a region that is just coming
 * back). Bounds: every delay lies in [min/2, max]; at the cap, [max/2, max].
 */
export class Backoff {
  private ceiling = 0;

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
    /** Uniform in [0, 1); tests pass a seeded generator. */
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next attempt after one more failure (ms). */
  next(): number {
    this.ceiling = this.ceiling ? Math.min(this.maxMs, this.ceiling * 2) : Math.min(this.minMs, this.maxMs);
    const r = Math.min(Math.max(this.random(), 0), 1);
    return Math.round(this.ceiling / 2 + (r * this.ceiling) / 2);
  }

  /** After a success: the next failure starts from `min` again. */
  reset(): void {
    this.ceiling = 0;
  }

  /** The current ceiling (0 after a success). */
  get ceilingMs(): number {
    return this.ceiling;
  }
}
