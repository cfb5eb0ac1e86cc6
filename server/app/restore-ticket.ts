import { businessDay } from '../domain/business-day.js';
import { DomainError } from '../domain/errors.js';
import type { TicketRecord } from '../domain/model.js';
import { assertRestorable, restoredQueuedAt } from '../domain/restore.js';
import type { Actor } from '../store/event-log.js';
import type { AppContext } from './context.js';
import { commitHall } from './hall-commit.js';

/**
 * Staff reinstate a no-show (the citizen came back): it queues again, keeping
 * its number, right after `restoreAfter` waiting tickets of its class in its
 * queue (the same service, or the same window it was sent to).
 */
export function restoreTicket(ctx: AppContext, ticketId: string, actor: Actor): TicketRecord {
  const { store } = ctx;
  return commitHall(ctx, (c) => {
    const t = store.tickets.get(ticketId);
    if (!t) throw new DomainError('TICKET_NOT_FOUND', `There is no ticket "${ticketId}"`, 'id');
    const s = ctx.settings();
    const now = ctx.now();
    assertRestorable(t, now, businessDay(now, s.timeZone, s.resetHour), s.restoreWithinMinutes);
    const queue = store.tickets
      .waiting()
      .filter((w) => w.serviceId === t.serviceId && w.targetWindowId === t.targetWindowId && w.priority === t.priority);
    const queuedAt = restoredQueuedAt(t, queue, s.restoreAfter, now);
    c.apply({ type: 'ticket.restored', at: now.toISOString(), ticketId, queuedAt }, actor);
    return c.ticket(t.id)!;
  });
}
