import { describe, expect, it } from 'vitest';
import type { UplinkEvent } from '../../../common/region.js';
import { newProjection, project, ticketIdsOf, type LiveTicket } from '../../../region/domain/projection.js';

let seq = 0;
const ev = (type: string, at: string, data: Record<string, unknown> = {}, ticketId: string | null = null, windowId: string | null = null): UplinkEvent => ({
  seq: ++seq, at: `2026-12-01T${at}:00.000Z`, type, ticketId, windowId, data: { type, ...data },
});
const rec = (id: string, serviceId: string, at: string, day = '2026-12-01') => ({ id, serviceId, businessDay: day, queuedAt: `2026-12-01T${at}:00.000Z` });
const run = (events: UplinkEvent[], loaded: LiveTicket[] = []) => {
  const p = newProjection(loaded);
  for (const e of events) project(p, e);
  return p;
};

describe('region projection (what a batch moves)', () => {
  it('a transfer ends the record as transferred and queues a new record that is not issued again', () => {
    const p = run([
      ev('ticket.issued', '09:00', { ticket: rec('a', 's1', '09:00') }, 'a'),
      ev('ticket.called', '09:10', {}, 'a', 'w1'),
      ev('ticket.transferred', '09:12', { next: rec('a2', 's2', '09:00') }, 'a', 'w1'),
      ev('ticket.called', '09:20', {}, 'a2', 'w2'),
      ev('ticket.finished', '09:30', {}, 'a2'),
    ]);
    expect(p.daily.get('2026-12-01|s1')).toMatchObject({ issued: 1, transferred: 1, served: 0, waits: 1, waitSeconds: 600 });
    // the new record waits from the transfer (as the hall's report counts it)
    expect(p.daily.get('2026-12-01|s2')).toMatchObject({ issued: 0, served: 1, waits: 1, waitSeconds: 480 });
  });

  it('a transferred record stays on the business day of the record it continues', () => {
    const loaded: LiveTicket[] = [{ ticketId: 'd', serviceId: 's1', businessDay: '2026-11-30', status: 'called', queuedAt: '2026-11-30T08:00:00.000Z', waitFrom: null, calledAt: null, servingAt: null, number: null, windowId: null }];
    const p = run([ev('ticket.transferred', '09:00', { next: rec('d2', 's2', '09:00', '2026-12-01') }, 'd'), ev('ticket.called', '09:05', {}, 'd2', 'w1'), ev('ticket.finished', '09:06', {}, 'd2')], loaded);
    expect(p.daily.get('2026-11-30|s2')).toMatchObject({ served: 1, waits: 1, waitSeconds: 300 });
  });

  it('a restored no-show waits again and its no-show is taken back (as the hall\'s report); its next call is one more wait sample from the restore', () => {
    const loaded: LiveTicket[] = [{ ticketId: 'b', serviceId: 's1', businessDay: '2026-12-01', status: 'called', queuedAt: '2026-12-01T08:00:00.000Z', waitFrom: null, calledAt: null, servingAt: null, number: null, windowId: null }];
    const p = run([
      ev('ticket.no_show', '09:00', {}, 'b'),
      ev('ticket.restored', '09:05', { queuedAt: '2026-12-01T07:00:00.000Z' }, 'b'),
      ev('ticket.recalled', '09:06', {}, 'b', 'w1'),
      ev('ticket.called', '09:15', {}, 'b', 'w1'),
      ev('ticket.called', '09:16', {}, 'b', 'w1'),
      ev('ticket.finished', '09:20', {}, 'b'),
    ], loaded);
    expect(p.daily.get('2026-12-01|s1')).toMatchObject({ noShows: 0, restored: 1, served: 1, waits: 1, waitSeconds: 600, issued: 0 });
    expect(p.tickets.get('b')!.status).toBe('ended');
  });

  it('restore after a no-show counted in an earlier batch: this batch takes the no-show back; a second no-show counts again', () => {
    const first = run([
      ev('ticket.issued', '09:00', { ticket: rec('n', 's1', '09:00') }, 'n'),
      ev('ticket.called', '09:10', { windowId: 'w1' }, 'n', 'w1'),
      ev('ticket.no_show', '09:12', {}, 'n'),
    ]);
    expect(first.daily.get('2026-12-01|s1')).toMatchObject({ issued: 1, noShows: 1, waits: 1 });
    const second = run([ev('ticket.restored', '09:30', {}, 'n')], [first.tickets.get('n')!]);
    expect(second.daily.get('2026-12-01|s1')).toMatchObject({ noShows: -1, restored: 1, issued: 0 });
    expect(second.tickets.get('n')).toMatchObject({ status: 'waiting', queuedAt: '2026-12-01T09:30:00.000Z', waitFrom: '2026-12-01T09:30:00.000Z', windowId: null });
    const third = run([ev('ticket.called', '09:40', {}, 'n', 'w2'), ev('ticket.no_show', '09:45', {}, 'n')], [second.tickets.get('n')!]);
    expect(third.daily.get('2026-12-01|s1')).toMatchObject({ noShows: 1, waits: 1, waitSeconds: 600 });
  });

  it('an online number (status remote) is issued but not waiting; it waits from its arrival; one that expires ends without a wait', () => {
    const remote = (id: string) => ({ ...rec(id, 's1', '08:00'), status: 'remote' });
    const p = run([
      ev('ticket.issued', '08:00', { ticket: remote('r1') }, 'r1'),
      ev('ticket.issued', '08:00', { ticket: remote('r2') }, 'r2'),
    ]);
    expect([p.tickets.get('r1')!.status, p.tickets.get('r2')!.status]).toEqual(['remote', 'remote']);
    expect(p.daily.get('2026-12-01|s1')).toMatchObject({ issued: 2, remote: 2, waits: 0 });
    // the hall's arrival rule may keep its place (queuedAt = issue): the wait still runs from the arrival
    const q = run([
      ev('ticket.arrived', '10:00', { queuedAt: '2026-12-01T08:00:00.000Z' }, 'r1'),
      ev('ticket.called', '10:10', {}, 'r1', 'w1'),
      ev('ticket.finished', '10:20', {}, 'r1'),
      ev('ticket.expired', '11:00', {}, 'r2'),
    ], [...p.tickets.values()]);
    expect(q.daily.get('2026-12-01|s1')).toMatchObject({ issued: 0, served: 1, waits: 1, waitSeconds: 600, noShows: 0, cancelled: 0, expired: 1 });
    expect(q.samples.filter((x) => x.kind === 'w').map((x) => x.seconds)).toEqual([600]);
    expect(q.tickets.get('r2')!.status).toBe('ended');
    // the live view counts its wait from the place the hall kept for it, as the hall's own live view does
    expect(q.tickets.get('r1')).toMatchObject({ queuedAt: '2026-12-01T08:00:00.000Z', waitFrom: '2026-12-01T10:00:00.000Z' });
    // arrival and expiry need only the event's ticket and time (stored events from before the fields were sent replay the same)
    const bare = run([ev('ticket.arrived', '10:00', {}, 'r1'), ev('ticket.expired', '11:00', {}, 'r2')], [...p.tickets.values()]);
    expect([bare.tickets.get('r1')!.status, bare.tickets.get('r2')!.status]).toEqual(['waiting', 'ended']);
  });

  it('an online number whose live row predates migration 010 (stored as waiting) still expires, and still waits from its arrival', () => {
    const old = (id: string): LiveTicket => ({ ticketId: id, serviceId: 's1', businessDay: '2026-12-01', status: 'waiting', queuedAt: '2026-12-01T01:00:00.000Z', waitFrom: null, calledAt: null, servingAt: null, number: 'A1', windowId: null });
    const q = run([
      ev('ticket.arrived', '04:00', { queuedAt: '2026-12-01T01:00:00.000Z' }, 'o1'),
      ev('ticket.called', '04:10', {}, 'o1', 'w1'),
      ev('ticket.expired', '05:00', {}, 'o2'),
    ], [old('o1'), old('o2')]);
    expect(q.samples.filter((x) => x.kind === 'w').map((x) => x.seconds)).toEqual([600]);
    expect(q.tickets.get('o2')!.status).toBe('ended');
    expect(q.daily.get('2026-12-01|s1')).toMatchObject({ waits: 1, waitSeconds: 600, expired: 1 });
  });

  it('a recall moves the service start; a call-ticket out of order is one wait sample like any call', () => {
    const p = run([
      ev('ticket.issued', '09:00', { ticket: rec('g', 's1', '09:00') }, 'g'),
      ev('ticket.issued', '09:01', { ticket: rec('h', 's1', '09:01') }, 'h'),
      // call-ticket: the later ticket first
      ev('ticket.called', '09:05', { windowId: 'w1' }, 'h', 'w1'),
      ev('ticket.recalled', '09:07', { windowId: 'w1' }, 'h', 'w1'),
      ev('ticket.finished', '09:17', {}, 'h'),
      ev('ticket.called', '09:20', { windowId: 'w1' }, 'g', 'w1'),
      ev('ticket.recalled', '09:22', { windowId: 'w1' }, 'g', 'w1'),
      ev('ticket.started', '09:23', {}, 'g'),
      ev('ticket.recalled', '09:24', { windowId: 'w1' }, 'g', 'w1'),
      ev('ticket.finished', '09:33', {}, 'g'),
    ]);
    expect(p.samples.map(({ kind, seconds }) => [kind, seconds])).toEqual([['w', 240], ['s', 600], ['w', 1200], ['s', 600]]);
    expect(p.daily.get('2026-12-01|s1')).toMatchObject({ issued: 2, served: 2, waits: 2, waitSeconds: 1440 });
  });

  it('joint handling: the case\'s ticket is issued for the joint service; each step is a record of its own service with its own wait', () => {
    const step = (id: string, serviceId: string, n: number) => ({ ...rec(id, serviceId, '09:00'), caseId: 'k1', routeStep: n, routeTotal: 2 });
    const p = run([
      ev('ticket.issued', '09:00', { ticket: { ...step('k1', 's1', 1), caseServiceId: 'joint' } }, 'k1'),
      ev('ticket.called', '09:05', {}, 'k1', 'w1'),
      ev('ticket.finished', '09:15', {}, 'k1'),
      ev('ticket.routed', '09:15', { caseId: 'k1', step: 2, next: [step('k2', 's2', 2)] }),
      ev('ticket.called', '09:25', {}, 'k2', 'w2'),
      ev('ticket.transferred', '09:26', { next: { ...step('k3', 's3', 2) } }, 'k2', 'w2'),
      ev('ticket.called', '09:30', {}, 'k3', 'w3'),
      ev('ticket.finished', '09:40', {}, 'k3'),
    ]);
    expect(p.daily.get('2026-12-01|joint')).toMatchObject({ issued: 1, served: 0, waits: 0 });
    expect(p.daily.get('2026-12-01|s1')).toMatchObject({ issued: 0, served: 1, waits: 1, waitSeconds: 300 });
    expect(p.daily.get('2026-12-01|s2')).toMatchObject({ issued: 0, transferred: 1, waits: 1, waitSeconds: 600 });
    expect(p.daily.get('2026-12-01|s3')).toMatchObject({ issued: 0, served: 1, waits: 1, waitSeconds: 240 });
  });

  it('counts ratings for the rated record, ignores unknown tickets, bad grades and a second issue of one ticket', () => {
    const p = run([
      ev('ticket.issued', '09:00', { ticket: rec('c', 's1', '09:00', '2026-11-30') }, 'c'),
      ev('ticket.issued', '09:00', { ticket: rec('c', 's1', '09:00', '2026-11-30') }, 'c'),
      ev('rating.given', '09:40', { grade: 5 }, 'c'),
      ev('rating.given', '09:41', { grade: 9 }, 'c'),
      ev('ticket.finished', '09:42', {}, 'never-seen'),
      ev('rating.given', '09:43', { grade: 1 }, 'never-seen'),
    ]);
    expect([...p.daily.keys()]).toEqual(['2026-11-30|s1']);
    expect(p.daily.get('2026-11-30|s1')).toMatchObject({ issued: 1, ratings: [0, 0, 0, 0, 1] });
    expect(p.businessDay).toBe('2026-11-30');
  });

  it('samples each wait and each service (from the start, else the last call) and lists every rating for the feed', () => {
    const p = run([
      ev('ticket.issued', '11:00', { ticket: rec('e', 's1', '11:00') }, 'e'),
      ev('ticket.issued', '11:01', { ticket: rec('f', 's2', '11:01') }, 'f'),
      ev('ticket.called', '11:04', {}, 'e', 'w1'),
      ev('ticket.started', '11:06', {}, 'e'),
      ev('ticket.finished', '11:16', {}, 'e'),
      ev('ticket.called', '11:05', {}, 'f', 'w2'),
      ev('ticket.recalled', '11:08', {}, 'f', 'w2'),
      ev('ticket.finished', '11:10', {}, 'f'),
      ev('rating.given', '11:17', { grade: 2, reasons: ['long_wait', 7], windowId: 'w1', source: 'evaluator' }, 'e', 'w1'),
      ev('rating.given', '11:18', { grade: 4, serviceId: 's9' }, 'unknown', 'w3'),
    ]);
    const samples = p.samples.map(({ kind, serviceId, seconds }) => [kind, serviceId, seconds]);
    expect(samples).toEqual([['w', 's1', 240], ['s', 's1', 600], ['w', 's2', 240], ['s', 's2', 120]]);
    expect(p.ratings.map(({ grade, reasons, serviceId, businessDay, windowId, source }) => ({ grade, reasons, serviceId, businessDay, windowId, source }))).toEqual([
      { grade: 2, reasons: ['long_wait'], serviceId: 's1', businessDay: '2026-12-01', windowId: 'w1', source: 'evaluator' },
      // a rating of a ticket the region never saw is still in the feed (its service as the hall sent it), not in the counts
      { grade: 4, reasons: [], serviceId: 's9', businessDay: null, windowId: 'w3', source: null },
    ]);
    expect(p.daily.get('2026-12-01|s1')!.ratings).toEqual([0, 1, 0, 0, 0]);
  });

  it('joint-handling steps queue new records; windows and alerts follow their last event', () => {
    const p = run([
      ev('ticket.routed', '10:00', { caseId: 'k', step: 2, next: [rec('k2', 's3', '10:00'), rec('k3', 's4', '10:00')] }),
      ev('window.opened', '10:01', {}, null, 'w1'),
      ev('window.paused', '10:02', {}, null, 'w1'),
      ev('window.opened', '10:03', {}, null, 'w2'),
      ev('window.closed', '10:04', {}, null, 'w2'),
      ev('alert.raised', '10:05', { key: 'wait:s3', kind: 'long-wait' }),
      ev('alert.raised', '10:06', { key: 'queue:s4', kind: 'long-queue' }),
      ev('alert.resolved', '10:07', { key: 'wait:s3' }),
    ]);
    expect([...p.changedTickets].sort()).toEqual(['k2', 'k3']);
    expect(p.tickets.get('k2')!.status).toBe('waiting');
    expect(p.daily.size).toBe(0);
    expect([...p.windows]).toEqual([['w1', 'paused'], ['w2', 'closed']]);
    expect([...p.alertsRaised.keys()]).toEqual(['queue:s4']);
    expect([...p.alertsResolved]).toEqual(['wait:s3']);
  });

  it('lists the tickets a batch refers to, once each', () => {
    expect(ticketIdsOf([ev('ticket.called', '09:00', {}, 'x'), ev('ticket.finished', '09:01', {}, 'x'), ev('window.closed', '09:02', {}, null, 'w1')])).toEqual(['x']);
  });
});
