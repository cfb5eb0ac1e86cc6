import type { PriorityClass } from '../../common/types.js';
import type { TicketRecord } from './model.js';

/** Higher is served first among priority tickets. */
export const PRIORITY_RANK: Record<PriorityClass, number> = {
  green: 3,
  priority: 2,
  appointment: 1,
  normal: 0,
};

type Queued = Pick<TicketRecord, 'id' | 'priority' | 'queuedAt' | 'seq'>;

/** Class first, then who has waited longest, then the lower number. */
export function queueOrder(a: Queued, b: Queued): number {
  return (
    PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] ||
    byTime(a, b)
  );
}

export function byTime(a: Queued, b: Queued): number {
  return a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : a.seq - b.seq || (a.id < b.id ? -1 : 1);
}

/**
 * The ticket a single service queue serves next. Priority tickets go first, but
 * after `ratio` priority tickets in a row a waiting normal ticket is served, so
 * a long priority queue never starves everyone else. ratio 0 = plain first come
 * first served.
 */
export function headOf<T extends Queued>(tickets: readonly T[], streak: number, ratio: number): T | null {
  if (tickets.length === 0) return null;
  if (ratio <= 0) return [...tickets].sort(byTime)[0];
  let bestPriority: T | null = null;
  let bestNormal: T | null = null;
  for (const t of tickets) {
    if (t.priority === 'normal') {
      if (!bestNormal || byTime(t, bestNormal) < 0) bestNormal = t;
    } else if (!bestPriority || queueOrder(t, bestPriority) < 0) {
      bestPriority = t;
    }
  }
  if (!bestPriority) return bestNormal;
  if (!bestNormal) return bestPriority;
  return streak >= ratio ? bestNormal : bestPriority;
}

/** Consecutive priority tickets served in a service since the last normal one. */
export function nextStreak(streak: number, served: PriorityClass): number {
  return served === 'normal' ? 0 : streak + 1;
}

/**
 * How many tickets will honestly be served before this one in its service
 * queue, counting the fairness interleaving (not just the sort order).
 */
export function peopleAhead<T extends Queued>(ticket: T, queue: readonly T[], ratio: number): number {
  const others = queue.filter((t) => t.id !== ticket.id);
  if (ratio <= 0) return others.filter((t) => byTime(t, ticket) < 0).length;
  const priorities = others.filter((t) => t.priority !== 'normal');
  const normals = others.filter((t) => t.priority === 'normal');
  if (ticket.priority === 'normal') {
    const normalsAhead = normals.filter((t) => byTime(t, ticket) < 0).length;
    return normalsAhead + Math.min(priorities.length, (normalsAhead + 1) * ratio);
  }
  const prioritiesAhead = priorities.filter((t) => queueOrder(t, ticket) < 0).length;
  return prioritiesAhead + Math.min(normals.length, Math.floor(prioritiesAhead / ratio));
}
