import type { AppContext } from './context.js';
import { announce, HallCommit, runCommitHooks, type HallChange } from './hall-commit.js';
import { issueOne, type IssueRequest, type IssueResult } from './issue-ticket.js';

interface Pending {
  request: IssueRequest;
  resolve: (r: IssueResult) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: ticket requests that arrive in the same turn of the event loop
 * are decided one by one (each in its own savepoint, so one bad request does
 * not undo the others) and committed with a single fsync. Nobody is answered
 * before the commit that holds their ticket has returned.
 */
export class IssueBatcher {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private ctx: AppContext,
    private afterCommit: (results: IssueResult[]) => void,
  ) {}

  submit(request: IssueRequest): Promise<IssueResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ request, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const outcomes: ({ ok: true; result: IssueResult; change: HallChange } | { ok: false; error: unknown })[] = [];
    try {
      this.ctx.store.tx(() => {
        const commits: HallCommit[] = [];
        for (const p of batch) {
          try {
            const c = new HallCommit(this.ctx);
            outcomes.push({ ok: true, result: this.ctx.store.tx(() => issueOne(this.ctx, p.request, c)), change: c.changed() });
            commits.push(c);
          } catch (error) {
            // On some errors (SQLITE_FULL, IOERR, NOMEM) SQLite rolls back the whole transaction, not
            // just the savepoint: then nothing of this batch is saved, and the requests after this one
            // must not run (they would auto-commit statement by statement, half-written).
            if (!this.ctx.store.db.inTransaction) throw error;
            outcomes.push({ ok: false, error });
          }
        }
        runCommitHooks(this.ctx, commits);
      });
    } catch (error) {
      // The commit itself failed (disk full, read-only): nobody holds a ticket.
      for (const p of batch) p.reject(error);
      return;
    }
    const fresh: IssueResult[] = [];
    const trackTokens: string[] = [];
    batch.forEach((p, i) => {
      const o = outcomes[i];
      if (o.ok) {
        if (!o.result.replayed) fresh.push(o.result);
        trackTokens.push(...o.change.trackTokens);
        p.resolve(o.result);
      } else p.reject(o.error);
    });
    if (fresh.length === 0) return;
    this.afterCommit(fresh);
    announce(this.ctx, { windowIds: [], trackTokens });
  }
}
