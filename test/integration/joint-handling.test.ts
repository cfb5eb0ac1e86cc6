import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, connect, connected, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/**
 * 二手房交易（联办）: property registration first, then tax and housing fund in
 * parallel, one number throughout.
 */
describe('joint handling (并联/联办)', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const r = await admin.post('/api/v1/admin/services', {
      departmentId: 'general',
      name: { 'zh-CN': '二手房交易联办', en: 'Second-hand home sale (joint)' },
      prefix: 'J',
      route: { steps: [['property'], ['tax', 'fund']] },
    });
    expect(r.status).toBe(201);
    (globalThis as any).jointId = r.body.service.id;
  });

  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('refuses a route naming unknown services or itself', async () => {
    const bad = await admin.post('/api/v1/admin/services', {
      departmentId: 'general', name: { 'zh-CN': 'x' }, prefix: 'K', route: { steps: [['nope']] },
    });
    expect(bad.status).toBe(404);
    expect(bad.body.error).toMatchObject({ code: 'SERVICE_NOT_FOUND', field: 'route.steps.0' });
  });

  it('walks the steps keeping one number; the parallel step finishes in either order', async () => {
    for (const order of [['w6', 'w4'], ['w4', 'w6']] as const) {
      const issued = await admin.post('/api/v1/tickets', { serviceId: (globalThis as any).jointId });
      expect(issued.status).toBe(201);
      const t = issued.body.ticket;
      expect(t).toMatchObject({ serviceId: 'property', step: { index: 1, total: 2 } });
      expect(t.number).toMatch(/^J\d{3}$/);
      const anon = new Api(hall.url);
      expect((await anon.get(`/api/v1/track/${t.trackToken}`)).body.view.step).toEqual({ index: 1, total: 2 });

      const w1 = await clerkAt(hall.url, 1);
      expect((await w1.post('/api/v1/windows/w1/call-next')).body.ticket.number).toBe(t.number);
      await w1.post('/api/v1/windows/w1/finish');

      // Step 2: the same number now waits at tax (w6) and fund (w4) at once.
      const track2 = (await anon.get(`/api/v1/track/${t.trackToken}`)).body.view;
      expect(track2).toMatchObject({ number: t.number, status: 'waiting', step: { index: 2, total: 2 } });
      const clerks = { w6: await clerkAt(hall.url, 6), w4: await clerkAt(hall.url, 4) };
      const [a, b] = order;
      const first = await clerks[a].post(`/api/v1/windows/${a}/call-next`);
      expect(first.body.ticket).toMatchObject({ number: t.number, step: { index: 2, total: 2 } });
      const view = (await anon.get(`/api/v1/track/${t.trackToken}`)).body.view;
      expect(view).toMatchObject({ status: 'called', windowNumber: Number(a.slice(1)) });
      await clerks[a].post(`/api/v1/windows/${a}/finish`);
      // Still waiting at the other window: the case is not done.
      expect((await anon.get(`/api/v1/track/${t.trackToken}`)).body.view.status).toBe('waiting');
      const second = await clerks[b].post(`/api/v1/windows/${b}/call-next`);
      expect(second.body.ticket.number).toBe(t.number);
      await clerks[b].post(`/api/v1/windows/${b}/finish`);
      expect((await anon.get(`/api/v1/track/${t.trackToken}`)).body.view).toMatchObject({ status: 'done', step: { index: 2, total: 2 } });
      // Nothing of the case is left waiting anywhere.
      const left = hall.deps.ctx.store.db.prepare(`SELECT COUNT(*) n FROM tickets WHERE number = ? AND status = 'waiting'`).get(t.number) as { n: number };
      expect(left.n).toBe(0);
    }
  });

  it('a no-show at a step stops the case; the log rebuilds the same state', async () => {
    const t = (await admin.post('/api/v1/tickets', { serviceId: (globalThis as any).jointId })).body.ticket;
    const w2 = await clerkAt(hall.url, 2);
    expect((await w2.post('/api/v1/windows/w2/call-next')).body.ticket.number).toBe(t.number);
    await w2.post('/api/v1/windows/w2/no-show');
    const view = (await new Api(hall.url).get(`/api/v1/track/${t.trackToken}`)).body.view;
    expect(view.status).toBe('no_show');
    const n = hall.deps.ctx.store.db.prepare(`SELECT COUNT(*) n FROM tickets WHERE case_id = ?`).get(t.id) as { n: number };
    expect(n.n).toBe(1);

    const store = hall.deps.ctx.store;
    const dump = () => store.db.prepare('SELECT * FROM tickets ORDER BY id').all();
    const before = dump();
    store.rebuildFromLog();
    expect(dump()).toEqual(before);
  });

  it('a counter sees the step of the ticket it calls over the socket', async () => {
    const t = (await admin.post('/api/v1/tickets', { serviceId: (globalThis as any).jointId })).body.ticket;
    const clerk = await clerkAt(hall.url, 10);
    const s = connect(hall.url, '/counter', clerk.token!);
    await connected(s);
    const ack = await s.timeout(5000).emitWithAck('call-next', {});
    expect(ack.ticket).toMatchObject({ number: t.number, step: { index: 1, total: 2 } });
    s.close();
  });

  it('the case keeps its service of issue: the report counts it under the joint service, steps as step work', async () => {
    const jointId = (globalThis as any).jointId as string;
    // Earlier cases here ended or are in hand at window 10: nothing else waits at property, tax or fund.
    const t = (await admin.post('/api/v1/tickets', { serviceId: jointId })).body.ticket;
    expect(t).toMatchObject({ serviceId: 'property', caseServiceId: jointId });
    const day = t.businessDay;
    const report = async () => {
      const r = await admin.get(`/api/v1/admin/reports?period=day&from=${day}&to=${day}&by=service`);
      expect(r.status).toBe(200);
      const row = (k: string) => r.body.rows.find((x: any) => x.key === k) ?? { issued: 0, steps: 0, completed: 0, served: 0 };
      return { joint: row(jointId), property: row('property'), tax: row('tax'), totals: r.body.totals };
    };
    const before = await report();
    for (const w of ['w1', 'w6', 'w4']) {
      const c = await clerkAt(hall.url, Number(w.slice(1)));
      const called = await c.post(`/api/v1/windows/${w}/call-next`);
      expect(called.body.ticket.number).toBe(t.number);
      await c.post(`/api/v1/windows/${w}/finish`);
    }
    const after = await report();
    expect(after.joint.issued - before.joint.issued).toBe(0); // issued before the first report
    expect(after.joint.issued).toBeGreaterThanOrEqual(1);
    expect(after.joint.completed - before.joint.completed).toBe(1);
    expect(after.joint.caseAvg).toBeGreaterThanOrEqual(0);
    expect(after.property.issued).toBe(0); // nothing was ever issued for property itself in this file
    expect(after.property.steps - before.property.steps).toBe(0);
    expect(after.property.served - before.property.served).toBe(1);
    expect(after.tax.steps - before.tax.steps).toBe(1);
    expect(after.tax.served - before.tax.served).toBe(1);
    expect(after.totals.issued).toBe(after.joint.issued);
  });
});
