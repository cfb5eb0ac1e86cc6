import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../server/domain/errors.js';
import {
  type HallEvent,
  type ReplayState,
  applyEvent,
  counterKey,
  emptyReplayState,
} from '../../../server/domain/events.js';
import type { TicketRecord } from '../../../server/domain/model.js';
import { at, ticket } from './fixtures.js';

function replay(events: readonly HallEvent[], state: ReplayState = emptyReplayState()): ReplayState {
  for (const e of events) applyEvent(state, e);
  return state;
}

function expectInvalid(state: ReplayState, e: HallEvent) {
  try {
    applyEvent(state, e);
    expect.unreachable(`${e.type} should have been rejected`);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('INVALID_TRANSITION');
  }
}

const issue = (t: TicketRecord): HallEvent => ({ type: 'ticket.issued', at: t.issuedAt, ticket: t });

const A1 = ticket({ id: 'A1', seq: 1, number: 'A001', serviceId: 'svc-a', queuedAt: at(0), issuedAt: at(0) });
const A2 = ticket({ id: 'A2', seq: 2, number: 'A002', serviceId: 'svc-a', queuedAt: at(1), issuedAt: at(1) });
const P3 = ticket({ id: 'P3', seq: 3, number: 'A003', serviceId: 'svc-a', priority: 'priority', queuedAt: at(2), issuedAt: at(2) });
const B1 = ticket({ id: 'B1', seq: 1, number: 'B001', prefix: 'B', serviceId: 'svc-b', queuedAt: at(0), issuedAt: at(0) });

const open = (windowId: string, staffId: string | null = 'staff-1'): HallEvent => ({
  type: 'window.opened',
  at: at(0),
  windowId,
  staffId,
});
const call = (ticketId: string, windowId: string, minute = 10): HallEvent => ({
  type: 'ticket.called',
  at: at(minute),
  ticketId,
  windowId,
  staffId: 'staff-1',
});

describe('applyEvent: ticket.issued', () => {
  it('stores the ticket and raises the counter of its business day and prefix to its seq', () => {
    const s = replay([issue(A1), issue(A2), issue(B1)]);
    expect(s.tickets.get('A2')).toEqual(A2);
    expect(s.counters.get(counterKey('2026-11-28', 'A'))).toBe(2);
    expect(s.counters.get(counterKey('2026-11-28', 'B'))).toBe(1);
  });

  it('the counter never goes backwards (out-of-order replay) and is separate per business day', () => {
    const late = ticket({ id: 'A9', seq: 9 });
    const early = ticket({ id: 'A4', seq: 4 });
    const nextDay = ticket({ id: 'A1-next', seq: 1, businessDay: '2026-11-29' });
    const s = replay([issue(late), issue(early), issue(nextDay)]);
    expect(s.counters.get('2026-11-28|A')).toBe(9);
    expect(s.counters.get('2026-11-29|A')).toBe(1);
  });

  it('returns the issued ticket as the only change', () => {
    const s = emptyReplayState();
    const ch = applyEvent(s, issue(A1));
    expect(ch).toEqual({ tickets: [A1], windows: [], streaks: [] });
  });
});

describe('applyEvent: calling and serving', () => {
  it('called: ticket -> called at the window, window current ticket set, streak updated', () => {
    const s = replay([issue(A1), open('w1')]);
    const ch = applyEvent(s, call('A1', 'w1', 10));
    const t = s.tickets.get('A1')!;
    expect(t.status).toBe('called');
    expect(t.windowId).toBe('w1');
    expect(t.calledAt).toBe(at(10));
    expect(s.windows.get('w1')!.currentTicketId).toBe('A1');
    // normal ticket -> streak 0 for its service
    expect(s.streaks.get('svc-a')).toBe(0);
    expect(ch.streaks).toEqual([['svc-a', 0]]);
    expect(ch.windows.map((w) => w.windowId)).toEqual(['w1']);
    expect(ch.tickets.map((x) => x.id)).toEqual(['A1']);
  });

  it('called: priority calls raise the service streak, a normal call resets it; other services untouched', () => {
    const P4 = ticket({ id: 'P4', seq: 4, priority: 'green', serviceId: 'svc-a' });
    const s = replay([issue(A1), issue(P3), issue(P4), issue(B1), open('w1'), open('w2')]);
    applyEvent(s, call('P3', 'w1'));
    expect(s.streaks.get('svc-a')).toBe(1);
    applyEvent(s, call('P4', 'w2'));
    expect(s.streaks.get('svc-a')).toBe(2);
    applyEvent(s, call('B1', 'w2'));
    expect(s.streaks.get('svc-a')).toBe(2);
    expect(s.streaks.get('svc-b')).toBe(0);
    applyEvent(s, call('A1', 'w1'));
    expect(s.streaks.get('svc-a')).toBe(0);
  });

  it('recalled: recallCount +1 and calledAt moves to the recall time; still at the window', () => {
    const s = replay([issue(A1), open('w1'), call('A1', 'w1', 10)]);
    applyEvent(s, { type: 'ticket.recalled', at: at(11), ticketId: 'A1', windowId: 'w1' });
    applyEvent(s, { type: 'ticket.recalled', at: at(12), ticketId: 'A1', windowId: 'w1' });
    const t = s.tickets.get('A1')!;
    expect(t.status).toBe('called');
    expect(t.recallCount).toBe(2);
    expect(t.calledAt).toBe(at(12));
    expect(s.windows.get('w1')!.currentTicketId).toBe('A1');
  });

  it('started: called -> serving with servingAt', () => {
    const s = replay([issue(A1), open('w1'), call('A1', 'w1', 10)]);
    applyEvent(s, { type: 'ticket.started', at: at(11), ticketId: 'A1' });
    expect(s.tickets.get('A1')).toMatchObject({ status: 'serving', servingAt: at(11) });
  });
});

