import { describe, expect, it } from 'vitest';
import { EachHall } from '../helpers/each-hall.js';
import { Api, clerkAt } from '../helpers/hall.js';

/** 按承诺办结: the supervisors' live list of cases past their promised time, over HTTP. */
describe('cases past their promised time', () => {
  const h = new EachHall();

  it('lists a ticket in hand past its service\'s promise, and a joint case end to end, with counts per service and window', async () => {
    const joint = (await h.admin.post('/api/v1/admin/services', {
      departmentId: 'general', name: { 'zh-CN': '二手房交易联办' }, prefix: 'J', promisedMinutes: 90,
      route: { steps: [['property'], ['tax', 'fund']] },
    })).body.service;
    const j = (await h.admin.post('/api/v1/tickets', { serviceId: joint.id })).body.ticket;
    const s = (await h.admin.post('/api/v1/tickets', { serviceId: 'social' })).body.ticket;
    const w1 = await clerkAt(h.hall.url, 1);
    const w3 = await clerkAt(h.hall.url, 3);
    expect((await w1.post('/api/v1/windows/w1/call-next')).body.ticket.id).toBe(j.id);
    expect((await w3.post('/api/v1/windows/w3/call-next')).body.ticket.id).toBe(s.id);

    h.clock.advance(19);
    expect((await h.admin.get('/api/v1/admin/overdue')).body).toMatchObject({ ok: true, cases: [], byService: [], byWindow: [] });

    h.clock.advance(2); // 09:21: social (20 min promised) has been in hand 21 minutes
    let list = (await h.admin.get('/api/v1/admin/overdue')).body;
    expect(list.cases).toEqual([
      expect.objectContaining({ kind: 'service', ticketId: s.id, number: s.number, serviceId: 'social', windowIds: ['w3'], elapsedMinutes: 21, promisedMinutes: 20, overMinutes: 1 }),
    ]);
    expect(list.byWindow).toEqual([{ windowId: 'w3', count: 1 }]);

    // The joint case's first step ends; it now waits at tax and fund. Its clock runs from issue.
    await w1.post('/api/v1/windows/w1/finish');
    h.clock.advance(70); // 10:31: 91 minutes since the case was issued
    list = (await h.admin.get('/api/v1/admin/overdue')).body;
    const c = list.cases.find((x: any) => x.kind === 'case');
    expect(c).toMatchObject({ ticketId: j.id, number: j.number, serviceId: joint.id, windowIds: [], step: { index: 2, total: 2 }, elapsedMinutes: 91, promisedMinutes: 90, overMinutes: 1 });
    expect([...c.stepServiceIds].sort()).toEqual(['fund', 'tax']);
    expect(list.cases[0].ticketId).toBe(s.id); // most overdue first (71 minutes over)
    expect(list.byService).toEqual(expect.arrayContaining([{ serviceId: 'social', count: 1 }, { serviceId: joint.id, count: 1 }]));

    // Supervisors and admins only.
    expect((await new Api(h.hall.url).get('/api/v1/admin/overdue')).status).toBe(401);
    expect((await w3.get('/api/v1/admin/overdue')).status).toBe(403);
  });
});
