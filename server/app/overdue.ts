import { overdueCases, type OverdueList } from '../domain/overdue.js';
import type { AppContext } from './context.js';

/** The live list of cases past their promised time (rules in server/domain/overdue.ts). */
export function overdueNow(ctx: AppContext): OverdueList & { at: string } {
  const { store } = ctx;
  const active = store.tickets.active();
  const starts = new Map<string, string>();
  for (const t of active) {
    if (t.caseId && !starts.has(t.caseId)) {
      const first = t.caseId === t.id ? t : store.tickets.get(t.caseId);
      if (first) starts.set(t.caseId, first.issuedAt);
    }
  }
  const now = ctx.now();
  return { at: now.toISOString(), ...overdueCases(active, store.config.services(), starts, now) };
}
