import { describe, expect, it } from 'vitest';
import type { SelectionPolicy } from '../../../common/types.js';
import type { TicketRecord } from '../../../server/domain/model.js';
import { type SelectionContext, eligibleFor, selectNext } from '../../../server/domain/selection.js';
import { at, ticket, windowDef } from './fixtures.js';

const POLICIES: SelectionPolicy[] = ['strict', 'oldest', 'weighted'];
const NOW = new Date(at(60)); // 10:00 local

function ctx(policy: SelectionPolicy, over: Partial<SelectionContext> = {}): SelectionContext {
  return { policy, fairnessRatio: 2, streaks: new Map(), now: NOW, ...over };
}

// Window 1 serves A first (order 0) then B (order 1).
const w1 = windowDef('w1', [
  { serviceId: 'A', order: 0, weight: 1 },
  { serviceId: 'B', order: 1, weight: 1 },
]);

const tA = (id: string, minute: number, over: Partial<TicketRecord> = {}) =>
  ticket({ id, serviceId: 'A', prefix: 'A', queuedAt: at(minute), seq: minute + 1, ...over });
const tB = (id: string, minute: number, over: Partial<TicketRecord> = {}) =>
  ticket({ id, serviceId: 'B', prefix: 'B', queuedAt: at(minute), seq: minute + 1, ...over });

describe('selectNext: policies', () => {
  // A's head waits since 09:10, B's since 09:00 (longer).
  const queue = [tA('a1', 10), tA('a2', 20), tB('b1', 0), tB('b2', 30)];

  it('strict: the first service in the window order that has anyone waiting, even if another waits longer', () => {
    expect(selectNext(w1, queue, ctx('strict'))!.id).toBe('a1');
  });

  it('strict: follows `order`, not the position in the services array', () => {
    const reversed = windowDef('w1', [
      { serviceId: 'A', order: 5 },
      { serviceId: 'B', order: 1 },
    ]);
    expect(selectNext(reversed, queue, ctx('strict'))!.id).toBe('b1');
  });

  it('strict: falls through to the next service when the first is empty', () => {
    expect(selectNext(w1, [tB('b1', 0)], ctx('strict'))!.id).toBe('b1');
  });

  it('oldest: the head that has waited longest across services', () => {
    expect(selectNext(w1, queue, ctx('oldest'))!.id).toBe('b1');
    expect(selectNext(w1, [tA('a1', 10), tB('b1', 11)], ctx('oldest'))!.id).toBe('a1');
  });

  it('weighted: wait × weight — a younger ticket of a heavier service can win', () => {
    // now 10:00. a1 queued 09:10 -> 3000 s; b1 queued 09:40 -> 1200 s.
    const q = [tA('a1', 10), tB('b1', 40)];
    const equal = w1;
    expect(selectNext(equal, q, ctx('weighted'))!.id).toBe('a1'); // 3000·1 > 1200·1
    const heavyB = windowDef('w1', [
      { serviceId: 'A', order: 0, weight: 1 },
      { serviceId: 'B', order: 1, weight: 3 },
    ]);
    expect(selectNext(heavyB, q, ctx('weighted'))!.id).toBe('b1'); // 3000·1 < 1200·3 = 3600
    const lightB = windowDef('w1', [
      { serviceId: 'A', order: 0, weight: 1 },
      { serviceId: 'B', order: 1, weight: 2 },
    ]);
    expect(selectNext(lightB, q, ctx('weighted'))!.id).toBe('a1'); // 3000 > 2400
  });

  it('weighted: equal scores are decided by the window order', () => {
    // both waited 1800 s with weight 1
    const q = [tB('b1', 30), tA('a1', 30, { seq: 99 })];
    expect(selectNext(w1, q, ctx('weighted'))!.id).toBe('a1');
  });

  it('weighted: a service with weight 0 is only served when nothing else waits', () => {
    const zeroA = windowDef('w1', [
      { serviceId: 'A', order: 0, weight: 0 },
      { serviceId: 'B', order: 1, weight: 1 },
    ]);
    expect(selectNext(zeroA, [tA('a1', 0), tB('b1', 59)], ctx('weighted'))!.id).toBe('b1');
    expect(selectNext(zeroA, [tA('a1', 0)], ctx('weighted'))!.id).toBe('a1');
  });

  it('the policy picks among service heads: within a service the priority head is taken, not the oldest', () => {
    // A: normal since 09:00, priority since 09:50 -> A's head is the priority ticket (streak 0)
    const q = [tA('a-norm', 0), tA('a-prio', 50, { priority: 'priority' }), tB('b1', 20)];
    expect(selectNext(w1, q, ctx('strict'))!.id).toBe('a-prio');
    // oldest compares heads: a-prio (09:50) vs b1 (09:20) -> b1, although a-norm is older still
    expect(selectNext(w1, q, ctx('oldest'))!.id).toBe('b1');
  });

  it('the fairness streak is per service: A at its limit serves its normal, B is unaffected', () => {
    const q = [tA('a-norm', 0), tA('a-prio', 5, { priority: 'priority' })];
    expect(selectNext(w1, q, ctx('strict', { streaks: new Map([['A', 2]]) }))!.id).toBe('a-norm');
    expect(selectNext(w1, q, ctx('strict', { streaks: new Map([['B', 2]]) }))!.id).toBe('a-prio');
  });
});

