import { describe, expect, it } from 'vitest';
import type { RemoteQueueSettings } from '../../../common/config.js';
import { applyEvent, emptyReplayState, type HallEvent } from '../../../server/domain/events.js';
import type { TicketRecord } from '../../../server/domain/model.js';
import { arrivalCodeFrom, arrivalQueuedAt, assertRemoteTake, isArrivalCode, isRemoteExpired, remoteExpiresAt } from '../../../server/domain/remote.js';
import { canMove, nextStatus } from '../../../server/domain/ticket-machine.js';

const S: RemoteQueueSettings = { enabled: true, arrivalRule: 'keep', expireMinutes: 60, perDevicePerDay: 2, perPersonPerDay: 1, perAddressPerDay: 3, quotas: { social: 2 }, doorCode: '' };
const social = { id: 'social', name: '社保', joint: false };
const none = { service: 0, device: 0, person: 0 };
const code = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'ok';
};

describe('remote queueing rules', () => {
  it('refuses when off, not offered, joint, over quota, per device or per person', () => {
    expect(code(() => assertRemoteTake(S, social, none))).toBe('ok');
    expect(code(() => assertRemoteTake({ ...S, enabled: false }, social, none))).toBe('REMOTE_QUEUE_OFF');
    expect(code(() => assertRemoteTake(S, { ...social, id: 'tax' }, none))).toBe('REMOTE_NOT_OFFERED');
    expect(code(() => assertRemoteTake({ ...S, quotas: { social: 0 } }, social, none))).toBe('REMOTE_NOT_OFFERED');
    expect(code(() => assertRemoteTake(S, { ...social, joint: true }, none))).toBe('REMOTE_NOT_OFFERED');
    expect(code(() => assertRemoteTake(S, social, { ...none, service: 2 }))).toBe('REMOTE_QUOTA_REACHED');
    expect(code(() => assertRemoteTake(S, social, { ...none, service: 1 }))).toBe('ok');
    expect(code(() => assertRemoteTake(S, social, { ...none, device: 2 }))).toBe('REMOTE_DEVICE_LIMIT');
    expect(code(() => assertRemoteTake(S, social, { ...none, person: 1 }))).toBe('REMOTE_PERSON_LIMIT');
  });

  it('arrival keeps the place held since issue, or joins at arrival', () => {
    expect(arrivalQueuedAt('keep', '2026-03-06T01:00:00.000Z', '2026-03-06T01:30:00.000Z')).toBe('2026-03-06T01:00:00.000Z');
    expect(arrivalQueuedAt('join', '2026-03-06T01:00:00.000Z', '2026-03-06T01:30:00.000Z')).toBe('2026-03-06T01:30:00.000Z');
  });

  it('expires after the set minutes, at the day end, and never once arrived', () => {
    const t = { status: 'remote' as const, issuedAt: '2026-03-06T01:00:00.000Z', businessDay: '2026-03-06' };
    expect(remoteExpiresAt(t.issuedAt, 60)).toBe('2026-03-06T02:00:00.000Z');
    expect(remoteExpiresAt(t.issuedAt, 0)).toBeNull();
    expect(isRemoteExpired(t, new Date('2026-03-06T01:59:59Z'), '2026-03-06', 60)).toBe(false);
    expect(isRemoteExpired(t, new Date('2026-03-06T02:00:00Z'), '2026-03-06', 60)).toBe(true);
    expect(isRemoteExpired(t, new Date('2026-03-06T09:00:00Z'), '2026-03-06', 0)).toBe(false);
    expect(isRemoteExpired(t, new Date('2026-03-06T20:00:00Z'), '2026-03-07', 0)).toBe(true);
    expect(isRemoteExpired({ ...t, status: 'waiting' }, new Date('2026-03-07T20:00:00Z'), '2026-03-07', 60)).toBe(false);
  });

  it('arrival codes are 7 characters of the booking alphabet (booking codes have 6)', () => {
    const c = arrivalCodeFrom(new Uint8Array([0, 1, 2, 3, 30, 31, 255]));
    expect(c).toMatch(/^[2-9A-HJKMNP-Z]{7}$/);
    expect(isArrivalCode(c)).toBe(true);
    expect(isArrivalCode('ABCDEF')).toBe(false);
  });

  it('the state machine: remote → waiting (arrive) or expired; never called while remote', () => {
    expect(nextStatus('remote', 'arrive')).toBe('waiting');
    expect(nextStatus('remote', 'expire')).toBe('expired');
    expect(canMove('remote', 'call')).toBe(false);
    expect(canMove('waiting', 'arrive')).toBe(false);
    expect(canMove('expired', 'arrive')).toBe(false);
    expect(canMove('remote', 'cancel')).toBe(true);
  });

  it('the reducer replays arrival (queued at the rule\'s time) and expiry', () => {
    const t = { id: 't1', status: 'remote', issuedAt: '2026-03-06T01:00:00.000Z', queuedAt: '2026-03-06T01:00:00.000Z', businessDay: '2026-03-06', prefix: 'B', seq: 1 } as TicketRecord;
    const state = emptyReplayState();
    applyEvent(state, { type: 'ticket.issued', at: t.issuedAt, ticket: t });
    const arrived: HallEvent = { type: 'ticket.arrived', at: '2026-03-06T01:20:00.000Z', ticketId: 't1', queuedAt: '2026-03-06T01:20:00.000Z', by: 'door' };
    expect(applyEvent(state, arrived).tickets[0]).toMatchObject({ status: 'waiting', queuedAt: '2026-03-06T01:20:00.000Z' });
    expect(() => applyEvent(state, { type: 'ticket.expired', at: '2026-03-06T02:00:00.000Z', ticketId: 't1' })).toThrow(/cannot be expired/);
    const s2 = emptyReplayState();
    applyEvent(s2, { type: 'ticket.issued', at: t.issuedAt, ticket: t });
    expect(applyEvent(s2, { type: 'ticket.expired', at: '2026-03-06T02:00:00.000Z', ticketId: 't1' }).tickets[0]).toMatchObject({ status: 'expired', finishedAt: '2026-03-06T02:00:00.000Z' });
  });
});
