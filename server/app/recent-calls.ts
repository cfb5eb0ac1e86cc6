import type { CalledEvent } from '../../common/types.js';

/** The last calls, newest first, for screens that (re)connect. */
export class RecentCalls {
  private calls: CalledEvent[] = [];

  constructor(private limit = 20) {}

  push(ev: CalledEvent): void {
    this.calls.unshift(ev);
    if (this.calls.length > this.limit) this.calls.length = this.limit;
  }

  list(): CalledEvent[] {
    return [...this.calls];
  }

  reset(calls: CalledEvent[]): void {
    this.calls = calls.slice(0, this.limit);
  }
}