describe('selectNext: green channel', () => {
  it.each(POLICIES)('a green head wins under %s, even in a later, younger, zero-weight service', (policy) => {
    const w = windowDef('w1', [
      { serviceId: 'A', order: 0, weight: 5 },
      { serviceId: 'B', order: 1, weight: 0 },
    ]);
    const q = [tA('a1', 0), tA('a2', 1, { priority: 'priority' }), tB('g', 59, { priority: 'green' })];
    expect(selectNext(w, q, ctx(policy))!.id).toBe('g');
  });

  it('two green heads: the one waiting longer', () => {
    const q = [tA('ga', 30, { priority: 'green' }), tB('gb', 10, { priority: 'green' })];
    for (const p of POLICIES) expect(selectNext(w1, q, ctx(p))!.id).toBe('gb');
  });
});

describe('selectNext: window targeting and eligibility', () => {
  it('a ticket transferred to this window comes first, before greens and older tickets', () => {
    const q = [
      tA('g', 0, { priority: 'green' }),
      tB('b-old', 0),
      tA('to-me', 50, { targetWindowId: 'w1' }),
    ];
    for (const p of POLICIES) expect(selectNext(w1, q, ctx(p))!.id).toBe('to-me');
  });

  it('several tickets targeted here: longest waiting first', () => {
    const q = [tA('t2', 20, { targetWindowId: 'w1' }), tB('t1', 10, { targetWindowId: 'w1' })];
    expect(selectNext(w1, q, ctx('strict'))!.id).toBe('t1');
  });

  it('a ticket targeted here is taken even for a service this window does not usually serve', () => {
    const q = [ticket({ id: 'x', serviceId: 'Z', targetWindowId: 'w1' })];
    expect(selectNext(w1, q, ctx('strict'))!.id).toBe('x');
  });

  it('a ticket targeted to another window is never taken, even if it is the only one', () => {
    const q = [tA('other', 0, { targetWindowId: 'w2', priority: 'green' })];
    for (const p of POLICIES) expect(selectNext(w1, q, ctx(p))).toBeNull();
    const withMine = [...q, tA('mine', 30)];
    for (const p of POLICIES) expect(selectNext(w1, withMine, ctx(p))!.id).toBe('mine');
  });

  it('a service the window does not serve is never taken', () => {
    const q = [ticket({ id: 'z-green', serviceId: 'Z', priority: 'green', queuedAt: at(0) })];
    for (const p of POLICIES) expect(selectNext(w1, q, ctx(p))).toBeNull();
    const withMine = [...q, tB('b1', 50)];
    for (const p of POLICIES) expect(selectNext(w1, withMine, ctx(p))!.id).toBe('b1');
  });

  it('only waiting tickets are eligible', () => {
    const q = (['called', 'serving', 'done', 'no_show', 'transferred', 'cancelled'] as const).map((status, i) =>
      tA(`s${i}`, i, { status }),
    );
    for (const p of POLICIES) expect(selectNext(w1, q, ctx(p))).toBeNull();
    expect(eligibleFor(w1, q)).toEqual([]);
  });

  it('empty queue -> null under every policy', () => {
    for (const p of POLICIES) expect(selectNext(w1, [], ctx(p))).toBeNull();
  });

  it('a window with no services and no targeted tickets -> null', () => {
    expect(selectNext(windowDef('w9', []), [tA('a1', 0)], ctx('strict'))).toBeNull();
  });

  it('eligibleFor keeps own-service untargeted and targeted-here tickets only', () => {
    const q = [
      tA('a', 0),
      tB('b', 0),
      ticket({ id: 'z', serviceId: 'Z' }),
      tA('a-other', 0, { targetWindowId: 'w2' }),
      ticket({ id: 'z-here', serviceId: 'Z', targetWindowId: 'w1' }),
    ];
    expect(eligibleFor(w1, q).map((t) => t.id).sort()).toEqual(['a', 'b', 'z-here']);
  });

  it('closed services are not the selector\'s concern: waiting tickets of a closed service are still called', () => {
    // ServiceDef.open only stops the kiosk issuing (issue-ticket.ts, SERVICE_CLOSED); selectNext
    // does not receive service definitions, so people already queued are still served.
    expect(selectNext(w1, [tA('a1', 0)], ctx('strict'))!.id).toBe('a1');
  });
});
