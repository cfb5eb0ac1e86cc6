import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsService } from '../../server/app/settings-service.js';
import { EachHall } from '../helpers/each-hall.js';
import { Api } from '../helpers/hall.js';
import { patchSettings } from '../helpers/features.js';

/**
 * The near-the-front check runs inside every hall commit while a webhook is set,
 * so its work must follow what the commit touched, not the size of the hall.
 * Counted by the reads and enqueues it makes, never by time.
 */
describe('near-the-front notifications: work per commit', () => {
  const h = new EachHall({ env: { ONESTOP_NOTIFY_ALLOWED_NETWORKS: '127.0.0.0/8' } });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a commit in one service reads only that service, runs no count per ticket, and builds nothing for a ticket already queued', async () => {
    // The receiver is never reached in this test: only what is queued is looked at.
    await patchSettings(h.admin, { notify: { aheadThreshold: 3, webhookUrl: 'http://127.0.0.1:9/hook' } });
    const staff = await Api.login(h.hall.url, 'supervisor', 'demo1234');
    for (let i = 0; i < 6; i++) expect((await staff.post('/api/v1/tickets', { serviceId: 'social' })).status).toBe(201);
    const fund1 = (await staff.post('/api/v1/tickets', { serviceId: 'fund' })).body.ticket;

    const { store } = h.hall.deps.ctx;
    const heads = vi.spyOn(store.tickets, 'queueHeads');
    // Counts made inside the commit's transaction (the reply's own estimate comes after it).
    let countsInCommit = 0;
    const aheadCounts = store.tickets.aheadCounts.bind(store.tickets);
    vi.spyOn(store.tickets, 'aheadCounts').mockImplementation((t) => {
      if (store.db.inTransaction) countsInCommit++;
      return aheadCounts(t);
    });
    const enqueue = vi.spyOn(h.hall.deps.hall.notify.outbox, 'enqueue');
    const fund2 = (await staff.post('/api/v1/tickets', { serviceId: 'fund' })).body.ticket;

    // Only fund was read (social's six waiting tickets were not), with no per-ticket count.
    const read = heads.mock.calls.flatMap((c) => [...c[0]]);
    expect(read.length).toBeGreaterThan(0);
    expect(new Set(read)).toEqual(new Set(['fund']));
    expect(countsInCommit).toBe(0);
    // fund1's message was queued by its own commit: only fund2's is built now.
    expect(enqueue.mock.calls.map((c) => c[0].key)).toEqual([`near:${fund2.id}`]);
    expect(store.outbox.list().map((m) => m.key)).toContain(`near:${fund1.id}`);
  });

  it('the threshold is at most 10: a larger value is refused, and one saved before the cap is read as 10', async () => {
    const r = await h.admin.req('PATCH', '/api/v1/admin/settings', { notify: { aheadThreshold: 11 } });
    expect(r.status).toBe(400);
    expect(r.body.ok).toBe(false);
    const { ctx } = h.hall.deps;
    const saved = ctx.store.config.getSetting<any>('hall') ?? {};
    ctx.store.config.setSetting('hall', { ...saved, notify: { ...saved.notify, aheadThreshold: 50 } });
    const fresh = new SettingsService(ctx.store);
    expect(fresh.get().notify.aheadThreshold).toBe(10);
  });
});