describe('applyEvent: leaving the window', () => {
  const base = () => replay([issue(A1), open('w1'), call('A1', 'w1', 10)]);

  it.each([
    ['ticket.finished', 'done'],
    ['ticket.no_show', 'no_show'],
    ['ticket.cancelled', 'cancelled'],
  ] as const)('%s -> %s, finishedAt set, the window is free and reported as changed', (type, status) => {
    const s = base();
    const e = { type, at: at(20), ticketId: 'A1', automatic: false, reason: 'left' } as HallEvent;
    const ch = applyEvent(s, e);
    expect(s.tickets.get('A1')).toMatchObject({ status, finishedAt: at(20), windowId: 'w1' });
    expect(s.windows.get('w1')!.currentTicketId).toBeNull();
    expect(s.windows.get('w1')!.status).toBe('open');
    expect(ch.windows).toEqual([s.windows.get('w1')]);
  });

  it('finishing a serving ticket also frees the window', () => {
    const s = base();
    applyEvent(s, { type: 'ticket.started', at: at(11), ticketId: 'A1' });
    applyEvent(s, { type: 'ticket.finished', at: at(25), ticketId: 'A1' });
    expect(s.tickets.get('A1')!.status).toBe('done');
    expect(s.windows.get('w1')!.currentTicketId).toBeNull();
  });

  it('cancelling a waiting ticket touches no window', () => {
    const s = replay([issue(A1), issue(A2), open('w1'), call('A1', 'w1')]);
    const ch = applyEvent(s, { type: 'ticket.cancelled', at: at(20), ticketId: 'A2', reason: 'left the hall' });
    expect(s.tickets.get('A2')!.status).toBe('cancelled');
    expect(s.windows.get('w1')!.currentTicketId).toBe('A1');
    expect(ch.windows).toEqual([]);
  });

  it('finishing a ticket that is no longer the window\'s current one does not clear the newer one', () => {
    // w1 called A1; then (by a direct event) A2 became current at w1; A1 finishing must not free A2's window
    const s = replay([issue(A1), issue(A2), open('w1'), call('A1', 'w1', 10), call('A2', 'w1', 12)]);
    applyEvent(s, { type: 'ticket.finished', at: at(13), ticketId: 'A1' });
    expect(s.windows.get('w1')!.currentTicketId).toBe('A2');
  });
});

