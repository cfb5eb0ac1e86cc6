/**
 * Admission of uplink batches to the store. At most `slots` batches hold a connection at
 * once, so the node's pool always keeps connections for the rest: token checks, the live
 * summary pushed after every commit, positions, reads. Batches waiting for a slot go in
 * two queues: a live batch (a few events: a hall that is caught up, what the dashboards
 * show) goes before bulk batches (a hall draining a backlog), so the live view stays
 * current while backlogs drain; every `bulkEvery`-th slot handed over while both wait goes
 * to the oldest bulk batch, so backlogs still move when live batches keep coming. Pure.
 */
export class BatchGate {
  private running = 0;
  private readonly live: (() => void)[] = [];
  private readonly bulk: (() => void)[] = [];
  private liveInARow = 0;

  constructor(
    private readonly slots: number,
    private readonly bulkEvery = 4,
  ) {}

  /** Batches holding a slot, and waiting in each queue (for metrics and tests). */
  get state(): { running: number; live: number; bulk: number } {
    return { running: this.running, live: this.live.length, bulk: this.bulk.length };
  }

  async run<T>(live: boolean, fn: () => Promise<T>): Promise<T> {
    if (this.running < this.slots) this.running++;
    else await new Promise<void>((go) => (live ? this.live : this.bulk).push(go));
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  /** Hands the slot to the next waiting batch (it stays taken), or frees it. */
  private release(): void {
    const bulkTurn = this.bulk.length > 0 && (this.live.length === 0 || this.liveInARow >= this.bulkEvery - 1);
    const next = bulkTurn ? this.bulk.shift() : this.live.shift();
    if (!next) {
      this.running--;
      return;
    }
    this.liveInARow = bulkTurn ? 0 : this.liveInARow + 1;
    next();
  }
}
