/**
 * One operation on the line at a time, in the order they were asked for. A
 * failed operation fails only its own caller; the next one still runs.
 * Used by every driver whose device must not see two requests interleaved
 * (printer, ID reader, LED bus, keypad bus).
 */
export class SendQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `op` after every operation queued before it has settled. */
  run<T>(op: () => Promise<T>): Promise<T> {
    const run = this.tail.then(op);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
