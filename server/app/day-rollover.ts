import type { HallEvent } from '../domain/events.js';
import { SYSTEM } from '../store/event-log.js';
import type { AppContext } from './context.js';
import { commitHall } from './hall-commit.js';

/**
 * When the business day rolls over at the reset hour, tickets of earlier days
 * that were never served are closed (cancelled with the reason "day_closed"):
 * yesterday's A001 must not wait beside today's A001. Numbering needs nothing:
 * counters are kept per business day already.
 */
export class DayRollover {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private ctx: AppContext,
    private businessDay: () => string,
  ) {}

  /** Closes every active ticket of an earlier business day. Returns how many. */
  closeEarlierDays(): number {
    const { store } = this.ctx;
    const today = this.businessDay();
    const stale = store.tickets.active().filter((t) => t.businessDay < today);
    if (stale.length === 0) return 0;
    commitHall(this.ctx, (c) => {
      const at = this.ctx.now().toISOString();
      for (const t of stale) {
        // A ticket in hand at a window is finished (the citizen was being served); a waiting one is cancelled.
        const e: HallEvent =
          t.status === 'waiting'
            ? { type: 'ticket.cancelled', at, ticketId: t.id, reason: 'day_closed' }
            : t.status === 'called'
              ? { type: 'ticket.no_show', at, ticketId: t.id, automatic: true }
              : { type: 'ticket.finished', at, ticketId: t.id };
        c.apply(e, SYSTEM);
      }
    });
    this.ctx.log.info({ closed: stale.length, day: today }, 'business day rolled over');
    return stale.length;
  }

  start(everyMs = 60_000): void {
    const run = () => {
      try {
        this.closeEarlierDays();
      } catch (err) {
        this.ctx.log.error({ err }, 'day rollover failed');
      }
    };
    run();
    this.timer = setInterval(run, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
