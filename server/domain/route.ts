import type { TicketStatus } from '../../common/types.js';
import { DomainError } from './errors.js';
import { REQUEUED } from './ticket-machine.js';

/**
 * Joint handling (并联/联办): a service may define a route of steps. Each step
 * is one service (sequential) or several services handled in parallel — the
 * ticket then waits in each of those queues at once, and the step is done when
 * every one of them is done, in any order. The number stays the same throughout.
 */
export type { ServiceRoute } from '../../common/config.js';
import type { ServiceRoute } from '../../common/config.js';

export const MAX_STEPS = 10;
export const MAX_PARALLEL = 5;

export function assertRoute(route: ServiceRoute, known: ReadonlySet<string>, own: string): void {
  if (route.steps.length === 0 || route.steps.length > MAX_STEPS) {
    throw new DomainError('INVALID_ROUTE', `A route has 1 to ${MAX_STEPS} steps`, 'route.steps');
  }
  route.steps.forEach((step, i) => {
    if (step.length === 0 || step.length > MAX_PARALLEL) {
      throw new DomainError('INVALID_ROUTE', `Step ${i + 1} must name 1 to ${MAX_PARALLEL} services`, `route.steps.${i}`);
    }
    if (new Set(step).size !== step.length) {
      throw new DomainError('INVALID_ROUTE', `Step ${i + 1} names a service twice`, `route.steps.${i}`);
    }
    for (const id of step) {
      if (id === own) throw new DomainError('INVALID_ROUTE', 'A route cannot include its own service', `route.steps.${i}`);
      if (!known.has(id)) throw new DomainError('SERVICE_NOT_FOUND', `Step ${i + 1}: there is no service "${id}"`, `route.steps.${i}`);
    }
  });
}

export interface RoutedTicket {
  id: string;
  status: TicketStatus;
  routeStep?: number | null;
}

export type RouteOutcome =
  | { kind: 'waiting' } // other parallel tickets of this step are still open
  | { kind: 'next'; step: number } // the step is done: start the next one
  | { kind: 'complete' } // the last step is done
  | { kind: 'stopped' }; // a ticket of the step ended without being served

/**
 * What happens to a case after one of its tickets ended. `caseTickets` are all
 * the case's ticket records with their current status (including the one that
 * just ended). Transferred records are followed by their continuation, which
 * keeps the step, so they do not count.
 */
export function afterStepTicket(caseTickets: readonly RoutedTicket[], ended: RoutedTicket, totalSteps: number): RouteOutcome {
  if (ended.routeStep == null) return { kind: 'complete' };
  const step = caseTickets.filter((t) => t.routeStep === ended.routeStep && t.status !== 'transferred');
  if (step.some((t) => t.status === 'no_show' || t.status === 'cancelled')) return { kind: 'stopped' };
  if (!step.every((t) => t.status === 'done')) return { kind: 'waiting' };
  return ended.routeStep >= totalSteps ? { kind: 'complete' } : { kind: 'next', step: ended.routeStep + 1 };
}

/** "Step 2 of 3" for screens: the lowest open step of a case, or the last one. */
export function currentStep(caseTickets: readonly RoutedTicket[], totalSteps: number): { index: number; total: number } | undefined {
  const open = caseTickets.filter((t) => t.routeStep != null && (t.status === 'waiting' || t.status === 'called' || t.status === 'serving'));
  if (open.length > 0) return { index: Math.min(...open.map((t) => t.routeStep!)), total: totalSteps };
  const steps = caseTickets.map((t) => t.routeStep).filter((s): s is number => s != null);
  return steps.length ? { index: Math.max(...steps), total: totalSteps } : undefined;
}

interface CaseTemplate {
  id: string;
  queuedAt: string;
  caseId?: string | null;
}

/**
 * The tickets of one step of a case, made from the case's first ticket: one per
 * service of the step, waiting, keeping number, track token, class and the
 * case's place in the queue (the citizen has been in the hall since then).
 */
export function stepTickets<T extends CaseTemplate & { serviceId: string }>(
  first: T,
  route: ServiceRoute,
  step: number,
  newId: () => string,
): T[] {
  const services = route.steps[step - 1];
  if (!services) throw new DomainError('INVALID_ROUTE', `The route has no step ${step}`);
  return services.map((serviceId, i) => ({
    ...first,
    ...REQUEUED,
    id: step === 1 && i === 0 ? first.id : newId(),
    serviceId,
    targetWindowId: null,
    transferredFromId: step === 1 && i === 0 ? null : first.id,
    caseId: first.id,
    routeStep: step,
    routeTotal: route.steps.length,
  }));
}
