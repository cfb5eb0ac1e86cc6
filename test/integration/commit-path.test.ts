import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { applyEvent, emptyReplayState, type HallEvent } from '../../server/domain/events.js';
import { ADMIN_PASSWORD, Api, clerkAt, kioskToken, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/** Hall events are selected by type: audit events that share a prefix (ticket.printed, window.taken_over) never stand in for them. */
describe('one commit path, replay by type', () => {
  let dir: string;
  let hall: RunningHall;

  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(async () => {
    await hall?.close();
    removeDir(dir);
  });

  it('the last calls survive a restart however many tickets were issued and printed after them', async () => {
    hall = await startTestHall(dir);
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const kiosk = new Api(hall.url, await kioskToken(hall.url, admin));
    expect((await kiosk.post('/api/v1/tickets', { serviceId: 'property' })).status).toBe(201);
    const clerk = await clerkAt(hall.url, 2);
    const call = await clerk.post('/api/v1/windows/w2/call-next');
    expect(call.body.ticket.number).toBe('A001');
    // 120 tickets and a printed mark for each after the call: more ticket.* rows than any fixed look-back.
    const services = ['social', 'fund', 'consult'];
    for (let round = 0; round < 4; round++) {
      const issued = await Promise.all(Array.from({ length: 30 }, (_, i) => admin.post('/api/v1/tickets', { serviceId: services[i % 3] })));
      for (const r of issued) expect(r.status).toBe(201);
      hall.deps.ctx.store.tx(() => {
        for (const r of issued) hall.deps.hall.markPrinted(r.body.ticket.id, { kind: 'device', id: 'kiosk-1' });
      });
    }
    const before = (await kiosk.get('/api/v1/queue')).body.recentCalls;
    expect(before.map((c: { ticketNumber: string }) => c.ticketNumber)).toEqual(['A001']);

    await hall.close();
    hall = await startTestHall(dir);
    const after = (await new Api(hall.url).get('/api/v1/queue')).body.recentCalls;
    expect(after).toEqual(before);
  });

  it('the log rebuilds to the same tickets and windows with audit events of the same prefixes in it', async () => {
    const store = hall.deps.ctx.store;
    const types = new Set(store.events.list({ limit: 10_000 }).map((e) => e.type));
    expect(types).toContain('ticket.printed');
    const ticketsBefore = store.tickets.active().length;
    const w2 = store.config.runtime('w2');
    expect(store.rebuildFromLog().tickets).toBeGreaterThan(120);
    expect(store.tickets.active()).toHaveLength(ticketsBefore);
    expect(store.config.runtime('w2')).toEqual(w2);
  });

  it('the reducer refuses an event that is not a hall event instead of ignoring it', () => {
    const printed = { type: 'ticket.printed', at: new Date().toISOString(), ticketId: 'x' } as unknown as HallEvent;
    expect(() => applyEvent(emptyReplayState(), printed)).toThrow(/not a hall event/);
  });

  it('a commit announces once, after it committed, the windows and track tokens it changed', async () => {
    const { ctx } = hall.deps;
    const clerk = await clerkAt(hall.url, 3);
    const called = (await clerk.post('/api/v1/windows/w3/call-next')).body.ticket;
    const seen: { windowIds: string[]; trackTokens: string[] }[] = [];
    const listen = (c: { windowIds: string[]; trackTokens: string[] }) => {
      // Announced after the commit: the change is already visible.
      expect(ctx.store.db.inTransaction).toBe(false);
      seen.push(c);
    };
    ctx.bus.on('changed', listen);
    try {
      // Cancelling a ticket in hand at a window frees the window: the commit loaded that window itself.
      hall.deps.hall.cancel(called.id, 'print_failed', { kind: 'system', id: null });
    } finally {
      ctx.bus.off('changed', listen);
    }
    expect(seen).toHaveLength(1);
    expect(seen[0].windowIds).toEqual(['w3']);
    expect(seen[0].trackTokens).toEqual([ctx.store.tickets.get(called.id)!.trackToken]);
    expect(ctx.store.config.runtime('w3')!.currentTicketId).toBeNull();
    expect(ctx.store.tickets.get(called.id)!.status).toBe('cancelled');
  });
});
