import type { AuthService } from '../auth/auth-service.js';
import { SYSTEM } from '../store/event-log.js';
import type { AppContext } from './context.js';
import type { Hall } from './hall.js';

/**
 * A window stays open only while the member of staff who opened it is signed
 * in somewhere. When their last session ends (log-out, expiry, deactivation,
 * a password or role change), the window is closed as their own close would
 * (`window.closed`, by the system), so displays, estimates and supervisors
 * never count a window nobody sits at. A window with a ticket still in hand
 * stays as it is — the ticket is never dropped — and is logged once, so a
 * supervisor can take it over (it is free to sign in to without force).
 */
export class OrphanWindows {
  private timer: NodeJS.Timeout | null = null;
  private pending = false;
  private warned = new Set<string>();

  constructor(
    private ctx: AppContext,
    private hall: Hall,
    private auth: AuthService,
  ) {}

  /** Closes the windows whose staff have no live session; returns what it closed and what it had to leave. */
  sweep(): { closed: string[]; inHand: string[] } {
    const { store } = this.ctx;
    const closed: string[] = [];
    const inHand: string[] = [];
    for (const w of store.config.windows()) {
      const rt = store.config.runtime(w.id);
      if (!rt || rt.status === 'closed' || !rt.staffId || this.auth.hasLiveSession(rt.staffId)) {
        this.warned.delete(w.id);
        continue;
      }
      const current = rt.currentTicketId ? store.tickets.get(rt.currentTicketId) : null;
      if (current && (current.status === 'called' || current.status === 'serving')) {
        inHand.push(w.id);
        if (!this.warned.has(w.id)) {
          this.warned.add(w.id);
          this.ctx.log.warn({ windowId: w.id, ticket: current.number }, 'window left open with a ticket in hand by staff who signed out; a supervisor can take it over');
        }
        continue;
      }
      this.hall.windows.close(w.id, SYSTEM);
      closed.push(w.id);
    }
    if (closed.length > 0) this.ctx.log.info({ windows: closed }, 'windows closed: their staff signed out');
    return { closed, inHand };
  }

  /** Sweeps after every change of rights (log-out, account changes) and every `everyMs` (sessions that expired). */
  start(everyMs = 60_000): void {
    this.auth.onRightsChanged(() => {
      // After the change has committed, and once for a burst of changes.
      if (this.pending) return;
      this.pending = true;
      setImmediate(() => {
        this.pending = false;
        this.safeSweep();
      });
    });
    this.timer = setInterval(() => this.safeSweep(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private safeSweep(): void {
    try {
      this.sweep();
    } catch (err) {
      this.ctx.log.error({ err }, 'closing the windows of signed-out staff failed');
    }
  }
}
