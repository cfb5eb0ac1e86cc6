/**
 * Failed attempts per key (e.g. username and address) in a sliding window. In
 * memory: a restart forgets, which is acceptable for a LAN hall server.
 *
 * Attempts still being checked count too: `reserve` takes a slot before the slow
 * check (scrypt) and `fail`/`succeed`/`release` give it back, so parallel guesses
 * cannot all start before the first one has failed.
 */
export class AttemptLimiter {
  private failures = new Map<string, number[]>();
  private inFlight = new Map<string, number>();

  constructor(
    private maxFailures = 5,
    private windowMs = 15 * 60_000,
  ) {}

  /** Milliseconds until another try is allowed, or 0. */
  retryAfter(key: string, now: number): number {
    const recent = this.prune(key, now);
    const pending = this.inFlight.get(key) ?? 0;
    if (recent.length + pending < this.maxFailures) return 0;
    // Blocked by attempts in flight only: they end within a second or so.
    if (recent.length < this.maxFailures) return 1000;
    return Math.max(1000, recent[recent.length - this.maxFailures] + this.windowMs - now);
  }

  /** Takes a slot for an attempt about to be checked; returns the wait instead when there is none. */
  reserve(key: string, now: number): number {
    const wait = this.retryAfter(key, now);
    if (wait > 0) return wait;
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    return 0;
  }

  /** Gives a reserved slot back without counting it (the check could not run). */
  release(key: string): void {
    const n = (this.inFlight.get(key) ?? 0) - 1;
    if (n > 0) this.inFlight.set(key, n);
    else this.inFlight.delete(key);
  }

  /** A failed attempt; gives its reserved slot back if it had one. */
  fail(key: string, now: number, reserved = true): void {
    if (reserved) this.release(key);
    // Many distinct keys (guessed usernames): drop the expired ones now and then so memory stays bounded.
    if (this.failures.size >= 10_000) for (const k of [...this.failures.keys()]) this.prune(k, now);
    const recent = this.prune(key, now);
    recent.push(now);
    this.failures.set(key, recent);
  }

  succeed(key: string, reserved = true): void {
    if (reserved) this.release(key);
    this.failures.delete(key);
  }

  private prune(key: string, now: number): number[] {
    const recent = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length === 0) this.failures.delete(key);
    else this.failures.set(key, recent);
    return recent;
  }
}

/** Staff log-ins: 5 failures per username and address in 15 minutes. */
export class LoginRateLimiter extends AttemptLimiter {}
