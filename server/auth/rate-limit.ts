/**
 * Failed logins per key (username and address) in a sliding window. In memory:
 * a restart forgets, which is acceptable for a LAN hall server.
 */
export class LoginRateLimiter {
  private failures = new Map<string, number[]>();

  constructor(
    private maxFailures = 5,
    private windowMs = 15 * 60_000,
  ) {}

  /** Milliseconds until another try is allowed, or 0. */
  retryAfter(key: string, now: number): number {
    const recent = this.prune(key, now);
    if (recent.length < this.maxFailures) return 0;
    return recent[0] + this.windowMs - now;
  }

  fail(key: string, now: number): void {
    const recent = this.prune(key, now);
    recent.push(now);
    this.failures.set(key, recent);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private prune(key: string, now: number): number[] {
    const recent = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length === 0) this.failures.delete(key);
    else this.failures.set(key, recent);
    return recent;
  }
}
