import { timeOrderedId } from './ids.js';
import type { HallEvent, ReplayState } from '../domain/events.js';
import type { ServiceDef, TicketRecord } from '../domain/model.js';
import { afterStepTicket, stepTickets } from '../domain/route.js';
import type { HallDatabase } from '../store/store.js';

/** A ticket for a joint service starts as step 1 of its route: one waiting ticket per service of the step. */
export function caseStart(service: ServiceDef, ticket: TicketRecord): { first: TicketRecord; siblings: TicketRecord[] } {
  if (!service.route) return { first: ticket, siblings: [] };
  const withCase = { ...ticket, caseServiceId: service.id };
  const [first, ...siblings] = stepTickets(withCase, service.route, 1, () => timeOrderedId());
  return { first, siblings };
}

/**
 * After tickets of cases ended (finished, no-show, cancelled), the events that
 * open each case's next step, if that step is now due. Reads the case from the
 * working state first, so events of the same transaction are seen.
 */
export function advanceCases(store: HallDatabase, state: ReplayState, ended: readonly TicketRecord[], at: string): HallEvent[] {
  const events: HallEvent[] = [];
  const seen = new Set<string>();
  for (const t of ended) {
    if (!t.caseId || !t.caseServiceId || seen.has(t.caseId)) continue;
    seen.add(t.caseId);
    const service = store.config.service(t.caseServiceId);
    if (!service?.route) continue;
    const tickets = store.tickets.byCase(t.caseId).map((c) => state.tickets.get(c.id) ?? c);
    const current = state.tickets.get(t.id) ?? t;
    const outcome = afterStepTicket(tickets, current, service.route.steps.length);
    if (outcome.kind !== 'next') continue;
    const first = tickets.find((c) => c.id === t.caseId) ?? current;
    const next = stepTickets({ ...first, caseServiceId: service.id }, service.route, outcome.step, () => timeOrderedId());
    events.push({ type: 'ticket.routed', at, caseId: t.caseId, step: outcome.step, next });
  }
  return events;
}
