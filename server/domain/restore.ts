import { DomainError } from './errors.js';
import type { TicketRecord } from './model.js';
import { byTime } from './priority.js';

type Queued = Pick<TicketRecord, 'id' | 'priority' | 'queuedAt' | 'seq'>;
type Restorable = Queued & Pick<TicketRecord, 'status' | 'finishedAt' | 'businessDay' | 'number'>;

/**
 * A no-show may be reinstated the same business day, within `withinMinutes` of
 * being marked (0 = restoring is switched off).
 */
export function assertRestorable(t: Restorable, now: Date, today: string, withinMinutes: number): void {
  if (t.status !== 'no_show') {
    throw new DomainError('TICKET_NOT_NO_SHOW', `Ticket ${t.number} is ${t.status.replace('_', '-')}; only a no-show ticket can be restored`);
  }
  if (withinMinutes <= 0) throw new DomainError('RESTORE_DISABLED', 'Restoring no-show tickets is switched off in the hall settings');
  const since = t.finishedAt ? (now.getTime() - Date.parse(t.finishedAt)) / 60_000 : Infinity;
  if (t.businessDay !== today || since > withinMinutes) {
    throw new DomainError(
      'RESTORE_TOO_LATE',
      `Ticket ${t.number} was marked no-show more than ${withinMinutes} minutes ago; please take a new ticket`,
    );
  }
}

const ms = (iso: string) => Date.parse(iso);
const iso = (n: number) => new Date(n).toISOString();

/**
 * The queuedAt that makes `ticket` sort (by time, then number) right after the
 * `after`-th ticket of `queue` — the other waiting tickets of its queue. With
 * fewer waiting it goes after the last; with none it takes `now`.
 * The ticket keeps its number, so where times tie (tickets issued in one group
 * commit share a time) the candidate that sorts between the neighbours wins.
 */
export function restoredQueuedAt<T extends Queued>(ticket: T, queue: readonly T[], after: number, now: Date): string {
  const others = queue.filter((t) => t.id !== ticket.id).sort(byTime);
  if (others.length === 0) return now.toISOString();
  const n = Math.max(1, Math.min(after, others.length));
  const prev = others[n - 1];
  const next = others[n];
  const a = ms(prev.queuedAt);
  const fits = (x: number) => {
    const me = { ...ticket, queuedAt: iso(x) };
    return byTime(prev, me) < 0 && (!next || byTime(me, next) < 0);
  };
  // after 0: ahead of everyone (just before the first waiting ticket)
  if (after <= 0) {
    const first = others[0];
    for (const x of [ms(first.queuedAt) - 1, ms(first.queuedAt)]) {
      if (byTime({ ...ticket, queuedAt: iso(x) }, first) < 0) return iso(x);
    }
    return iso(ms(first.queuedAt) - 1);
  }
  const candidates = [a + 1, a];
  if (next) candidates.push(ms(next.queuedAt));
  for (const x of candidates) if (fits(x)) return iso(x);
  return iso(a + 1);
}