describe('applyEvent: transfer and restore', () => {
  it('transferred: old ticket final and window free; next ticket waits with the same number, seq and trackToken', () => {
    const s = replay([issue(A1), open('w1'), call('A1', 'w1', 10)]);
    const counterBefore = s.counters.get('2026-11-28|A');
    const old = s.tickets.get('A1')!;
    // what the app builds for a transfer to service svc-b at window w2 (window-actions.ts)
    const next: TicketRecord = {
      ...old,
      id: 'A1-t',
      serviceId: 'svc-b',
      status: 'waiting',
      calledAt: null,
      servingAt: null,
      finishedAt: null,
      windowId: null,
      targetWindowId: 'w2',
      recallCount: 0,
      transferredFromId: 'A1',
    };
    const ch = applyEvent(s, { type: 'ticket.transferred', at: at(15), ticketId: 'A1', next });
    expect(s.tickets.get('A1')).toMatchObject({ status: 'transferred', finishedAt: at(15) });
    expect(s.windows.get('w1')!.currentTicketId).toBeNull();
    const n = s.tickets.get('A1-t')!;
    expect(n).toMatchObject({
      status: 'waiting',
      number: 'A001',
      seq: 1,
      trackToken: 'trk-A1',
      queuedAt: at(0), // keeps its place in the queue
      serviceId: 'svc-b',
      targetWindowId: 'w2',
      transferredFromId: 'A1',
    });
    // no new number was drawn
    expect(s.counters.get('2026-11-28|A')).toBe(counterBefore);
    expect(ch.tickets.map((t) => t.id)).toEqual(['A1', 'A1-t']);
    expect(ch.windows.map((w) => w.windowId)).toEqual(['w1']);
  });

  it('restored: a no-show waits again with the given queuedAt, no window, recall count cleared', () => {
    const s = replay([issue(A1), open('w1'), call('A1', 'w1', 10)]);
    applyEvent(s, { type: 'ticket.recalled', at: at(11), ticketId: 'A1', windowId: 'w1' });
    applyEvent(s, { type: 'ticket.no_show', at: at(12), ticketId: 'A1', automatic: true });
    applyEvent(s, { type: 'ticket.restored', at: at(30), ticketId: 'A1', queuedAt: at(0) });
    expect(s.tickets.get('A1')).toMatchObject({
      status: 'waiting',
      queuedAt: at(0),
      calledAt: null,
      finishedAt: null,
      windowId: null,
      recallCount: 0,
      number: 'A001',
    });
  });
});

describe('applyEvent: windows', () => {
  it('opened -> open with staff; paused -> paused with reason; resumed -> open; closed -> closed without staff', () => {
    const s = emptyReplayState();
    applyEvent(s, open('w1', 'staff-7'));
    expect(s.windows.get('w1')).toEqual({
      windowId: 'w1',
      status: 'open',
      staffId: 'staff-7',
      pauseReason: null,
      currentTicketId: null,
    });
    applyEvent(s, { type: 'window.paused', at: at(5), windowId: 'w1', reason: '午休' });
    expect(s.windows.get('w1')).toMatchObject({ status: 'paused', pauseReason: '午休', staffId: 'staff-7' });
    applyEvent(s, { type: 'window.resumed', at: at(6), windowId: 'w1' });
    expect(s.windows.get('w1')).toMatchObject({ status: 'open', pauseReason: null, staffId: 'staff-7' });
    const ch = applyEvent(s, { type: 'window.closed', at: at(7), windowId: 'w1' });
    expect(s.windows.get('w1')).toMatchObject({ status: 'closed', staffId: null, pauseReason: null });
    expect(ch.windows).toEqual([s.windows.get('w1')]);
    expect(ch.tickets).toEqual([]);
  });

  it('closing a paused window clears the pause reason; reopening takes the new staff', () => {
    const s = replay([
      open('w1', 'a'),
      { type: 'window.paused', at: at(1), windowId: 'w1', reason: 'break' },
      { type: 'window.closed', at: at(2), windowId: 'w1' },
      open('w1', 'b'),
    ]);
    expect(s.windows.get('w1')).toMatchObject({ status: 'open', staffId: 'b', pauseReason: null });
  });

  it('windows are independent', () => {
    const s = replay([open('w1'), open('w2'), { type: 'window.paused', at: at(1), windowId: 'w2', reason: 'x' }]);
    expect(s.windows.get('w1')!.status).toBe('open');
    expect(s.windows.get('w2')!.status).toBe('paused');
  });
});

describe('applyEvent: invalid transitions', () => {
  it('throws DomainError INVALID_TRANSITION and changes nothing', () => {
    const s = replay([issue(A1), issue(A2), open('w1'), call('A1', 'w1')]);
    const before = structuredClone(s);
    expectInvalid(s, { type: 'ticket.finished', at: at(20), ticketId: 'A2' }); // waiting
    expectInvalid(s, { type: 'ticket.restored', at: at(20), ticketId: 'A2', queuedAt: at(1) }); // waiting
    expectInvalid(s, call('A1', 'w2')); // already called
    expectInvalid(s, { type: 'ticket.no_show', at: at(20), ticketId: 'A2', automatic: false });
    applyEvent(s, { type: 'ticket.started', at: at(11), ticketId: 'A1' });
    expectInvalid(s, { type: 'ticket.recalled', at: at(12), ticketId: 'A1', windowId: 'w1' }); // serving
    expectInvalid(s, { type: 'ticket.cancelled', at: at(12), ticketId: 'A1', reason: 'x' }); // serving
    applyEvent(s, { type: 'ticket.finished', at: at(13), ticketId: 'A1' });
    expectInvalid(s, { type: 'ticket.restored', at: at(14), ticketId: 'A1', queuedAt: at(0) }); // done
    expectInvalid(s, call('A1', 'w1')); // done
    // the rejected events left no trace: only the two valid ones changed A1 and w1
    expect(s.tickets.get('A2')).toEqual(before.tickets.get('A2'));
    expect(s.tickets.get('A1')!.status).toBe('done');
    expect(s.windows.get('w2')).toBeUndefined();
  });

  it('an event for an unknown ticket is rejected', () => {
    expect(() => applyEvent(emptyReplayState(), call('nope', 'w1'))).toThrow(/unknown ticket nope/);
  });
});

