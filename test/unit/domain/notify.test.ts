import { describe, expect, it } from 'vitest';
import { appointmentPayload, backoffMs, calledKey, expiryReason, nearKey, ticketPayload } from '../../../server/domain/notify.js';

const facts = { ticketId: 't1', number: 'B003', serviceId: 'social', serviceName: '社保医保', businessDay: '2026-03-06', trackToken: 'TRACK', windowNumber: 3, ahead: 2 };

describe('notification rules', () => {
  it('backs off 5 s, 10 s, 20 s … and never beyond 10 minutes', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30)).toBe(600_000);
  });

  it('a ticket message holds the number, service, day and place or window; the track token only when the hall wants it', () => {
    expect(ticketPayload(nearKey('t1'), 'ticket.near', 'AT', 'Hall', facts, false)).toEqual({
      id: 'near:t1', kind: 'ticket.near', at: 'AT', hall: 'Hall',
      ticket: { number: 'B003', serviceId: 'social', serviceName: '社保医保', businessDay: '2026-03-06', ahead: 2 },
    });
    const called = ticketPayload(calledKey('t1', 'C1'), 'ticket.called', 'AT', 'Hall', facts, true);
    expect(called.ticket).toEqual({ number: 'B003', serviceId: 'social', serviceName: '社保医保', businessDay: '2026-03-06', windowNumber: 3, trackToken: 'TRACK' });
    expect(calledKey('t1', 'C1')).not.toBe(calledKey('t1', 'C2')); // a recall is a new message
  });

  it('a booking callback names the platform\'s appointment and the ticket number, nothing about the person', () => {
    expect(appointmentPayload('k', 'appointment.no_show', 'AT', { appointmentId: 'a1', serviceId: 'social', date: '2026-03-06', slotStart: '10:00' })).toEqual({
      id: 'k', kind: 'appointment.no_show', at: 'AT', appointment: { id: 'a1', serviceId: 'social', date: '2026-03-06', slotStart: '10:00' },
    });
  });

  it('near and called messages expire when their moment passed or they are too old; booking callbacks never do', () => {
    const queued = '2026-03-06T01:00:00.000Z';
    const at = (min: number) => new Date(Date.parse(queued) + min * 60_000);
    const near = { kind: 'ticket.near', createdAt: queued };
    const called = { kind: 'ticket.called', createdAt: queued };
    expect(expiryReason(near, 'waiting', at(9.9), 10)).toBeNull();
    expect(expiryReason(near, 'waiting', at(10), 10)).toBe('older than 10 min');
    expect(expiryReason(near, 'waiting', at(600), 0)).toBeNull(); // 0: only when its moment passed
    expect(expiryReason(near, 'called', at(0), 10)).toBe('the ticket is no longer waiting (called)');
    expect(expiryReason(called, 'called', at(1), 10)).toBeNull();
    for (const status of ['serving', 'done', 'no_show', 'transferred', 'cancelled']) expect(expiryReason(called, status, at(1), 10)).toBe(`the ticket is no longer called (${status})`);
    expect(expiryReason(called, null, at(1), 10)).toBe('the ticket is gone');
    expect(expiryReason({ kind: 'appointment.no_show', createdAt: queued }, null, at(6000), 10)).toBeNull();
  });
});
