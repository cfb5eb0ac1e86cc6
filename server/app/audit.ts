import { zonedDayStart } from '../domain/business-day.js';
import type { Actor, LoggedEvent } from '../store/event-log.js';
import type { AppContext } from './context.js';

/**
 * Appends a configuration or account change to the event log. Call it inside the
 * transaction that makes the change, so the change and its record commit together.
 */
export function audit(ctx: AppContext, type: string, actor: Actor, data: object): void {
  ctx.store.events.append({ type, at: ctx.now().toISOString() }, actor, data);
}

export interface AuditQuery {
  limit: number;
  beforeId?: number;
  type?: string;
  from?: string;
  to?: string;
}

/** The event log, newest first. A plain date means that day in the hall's time zone (from its 00:00; `to` up to the next day's). */
export function auditLog(ctx: AppContext, q: AuditQuery): LoggedEvent[] {
  const tz = ctx.settings().timeZone;
  const bound = (v: string | undefined, nextDay: boolean) => {
    if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
    const [y, m, d] = v.split('-').map(Number);
    const day = nextDay ? new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10) : v;
    return zonedDayStart(day, tz).toISOString();
  };
  return ctx.store.events.list({ ...q, from: bound(q.from, false), to: bound(q.to, true) });
}