describe('replay', () => {
  const log: HallEvent[] = [
    open('w1', 'staff-1'),
    open('w2', 'staff-2'),
    issue(A1),
    issue(A2),
    issue(P3),
    issue(B1),
    call('P3', 'w1', 10),
    { type: 'ticket.started', at: at(11), ticketId: 'P3' },
    call('A1', 'w2', 11),
    { type: 'ticket.recalled', at: at(12), ticketId: 'A1', windowId: 'w2' },
    { type: 'ticket.no_show', at: at(13), ticketId: 'A1', automatic: true },
    { type: 'ticket.finished', at: at(20), ticketId: 'P3' },
    { type: 'window.paused', at: at(21), windowId: 'w1', reason: 'break' },
    { type: 'ticket.restored', at: at(22), ticketId: 'A1', queuedAt: at(0) },
    call('A1', 'w2', 23),
    {
      type: 'ticket.transferred',
      at: at(24),
      ticketId: 'A1',
      next: { ...A1, id: 'A1-t', serviceId: 'svc-b', targetWindowId: null, transferredFromId: 'A1' },
    },
    { type: 'ticket.cancelled', at: at(25), ticketId: 'A2', reason: 'left' },
    { type: 'window.resumed', at: at(26), windowId: 'w1' },
    call('B1', 'w1', 27),
    { type: 'window.closed', at: at(40), windowId: 'w2' },
  ];

  it('replaying the same log twice from empty gives identical state', () => {
    const first = replay(log);
    const second = replay(log);
    expect(second).toEqual(first);
    expect(structuredClone(second)).toStrictEqual(structuredClone(first));
  });

  it('the end state is the hand-derived one', () => {
    const s = replay(log);
    expect(s.tickets.get('P3')!.status).toBe('done');
    expect(s.tickets.get('A1')!.status).toBe('transferred');
    expect(s.tickets.get('A1-t')!.status).toBe('waiting');
    expect(s.tickets.get('A2')!.status).toBe('cancelled');
    expect(s.tickets.get('B1')!.status).toBe('called');
    expect(s.windows.get('w1')).toMatchObject({ status: 'open', currentTicketId: 'B1', staffId: 'staff-1' });
    expect(s.windows.get('w2')).toMatchObject({ status: 'closed', currentTicketId: null, staffId: null });
    // svc-a: P3 (priority) -> 1, then A1 normal -> 0, A1 again normal -> 0; svc-b: B1 normal -> 0
    expect(s.streaks.get('svc-a')).toBe(0);
    expect(s.streaks.get('svc-b')).toBe(0);
    expect(s.counters.get('2026-11-28|A')).toBe(3);
    expect(s.counters.get('2026-11-28|B')).toBe(1);
  });

  it('does not mutate the events it is given (the log can be replayed again)', () => {
    const copy = structuredClone(log);
    replay(log);
    expect(log).toEqual(copy);
  });

  it('applying the returned changes to a copy of the previous state reproduces the new state (what the store writes)', () => {
    const s = emptyReplayState();
    const mirror = { tickets: new Map<string, TicketRecord>(), windows: new Map(), streaks: new Map<string, number>() };
    for (const e of log) {
      const ch = applyEvent(s, e);
      for (const t of ch.tickets) mirror.tickets.set(t.id, t);
      for (const w of ch.windows) mirror.windows.set(w.windowId, w);
      for (const [k, v] of ch.streaks) mirror.streaks.set(k, v);
    }
    expect(mirror.tickets).toEqual(s.tickets);
    expect(mirror.windows).toEqual(s.windows);
    expect(mirror.streaks).toEqual(s.streaks);
  });
});
