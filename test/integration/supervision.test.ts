import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, DEMO_STAFF_PASSWORD, clerkAt, connect, connected, once, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/** Supervision alerts and data retention with an injected clock; sweeps are run by the test. */
describe('supervision alerts and retention', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let supervisor: Api;
  let clerk: Api;
  let clock = new Date('2026-11-28T01:00:00Z');
  const advance = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));
  const sweep = () => hall.deps.oversight.alerts.sweep();

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir, { now: () => clock });
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    supervisor = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    const s = await admin.req('PATCH', '/api/v1/admin/settings', { waitAlertMinutes: 10, queueAlertLength: 3, pauseAlertMinutes: 5, idleAlertMinutes: 5, retentionDays: 30 });
    expect(s.status).toBe(200);
    clerk = await clerkAt(hall.url, 1);
  });

  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('raises each condition once, pushes it to /admin, resolves it when it clears', async () => {
    const issue = (i: number) => clerk.post('/api/v1/tickets', { serviceId: 'property', ...(i === 0 ? { idCard: { name: '李四', idNumber: '11010519491231002X' } } : {}) });
    await issue(0);
    await issue(1);
    expect(sweep()).toEqual([]);
    const monitor = connect(hall.url, '/admin', supervisor.token!);
    await connected(monitor);
    const pushed = once(monitor, 'alert');
    await issue(2);
    const queue = sweep();
    expect(queue.map((a) => a.kind)).toEqual(['long_queue']);
    expect(await pushed).toMatchObject({ id: queue[0].id, kind: 'long_queue', message: '不动产登记排队3人（阈值3人）', at: clock.toISOString() });
    monitor.close();
    advance(11);
    const raised = [...queue, ...sweep()];
    // Three tickets wait too long: one alert for the property queue, with the count and the worst wait.
    expect(raised.map((a) => a.kind).sort()).toEqual(['idle_window', 'long_queue', 'long_wait']);
    expect(raised.find((a) => a.kind === 'long_queue')).toMatchObject({ serviceId: 'property', value: 3, threshold: 3, message: '不动产登记排队3人（阈值3人）' });
    expect(raised.find((a) => a.kind === 'idle_window')).toMatchObject({ windowId: 'w1', value: 11 });
    const wait = raised.find((a) => a.kind === 'long_wait')!;
    expect(wait).toMatchObject({ serviceId: 'property', count: 3, value: 11, threshold: 10 });
    expect(wait.messages).toEqual({
      'zh-CN': '不动产登记：3人等候超过10分钟，最长11分钟',
      'zh-TW': '不動產登記：3人等候超過10分鐘，最長11分鐘',
      en: 'Property registration: 3 waiting over 10 min, longest 11 min',
    });
    advance(1);
    expect(sweep()).toEqual([]); // still true, already raised (its worst wait grew: updated, not raised again)

    const watcher = connect(hall.url, '/admin', supervisor.token!);
    await connected(watcher);
    const update = once(watcher, 'alert');
    await clerk.post('/api/v1/windows/w1/call-next');
    expect(sweep()).toEqual([]);
    // The same alert, updated: two left waiting, the worst wait seen stays.
    expect(await update).toMatchObject({ id: wait.id, kind: 'long_wait', count: 2, value: 12, resolvedAt: null });
    watcher.close();
    const open = (await supervisor.get('/api/v1/admin/alerts?open=1')).body.alerts as { kind: string; resolvedAt: string | null; count: number }[];
    expect(open).toHaveLength(3);
    expect(open.filter((a) => a.resolvedAt).map((a) => a.kind).sort()).toEqual(['idle_window', 'long_queue']);

    advance(60); // property promises 60 minutes
    expect(sweep().map((a) => a.kind)).toEqual(['overdue_service']);
    await clerk.post('/api/v1/windows/w1/finish');
    await clerk.post('/api/v1/windows/w1/call-next');
    await clerk.post('/api/v1/windows/w1/no-show');
    await clerk.post('/api/v1/windows/w1/call-next');
    await clerk.post('/api/v1/windows/w1/finish');
    await clerk.post('/api/v1/windows/w1/pause', { reason: '午休' });
    advance(5);
    expect(sweep().map((a) => a.kind)).toEqual(['long_pause']);
    const raisedLog = hall.deps.ctx.store.events.list({ limit: 100, type: 'alert.raised' });
    expect(raisedLog).toHaveLength(5);
    expect((await supervisor.get('/api/v1/admin/alerts')).body.alerts.find((a: any) => a.kind === 'long_wait').resolvedAt).not.toBeNull();
  });

  it('alerts are acknowledged by supervisors and admins, with who', async () => {
    const [first] = (await supervisor.get('/api/v1/admin/alerts?open=1')).body.alerts;
    const acked = await supervisor.post(`/api/v1/admin/alerts/${first.id}/ack`);
    expect(acked.status).toBe(200);
    expect(acked.body.alert).toMatchObject({ id: first.id, ackedAt: clock.toISOString(), ackedBy: expect.any(String) });
    const me = (await supervisor.get('/api/v1/auth/me')).body.user;
    expect(acked.body.alert.ackedBy).toBe(me.id);
    const log = hall.deps.ctx.store.events.list({ limit: 5, type: 'alert.acked' });
    expect(log[0]).toMatchObject({ actorKind: 'user', actorId: me.id, data: { alertId: first.id } });
    const open = (await supervisor.get('/api/v1/admin/alerts?open=1')).body.alerts;
    expect(open.map((a: { id: number }) => a.id)).not.toContain(first.id);
    expect((await supervisor.get('/api/v1/admin/alerts')).body.alerts).toHaveLength(5);
    expect((await clerk.post(`/api/v1/admin/alerts/${first.id}/ack`)).status).toBe(403);
    expect((await supervisor.post('/api/v1/admin/alerts/99999/ack')).status).toBe(404);
  });

  it('retention deletes identities after retentionDays; the event log never had them; reports keep the figures', async () => {
    const store = hall.deps.ctx.store;
    const withId = store.tickets.all().find((t) => t.identity)!;
    expect(withId.identity?.maskedName).toBe('李*');
    const everything = () => JSON.stringify(store.db.prepare('SELECT data FROM events').all());
    expect(everything()).not.toMatch(/李\*|1101\*|idHmac|maskedName/);

    const early = await admin.post('/api/v1/admin/retention/run');
    expect(early.body.purged).toMatchObject({ beforeDay: '2026-10-29', identities: 0, tickets: 0 });
    advance(30 * 24 * 60);
    // Sessions expired over the month: log in again.
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    supervisor = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    expect((await supervisor.post('/api/v1/admin/retention/run')).status).toBe(403);
    const run = await admin.post('/api/v1/admin/retention/run');
    expect(run.body.purged).toMatchObject({ beforeDay: '2026-11-28', identities: 0 });
    advance(24 * 60);
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    supervisor = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    const later = await admin.post('/api/v1/admin/retention/run');
    expect(later.body.purged).toMatchObject({ beforeDay: '2026-11-29', identities: 1, tickets: 1 });
    expect(store.tickets.get(withId.id)!.identity).toBeNull();
    expect(store.db.prepare('SELECT COUNT(*) n FROM ticket_identities').get()).toEqual({ n: 0 });
    store.rebuildFromLog();
    expect(store.tickets.get(withId.id)!.identity).toBeNull();
    expect(store.events.list({ limit: 1, type: 'retention.purged' })[0].data).toMatchObject({ beforeDay: '2026-11-29', identities: 1, retentionDays: 30 });

    const report = await supervisor.get('/api/v1/admin/reports?period=day&from=2026-11-28&to=2026-11-28&by=service');
    expect(report.body.totals).toMatchObject({ issued: 3, served: 2, noShows: 1 });
  });
});
