import type { Redis } from 'ioredis';

/**
 * Failed region sign-ins per user and address, counted in Redis so every node sees
 * the same count: at most `max` failures in `windowSec`, then 429 until it passes.
 */
export class LoginLimit {
  constructor(
    private redis: Redis,
    private max = 5,
    private windowSec = 15 * 60,
  ) {}

  private key = (k: string) => `onestop:region:login-fail:${k}`;

  async blocked(k: string): Promise<boolean> {
    return Number((await this.redis.get(this.key(k))) ?? 0) >= this.max;
  }

  async fail(k: string): Promise<void> {
    const n = await this.redis.incr(this.key(k));
    if (n === 1) await this.redis.expire(this.key(k), this.windowSec);
  }

  async succeed(k: string): Promise<void> {
    await this.redis.del(this.key(k));
  }
}
