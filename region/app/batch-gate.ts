/**
 * Admission of uplink batches to the store. At most `slots` batches hold a connection at
 * once, so the node's pool always keeps connections for the rest: token checks, the live
 * summary pushed after every commit, positions, reads. Bulk batches (a hall draining a
 * backlog) take at most `bulkSlots` of them: the others stay free for live batches (a few
 * events: a hall that is caught up, what the dashboards show), which then start at once
 * instead of after a bulk batch. Waiting live batches start before waiting bulk ones; while
 * both wait, every `bulkEvery`-th start goes to the oldest bulk batch, so backlogs still
 * move when live batches keep coming. Pure.
 */
export class BatchGate {
  private live = 0;
  private bulk = 0;
  private readonly liveQueue: (() => void)[] = [];
  private readonly bulkQueue: (() => void)[] = [];
  private liveInARow = 0;

  constructor(
    private readonly slots: number,
    private readonly bulkSlots = Math.max(1, slots - 2),
    private readonly bulkEvery = 4,
  ) {}

  /** Batches holding a slot, and waiting in each queue (for metrics and tests). */
  get state(): { running: number; bulkRunning: number; live: number; bulk: number } {
    return { running: this.live + this.bulk, bulkRunning: this.bulk, live: this.liveQueue.length, bulk: this.bulkQueue.length };
  }

  async run<T>(live: boolean, fn: () => Promise<T>): Promise<T> {
    if (this.canStart(live) && !(live ? this.liveQueue : this.bulkQueue).length) this.start(live);
    else await new Promise<void>((go) => (live ? this.liveQueue : this.bulkQueue).push(go));
    try {
      return await fn();
    } finally {
      if (live) this.live--;
      else this.bulk--;
      this.next();
    }
  }

  private canStart(live: boolean): boolean {
    return this.live + this.bulk < this.slots && (live || this.bulk < this.bulkSlots);
  }

  private start(live: boolean): void {
    if (live) this.live++;
    else this.bulk++;
  }

  /** Starts waiting batches while slots allow: live first, every `bulkEvery`-th to bulk while both wait. */
  private next(): void {
    for (;;) {
      const bulkOk = this.bulkQueue.length > 0 && this.canStart(false);
      const liveOk = this.liveQueue.length > 0 && this.canStart(true);
      if (!bulkOk && !liveOk) return;
      const bulkTurn = bulkOk && (!liveOk || this.liveInARow >= this.bulkEvery - 1);
      this.liveInARow = bulkTurn ? 0 : this.liveInARow + 1;
      this.start(!bulkTurn);
      (bulkTurn ? this.bulkQueue : this.liveQueue).shift()!();
    }
  }
}
