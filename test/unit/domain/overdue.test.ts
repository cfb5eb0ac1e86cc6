import { describe, expect, it } from 'vitest';
import type { ServiceDef, TicketRecord } from '../../../server/domain/model.js';
import { overdueCases } from '../../../server/domain/overdue.js';

const svc = (id: string, promisedMinutes: number) => ({ id, promisedMinutes }) as ServiceDef;
const services = [svc('social', 20), svc('tax', 30), svc('fund', 30), svc('joint', 90)];
const at = (m: number) => new Date(Date.UTC(2026, 2, 6, 1, m)).toISOString();
const now = new Date(Date.UTC(2026, 2, 6, 1, 0) + 100 * 60_000); // 100 minutes after 09:00
const t = (p: Partial<TicketRecord>) => ({ id: 'x', number: 'B001', serviceId: 'social', status: 'serving', calledAt: null, servingAt: null, windowId: 'w3', caseId: null, caseServiceId: null, routeStep: null, routeTotal: null, ...p }) as TicketRecord;

describe('cases past their promised time', () => {
  it('counts a ticket in hand from the start of service, else the call; waiting single tickets are not listed', () => {
    const r = overdueCases([
      t({ id: 'a', servingAt: at(79), calledAt: at(70) }), // 21 min of service: over by 1
      t({ id: 'b', servingAt: at(81), calledAt: at(70) }), // 19 min: not yet
      t({ id: 'c', status: 'called', calledAt: at(75), servingAt: null, windowId: 'w9' }), // 25 min since the call
      t({ id: 'd', status: 'waiting', windowId: null }),
    ], services, new Map(), now);
    expect(r.cases.map((c) => [c.ticketId, c.overMinutes])).toEqual([['c', 5], ['a', 1]]);
    expect(r.byWindow).toEqual([{ windowId: 'w3', count: 1 }, { windowId: 'w9', count: 1 }]);
  });

  it('lists a joint case once, end to end from its issue, with its open steps, even while they wait', () => {
    const steps = [
      t({ id: 's2a', number: 'J001', serviceId: 'tax', status: 'waiting', windowId: null, caseId: 'c1', caseServiceId: 'joint', routeStep: 2, routeTotal: 3 }),
      t({ id: 's2b', number: 'J001', serviceId: 'fund', status: 'serving', servingAt: at(99), windowId: 'w4', caseId: 'c1', caseServiceId: 'joint', routeStep: 2, routeTotal: 3 }),
    ];
    const late = overdueCases(steps, services, new Map([['c1', at(5)]]), now); // 95 minutes since issue
    expect(late.cases).toEqual([
      { kind: 'case', ticketId: 'c1', number: 'J001', serviceId: 'joint', windowIds: ['w4'], stepServiceIds: ['tax', 'fund'], step: { index: 2, total: 3 }, since: at(5), elapsedMinutes: 95, promisedMinutes: 90, overMinutes: 5 },
    ]);
    expect(late.byService).toEqual([{ serviceId: 'joint', count: 1 }]);
    expect(overdueCases(steps, services, new Map([['c1', at(15)]]), now).cases).toEqual([]);
  });
});
