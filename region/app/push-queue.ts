/**
 * The halls whose live summary is to be pushed, and at most `workers` pushes at once. A hall
 * is queued at most once: commits landing before its push starts are covered by that push
 * (it reads the summary then); one landing while it runs queues the hall again, pushed after it. So pushes
 * after 40 halls' commits never take more than `workers` pool connections from the batches,
 * token checks and reads. Pure: `push` does the work.
 */
export class PushQueue {
  private readonly queued = new Map<string, { done: Promise<void>; settle: (err?: unknown) => void }>();
  private readonly running = new Set<string>();
  private active = 0;

  constructor(
    private readonly push: (hallId: string) => Promise<void>,
    private readonly workers = 2,
  ) {}

  /** Resolves when a push that started after this call has finished (rejects with its error). */
  add(hallId: string): Promise<void> {
    let entry = this.queued.get(hallId);
    if (!entry) {
      let settle!: (err?: unknown) => void;
      const done = new Promise<void>((ok, fail) => (settle = (err) => (err ? fail(err) : ok())));
      entry = { done, settle };
      this.queued.set(hallId, entry);
      this.pump();
    }
    return entry.done;
  }

  private pump(): void {
    while (this.active < this.workers) {
      // the oldest queued hall not being pushed right now (one hall's pushes never overlap: an older summary cannot land after a newer)
      const next = [...this.queued].find(([hallId]) => !this.running.has(hallId));
      if (!next) return;
      const [hallId, entry] = next;
      this.queued.delete(hallId);
      this.running.add(hallId);
      this.active++;
      this.push(hallId)
        .then(() => entry.settle(), (err) => entry.settle(err ?? new Error('push failed')))
        .finally(() => {
          this.running.delete(hallId);
          this.active--;
          this.pump();
        });
    }
  }
}
