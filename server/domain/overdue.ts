import type { ServiceDef, TicketRecord } from './model.js';

/**
 * 按承诺办结: the live list of cases past their promised time (承诺时限).
 * - A single-service ticket in hand at a window: from the start of service (or
 *   the call when never started), against its service's promisedMinutes — the
 *   same clock as the `overdue_service` alert.
 * - A joint case (联办) with any step still open: end to end, from the case's
 *   issue to now, against the joint service's promisedMinutes; listed once, with
 *   its open steps' windows and services.
 */
export interface OverdueCase {
  kind: 'service' | 'case';
  ticketId: string;
  number: string;
  /** The service promised (for a joint case: the joint service). */
  serviceId: string;
  /** Where it is now: the window(s) holding it and the step services still open. */
  windowIds: string[];
  stepServiceIds: string[];
  step?: { index: number; total: number };
  since: string;
  elapsedMinutes: number;
  promisedMinutes: number;
  overMinutes: number;
}

export interface OverdueList {
  cases: OverdueCase[];
  byService: { serviceId: string; count: number }[];
  byWindow: { windowId: string; count: number }[];
}

type Active = Pick<TicketRecord, 'id' | 'number' | 'serviceId' | 'status' | 'calledAt' | 'servingAt' | 'windowId' | 'caseId' | 'caseServiceId' | 'routeStep' | 'routeTotal'>;

const minutes = (from: string, now: Date) => (now.getTime() - Date.parse(from)) / 60_000;
const ACTIVE = new Set(['waiting', 'called', 'serving']);

/** `caseStarts`: issue time of each joint case's first ticket (its id is the case id). */
export function overdueCases(active: readonly Active[], services: readonly ServiceDef[], caseStarts: ReadonlyMap<string, string>, now: Date): OverdueList {
  const promised = new Map(services.map((s) => [s.id, s.promisedMinutes]));
  const cases: OverdueCase[] = [];
  const joint = new Map<string, Active[]>();
  for (const t of active) {
    if (!ACTIVE.has(t.status)) continue;
    if (t.caseId && t.caseServiceId) {
      joint.set(t.caseId, [...(joint.get(t.caseId) ?? []), t]);
      continue;
    }
    if (t.status !== 'called' && t.status !== 'serving') continue;
    const limit = promised.get(t.serviceId) ?? 0;
    const since = t.servingAt ?? t.calledAt;
    if (limit <= 0 || !since) continue;
    const m = minutes(since, now);
    if (m < limit) continue;
    cases.push({ kind: 'service', ticketId: t.id, number: t.number, serviceId: t.serviceId, windowIds: t.windowId ? [t.windowId] : [], stepServiceIds: [t.serviceId], since, elapsedMinutes: Math.floor(m), promisedMinutes: limit, overMinutes: Math.floor(m - limit) });
  }
  for (const [caseId, steps] of joint) {
    const first = steps[0];
    const limit = promised.get(first.caseServiceId!) ?? 0;
    const since = caseStarts.get(caseId);
    if (limit <= 0 || !since) continue;
    const m = minutes(since, now);
    if (m < limit) continue;
    const total = first.routeTotal ?? 0;
    const index = Math.min(...steps.map((s) => s.routeStep ?? 1));
    cases.push({
      kind: 'case', ticketId: caseId, number: first.number, serviceId: first.caseServiceId!,
      windowIds: [...new Set(steps.map((s) => s.windowId).filter((w): w is string => !!w))],
      stepServiceIds: [...new Set(steps.map((s) => s.serviceId))],
      ...(total ? { step: { index, total } } : {}),
      since, elapsedMinutes: Math.floor(m), promisedMinutes: limit, overMinutes: Math.floor(m - limit),
    });
  }
  cases.sort((a, b) => b.overMinutes - a.overMinutes || a.number.localeCompare(b.number));
  const count = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  return {
    cases,
    byService: count(cases.map((c) => c.serviceId)).map(([serviceId, n]) => ({ serviceId, count: n })),
    byWindow: count(cases.flatMap((c) => c.windowIds)).map(([windowId, n]) => ({ windowId, count: n })),
  };
}
