import { describe, expect, it } from 'vitest';
import type { HallEvent } from '../../../server/domain/events.js';
import { retentionCutoffDay, splitIdentity } from '../../../server/domain/privacy.js';
import { ticket } from './fixtures.js';

const identity = { maskedName: '张*三', maskedIdNumber: '*****************4', idHmac: 'h'.repeat(64) };

describe('identities stay out of the event log', () => {
  it('ticket.issued keeps everything but the identity, which is handed back apart', () => {
    const t = ticket({ id: 't1', identity });
    const e: HallEvent = { type: 'ticket.issued', at: t.issuedAt, ticket: t };
    const s = splitIdentity(e);
    expect(JSON.stringify(s.event)).not.toMatch(/张|\*4|hhhh/);
    expect(s.event).toEqual({ ...e, ticket: { ...t, identity: null } });
    expect(s.identities).toEqual([{ ticketId: 't1', businessDay: t.businessDay, identity }]);
    expect(t.identity).toBe(identity);
  });

  it('a transfer’s new record is stripped too', () => {
    const next = ticket({ id: 't2', identity, transferredFromId: 't1' });
    const s = splitIdentity({ type: 'ticket.transferred', at: next.issuedAt, ticketId: 't1', next });
    expect(JSON.stringify(s.event)).not.toContain('张');
    expect(s.identities.map((i) => i.ticketId)).toEqual(['t2']);
  });

  it('joint handling’s routed steps are stripped too', () => {
    const next = [ticket({ id: 's2', identity }), ticket({ id: 's3', identity })];
    const s = splitIdentity({ type: 'ticket.routed', at: next[0].issuedAt, caseId: 't1', step: 2, next });
    expect(JSON.stringify(s.event)).not.toContain('张');
    expect(s.identities.map((i) => i.ticketId)).toEqual(['s2', 's3']);
  });

  it('other events and anonymous tickets pass unchanged', () => {
    const e: HallEvent = { type: 'ticket.finished', at: '2026-11-28T02:00:00Z', ticketId: 't1' };
    expect(splitIdentity(e)).toEqual({ event: e, identities: [] });
    const anon: HallEvent = { type: 'ticket.issued', at: '2026-11-28T02:00:00Z', ticket: ticket({ id: 't3' }) };
    expect(splitIdentity(anon).event).toBe(anon);
  });

  it('the retention cutoff is the business day `days` ago in the hall’s zone', () => {
    // 2026-03-31 10:00 Shanghai; 30 days back is 2026-03-01.
    expect(retentionCutoffDay(new Date('2026-03-31T02:00:00Z'), 30, 'Asia/Shanghai', 3)).toBe('2026-03-01');
    // 01:00 local is still the previous business day with a 03:00 reset.
    expect(retentionCutoffDay(new Date('2026-03-30T17:00:00Z'), 1, 'Asia/Shanghai', 3)).toBe('2026-03-29');
  });
});
