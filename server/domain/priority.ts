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
 * first served. `greenExempt` (the hall setting greenExemptFromFairness, on by
 * default): a waiting green-channel ticket goes first even when the run is full;
 * it still counts in the run, so the next pick is a normal ticket if no green waits.
 */
export function headOf<T extends Queued>(tickets: readonly T[], streak: number, ratio: number, greenExempt = false): T | null {
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
  // A green-channel ticket exempt from the ratio is served even when the priority run is full.
  if (greenExempt && bestPriority.priority === 'green') return bestPriority;
  return streak >= ratio ? bestNormal : bestPriority;
}

/** Consecutive priority tickets served in a service since the last normal one. */
export function nextStreak(streak: number, served: PriorityClass): number {
  return served === 'normal' ? 0 : streak + 1;
}

/** Counts about the other tickets waiting in the same queue as one ticket. */
export interface AheadCounts {
  normals: number;
  normalsBefore: number;
  priorities: number;
  /** Priority tickets that sort before it by class then time. */
  prioritiesBefore: number;
  /** Tickets of any class queued before it. */
  earlier: number;
  /** Green-channel tickets among the others (also counted in priorities). */
  greens?: number;
}

/**
 * How many tickets will honestly be served before this one in its service
 * queue, counting the fairness interleaving (not just the sort order).
 */
export function peopleAheadFromCounts(priority: PriorityClass, c: AheadCounts, ratio: number, streak = 0, greenExempt = false): number {
  if (ratio <= 0) return c.earlier;
  if (greenExempt) {
    // Exempt green tickets wait only for the green tickets before them; every other
    // ticket waits for all the greens first, which fill the run as they go.
    if (priority === 'green') return c.prioritiesBefore;
    const g = c.greens ?? 0;
    if (g > 0) {
      const rest = { ...c, priorities: c.priorities - g, prioritiesBefore: c.prioritiesBefore - g, greens: 0 };
      return g + peopleAheadFromCounts(priority, rest, ratio, streak + g, false);
    }
  }
  // Priority tickets may still go `first` times before a normal one must be served.
  const first = Math.max(0, ratio - streak);
  if (priority === 'normal') return c.normalsBefore + Math.min(c.priorities, first + c.normalsBefore * ratio);
  const normalsFirst = c.prioritiesBefore >= first ? 1 + Math.floor((c.prioritiesBefore - first) / ratio) : 0;
  return c.prioritiesBefore + Math.min(c.normals, normalsFirst);
}

export function aheadCounts<T extends Queued>(ticket: T, queue: readonly T[]): AheadCounts {
  const c: AheadCounts = { normals: 0, normalsBefore: 0, priorities: 0, prioritiesBefore: 0, earlier: 0, greens: 0 };
  for (const t of queue) {
    if (t.id === ticket.id) continue;
    if (t.priority === 'green') c.greens!++;
    const before = byTime(t, ticket) < 0;
    if (before) c.earlier++;
    if (t.priority === 'normal') {
      c.normals++;
      if (before) c.normalsBefore++;
    } else {
      c.priorities++;
      if (queueOrder(t, ticket) < 0) c.prioritiesBefore++;
    }
  }
  return c;
}

export function peopleAhead<T extends Queued>(ticket: T, queue: readonly T[], ratio: number, streak = 0, greenExempt = false): number {
  return peopleAheadFromCounts(ticket.priority, aheadCounts(ticket, queue), ratio, streak, greenExempt);
}

/** The most places from the front a "near" notification may be sent at (settings above it are read as this). */
export const MAX_NEAR_THRESHOLD = 10;

/**
 * Places ahead of each of one service's untargeted queue heads, worked out in
 * memory from the heads alone: `heads` holds the oldest `threshold + 1` waiting
 * tickets of each class (fewer when fewer wait). A ticket `threshold` or fewer
 * places from the front is always among them, and a class cut short only ever
 * makes a count reach `threshold + 1`, so every answer of `threshold` or less is
 * exact; tickets further back are left out.
 */
export function nearHeads<T extends Queued>(heads: readonly T[], threshold: number, ratio: number, streak = 0, greenExempt = false): { ticket: T; ahead: number }[] {
  const out: { ticket: T; ahead: number }[] = [];
  for (const t of heads) {
    const ahead = peopleAhead(t, heads, ratio, streak, greenExempt);
    if (ahead <= threshold) out.push({ ticket: t, ahead });
  }
  return out;
}
