import type { SelectionPolicy } from '../../common/types.js';
import type { TicketRecord, WindowDef } from './model.js';
import { byTime, headOf } from './priority.js';
import { isPriorityClass } from './priority-groups.js';

export interface SelectionContext {
  policy: SelectionPolicy;
  fairnessRatio: number;
  /** Green-channel tickets are served first even when the fairness run is full (default true). */
  greenExempt?: boolean;
  /** Priority streak per service id. */
  streaks: ReadonlyMap<string, number>;
  now: Date;
}

type Candidate = Pick<
  TicketRecord,
  'id' | 'serviceId' | 'priority' | 'queuedAt' | 'seq' | 'targetWindowId' | 'status'
>;

/** Waiting tickets this window may call, grouped by its services. A priority-only window skips normal and appointment tickets. */
export function eligibleFor<T extends Candidate>(window: WindowDef, waiting: readonly T[]): T[] {
  const served = new Set(window.services.map((s) => s.serviceId));
  return waiting.filter(
    (t) =>
      t.status === 'waiting' &&
      (t.targetWindowId === window.id ||
        (t.targetWindowId === null && served.has(t.serviceId) && (!window.priorityOnly || isPriorityClass(t.priority)))),
  );
}

/**
 * Which ticket a window calls next:
 * 1. tickets transferred to this very window, longest waiting first;
 * 2. otherwise each service's head (priority + fairness), then the policy picks
 *    among heads — a green-channel head wins under every policy;
 *    strict: first service in the window's order; oldest: longest waiting head;
 *    weighted: longest wait × the service's weight at this window.
 */
export function selectNext<T extends Candidate>(window: WindowDef, waiting: readonly T[], ctx: SelectionContext): T | null {
  const eligible = eligibleFor(window, waiting);
  const targeted = eligible.filter((t) => t.targetWindowId === window.id).sort(byTime);
  if (targeted.length > 0) return targeted[0];

  const ordered = [...window.services].sort((a, b) => a.order - b.order);
  const heads: { ticket: T; order: number; weight: number }[] = [];
  for (const link of ordered) {
    const queue = eligible.filter((t) => t.serviceId === link.serviceId && t.targetWindowId === null);
    const head = headOf(queue, ctx.streaks.get(link.serviceId) ?? 0, ctx.fairnessRatio, ctx.greenExempt ?? true);
    if (head) heads.push({ ticket: head, order: link.order, weight: link.weight });
  }
  if (heads.length === 0) return null;

  const green = heads.filter((h) => h.ticket.priority === 'green').sort((a, b) => byTime(a.ticket, b.ticket));
  if (green.length > 0) return green[0].ticket;

  switch (ctx.policy) {
    case 'strict':
      return heads[0].ticket;
    case 'oldest':
      return [...heads].sort((a, b) => byTime(a.ticket, b.ticket) || a.order - b.order)[0].ticket;
    case 'weighted': {
      const now = ctx.now.getTime();
      const score = (h: (typeof heads)[number]) =>
        Math.max(1, (now - Date.parse(h.ticket.queuedAt)) / 1000) * Math.max(0, h.weight);
      return [...heads].sort((a, b) => score(b) - score(a) || a.order - b.order)[0].ticket;
    }
  }
}
