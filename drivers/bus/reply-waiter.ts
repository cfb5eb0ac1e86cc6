/**
 * Request/response on a byte line: a request registers what its reply looks
 * like, then sends; whatever the device says is offered to the pending
 * requests, oldest first, and the first whose `match` recognises it takes it.
 * A request that hears nothing in time ends with `onTimeout`. Messages nobody
 * waits for (late replies, line noise) are dropped, so a stale answer never
 * settles a later request.
 *
 * `M` is what the driver hears: a parsed frame, one byte, the bytes so far.
 */
export interface ReplyMatch<M, R> {
  timeoutMs: number;
  /** The result this message settles the request with, or undefined when it is not the reply. Throw to fail the request. */
  match: (message: M) => R | undefined;
  /** Nothing matched in time: return the result (e.g. 'timeout') or throw the error to reject with. */
  onTimeout: () => R;
}

interface Pending<M> {
  take(message: M): boolean;
  fail(error: Error): void;
}

const noop = (): void => undefined;

export class ReplyWaiter<M> {
  private pending: Pending<M>[] = [];

  /** Requests still waiting for their reply. */
  get waiting(): number {
    return this.pending.length;
  }

  /**
   * Wait for the reply, then call `send` (so a reply that comes back before
   * `send` resolves is not missed). When `send` throws, the wait is dropped and
   * the send error is rethrown. The request ends when its reply, its timeout or
   * `failAll` settles it, even if `send` never does: a write to a serial port
   * that vanished mid-write never calls back, and waiting for it wedged the
   * ID card reader for good (no reconnect, and `stop()` never returned).
   */
  async request<R>(send: () => Promise<void>, how: ReplyMatch<M, R>): Promise<R> {
    let entry!: Pending<M>;
    const reply = new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => settle(() => resolve(how.onTimeout())), how.timeoutMs);
      const settle = (finish: () => void): void => {
        clearTimeout(timer);
        this.pending = this.pending.filter((p) => p !== entry);
        try {
          finish();
        } catch (err) {
          reject(err);
        }
      };
      entry = {
        take: (message) => {
          let result: R | undefined;
          try {
            result = how.match(message);
          } catch (err) {
            settle(() => reject(err));
            return true;
          }
          if (result === undefined) return false;
          settle(() => resolve(result));
          return true;
        },
        fail: (error) => settle(() => reject(error)),
      };
      this.pending.push(entry);
    });
    reply.catch(() => undefined); // settled while `send` is still running: handled below
    let failed: { error: unknown } | null = null;
    let sending: Promise<void>;
    try {
      sending = send();
    } catch (error) {
      sending = Promise.reject(error); // a send that throws at once fails its wait like one that rejects
    }
    const sent = sending.then(
      () => undefined,
      (error: unknown) => {
        failed = { error };
        entry.fail(error as Error);
      },
    );
    await Promise.race([sent, reply.then(noop, noop)]);
    if (failed) throw (failed as { error: unknown }).error;
    return reply;
  }

  /** Hand a message to the oldest request that recognises it; false when none did. */
  offer(message: M): boolean {
    for (const p of [...this.pending]) if (p.take(message)) return true;
    return false;
  }

  /** Reject every pending request (the device went away, the driver is closed). */
  failAll(error: Error): void {
    for (const p of [...this.pending]) p.fail(error);
  }
}
