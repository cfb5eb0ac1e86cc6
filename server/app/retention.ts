import { retentionCutoffDay } from '../domain/privacy.js';
import type { Actor } from '../store/event-log.js';
import type { AppContext } from './context.js';

export interface RetentionResult {
  beforeDay: string;
  identities: number;
  tickets: number;
  idempotency: number;
  appointments: number;
  /** Remote tickets' arrival codes and device hashes (线上取号). */
  remoteTickets: number;
  /** Delivered or failed outbound notifications (their payload may hold a track token). */
  notifications: number;
}

/**
 * Deletes personal data older than retentionDays. The event log holds none (see
 * server/domain/privacy.ts), so reports, which replay it, keep their aggregates.
 */
export class RetentionService {
  private timer: NodeJS.Timeout | null = null;
  private first: NodeJS.Timeout | null = null;
  private lastRunDay: string | null = null;

  constructor(private ctx: AppContext) {}

  run(actor: Actor): RetentionResult {
    const s = this.ctx.settings();
    const now = this.ctx.now();
    const beforeDay = retentionCutoffDay(now, s.retentionDays, s.timeZone, s.resetHour);
    const { store } = this.ctx;
    return store.tx(() => {
      const counts = store.identities.purgeBefore(beforeDay);
      const result = { beforeDay, ...counts, remoteTickets: store.remote.deleteBefore(beforeDay), notifications: store.outbox.deleteBefore(beforeDay) };
      store.events.append({ type: 'retention.purged', at: now.toISOString() }, actor, { ...result, retentionDays: s.retentionDays });
      return result;
    });
  }

  /** Once per business day (checked hourly, so a restart or a sleeping machine does not skip a day). */
  start(actor: Actor, checkEveryMs = 3_600_000): void {
    if (this.timer) return;
    const check = () => {
      try {
        const s = this.ctx.settings();
        const day = retentionCutoffDay(this.ctx.now(), 0, s.timeZone, s.resetHour);
        if (day === this.lastRunDay) return;
        this.lastRunDay = day;
        const r = this.run(actor);
        this.ctx.log.info(r, 'retention sweep');
      } catch (err) {
        this.ctx.log.error({ err }, 'retention sweep failed');
      }
    };
    this.timer = setInterval(check, checkEveryMs);
    this.timer.unref();
    this.first = setTimeout(check, 5_000);
    this.first.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.first) clearTimeout(this.first);
    this.timer = null;
    this.first = null;
  }
}
