import { describe, expect, it } from 'vitest';
import { EachHall } from '../helpers/each-hall.js';
import { Api, DEMO_STAFF_PASSWORD, clerkAt } from '../helpers/hall.js';
import { bareKiosk, idNumber, patchSettings, readCard } from '../helpers/features.js';

describe('green channel and priority groups', () => {
  const h = new EachHall();

  it('administrators manage the categories; staff can read them', async () => {
    const list = await h.admin.get('/api/v1/admin/priority-categories');
    expect(list.body.categories.map((c: any) => [c.id, c.priorityClass])).toEqual([
      ['green-investment', 'green'],
      ['elderly', 'priority'],
      ['disabled', 'priority'],
      ['pregnant', 'priority'],
      ['veteran', 'priority'],
    ]);
    const made = await h.admin.post('/api/v1/admin/priority-categories', { id: 'firefighter', name: { 'zh-CN': '消防救援人员' }, priorityClass: 'priority', sortOrder: 9 });
    expect(made.status).toBe(201);
    expect((await h.admin.post('/api/v1/admin/priority-categories', { id: 'firefighter', name: { 'zh-CN': 'x' }, priorityClass: 'priority' })).body.error.code).toBe(
      'PRIORITY_CATEGORY_EXISTS',
    );
    const changed = await h.admin.req('PUT', '/api/v1/admin/priority-categories/firefighter', { name: { 'zh-CN': '消防员' }, priorityClass: 'green', active: false });
    expect(changed.body.category).toMatchObject({ id: 'firefighter', priorityClass: 'green', active: false });
    const bad = await h.admin.post('/api/v1/admin/priority-categories', { id: 'x', name: { 'zh-CN': 'x' }, priorityClass: 'appointment' });
    expect(bad.status).toBe(400);

    const clerk = await clerkAt(h.hall.url, 1);
    expect((await clerk.get('/api/v1/admin/priority-categories')).body.categories).toHaveLength(6);
    expect((await clerk.post('/api/v1/admin/priority-categories', { id: 'y', name: { 'zh-CN': 'y' }, priorityClass: 'priority' })).status).toBe(403);

    expect((await h.admin.req('DELETE', '/api/v1/admin/priority-categories/firefighter')).status).toBe(200);
    expect((await h.admin.req('DELETE', '/api/v1/admin/priority-categories/firefighter')).status).toBe(404);
    const audit = (await h.admin.get('/api/v1/admin/audit?type=config.priority_category')).body.events;
    expect(audit.map((e: any) => e.type)).toContain('config.priority_category.deleted');
  });

  it('staff issue by category: the class follows, and who granted it is on the ticket and in its issue event', async () => {
    const clerk = await clerkAt(h.hall.url, 5);
    const me = (await clerk.get('/api/v1/auth/me')).body.user;
    const green = await clerk.post('/api/v1/tickets', { serviceId: 'business', priorityCategory: 'green-investment' });
    expect(green.status).toBe(201);
    expect(green.body.ticket.priority).toBe('green');
    const veteran = await clerk.post('/api/v1/tickets', { serviceId: 'business', priorityCategory: 'veteran' });
    expect(veteran.body.ticket.priority).toBe('priority');

    const read = await clerk.get(`/api/v1/tickets/${green.body.ticket.id}`);
    expect(read.body.grant).toEqual({ reason: 'staff', categoryId: 'green-investment', grantedBy: me.id });
    const issued = read.body.history.find((e: any) => e.type === 'ticket.issued');
    expect(issued.actorId).toBe(me.id);
    expect(issued.data.grant).toEqual({ reason: 'staff', categoryId: 'green-investment', grantedBy: me.id });

    // A plain class chosen by staff is recorded too; normal tickets have no grant.
    const plain = await clerk.post('/api/v1/tickets', { serviceId: 'business', priority: 'priority' });
    expect((await clerk.get(`/api/v1/tickets/${plain.body.ticket.id}`)).body.grant).toEqual({ reason: 'staff', categoryId: null, grantedBy: me.id });
    const normal = await clerk.post('/api/v1/tickets', { serviceId: 'business' });
    expect((await clerk.get(`/api/v1/tickets/${normal.body.ticket.id}`)).body.grant).toBeNull();

    // The green ticket is called first, and a transfer keeps the grant.
    const call = await clerk.post('/api/v1/windows/w5/call-next');
    expect(call.body.ticket.id).toBe(green.body.ticket.id);
    const moved = await clerk.post('/api/v1/windows/w5/transfer', { toServiceId: 'tax' });
    expect((await clerk.get(`/api/v1/tickets/${moved.body.ticket.id}`)).body.grant.categoryId).toBe('green-investment');
  });

  it('categories are refused to kiosks, and unknown, retired or contradicting ones to staff', async () => {
    const kiosk = await bareKiosk(h.admin);
    const k = await kiosk.api.post('/api/v1/tickets', { serviceId: 'business', priorityCategory: 'elderly' });
    expect(k.status).toBe(403);
    expect(k.body.error.code).toBe('PRIORITY_NOT_ALLOWED');
    const clerk = await clerkAt(h.hall.url, 5);
    expect((await clerk.post('/api/v1/tickets', { serviceId: 'business', priorityCategory: 'nope' })).body.error.code).toBe('PRIORITY_CATEGORY_NOT_FOUND');
    expect((await clerk.post('/api/v1/tickets', { serviceId: 'business', priorityCategory: 'elderly', priority: 'green' })).body.error.code).toBe(
      'PRIORITY_CATEGORY_MISMATCH',
    );
    await h.admin.req('PUT', '/api/v1/admin/priority-categories/pregnant', { name: { 'zh-CN': '孕妇' }, priorityClass: 'priority', active: false });
    expect((await clerk.post('/api/v1/tickets', { serviceId: 'business', priorityCategory: 'pregnant' })).body.error.code).toBe('PRIORITY_CATEGORY_INACTIVE');
  });

  it('a priority-only window calls green and priority tickets and leaves the rest to the other windows', async () => {
    const w5 = (await h.admin.get('/api/v1/admin/windows')).body.windows.find((w: any) => w.id === 'w5');
    const put = await h.admin.req('PUT', '/api/v1/admin/windows/w5', { number: 5, name: w5.name, departmentId: w5.departmentId, services: w5.services, priorityOnly: true });
    expect(put.body.window.priorityOnly).toBe(true);

    const sup = await Api.login(h.hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    const n1 = (await sup.post('/api/v1/tickets', { serviceId: 'business' })).body.ticket;
    const p1 = (await sup.post('/api/v1/tickets', { serviceId: 'business', priorityCategory: 'disabled' })).body.ticket;
    const g1 = (await sup.post('/api/v1/tickets', { serviceId: 'consult', priorityCategory: 'green-investment' })).body.ticket;

    const c5 = await clerkAt(h.hall.url, 5);
    expect((await c5.get('/api/v1/windows/w5/waiting')).body.tickets.map((t: any) => t.id)).toEqual([g1.id, p1.id]);
    expect((await c5.post('/api/v1/windows/w5/call-next')).body.ticket.id).toBe(g1.id);
    expect((await c5.post('/api/v1/windows/w5/call-next')).body.ticket.id).toBe(p1.id);
    expect((await c5.post('/api/v1/windows/w5/call-next')).body.ticket).toBeNull();
    const c10 = await clerkAt(h.hall.url, 10);
    expect((await c10.post('/api/v1/windows/w10/call-next')).body.ticket.id).toBe(n1.id);
  });

  it('a kiosk card holder of the elderly age gets priority automatically; younger ones and a switched-off rule do not', async () => {
    const kiosk = await bareKiosk(h.admin);
    const old = readCard(h.hall, kiosk.id, { name: '李老伯', idNumber: idNumber('1950-05-01', '031') });
    const r = await kiosk.api.post('/api/v1/tickets', { serviceId: 'social', cardToken: old });
    expect(r.status).toBe(201);
    expect(r.body.ticket.priority).toBe('priority');
    const sup = await Api.login(h.hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    expect((await sup.get(`/api/v1/tickets/${r.body.ticket.id}`)).body.grant).toEqual({ reason: 'elderly', categoryId: 'elderly', grantedBy: null });

    // Turns 70 tomorrow: not yet.
    const almost = readCard(h.hall, kiosk.id, { name: '王阿姨', idNumber: idNumber('1956-03-07', '042') });
    expect((await kiosk.api.post('/api/v1/tickets', { serviceId: 'social', cardToken: almost })).body.ticket.priority).toBe('normal');
    // A typed ID number is anybody's word: it proves no age, only a card on the hall's reader does (review of issue 10).
    const typed = await kiosk.api.post('/api/v1/tickets', { serviceId: 'fund', idCard: { name: '赵大爷', idNumber: idNumber('1940-01-01', '051') } });
    expect(typed.status).toBe(201);
    expect(typed.body.ticket.priority).toBe('normal');
    // Staff issuing for an old person decide themselves.
    const staff = await sup.post('/api/v1/tickets', { serviceId: 'fund', idCard: { name: '赵大爷', idNumber: idNumber('1940-01-01', '051') } });
    expect(staff.body.ticket.priority).toBe('normal');

    await patchSettings(h.admin, { elderlyAge: 0 });
    const off = readCard(h.hall, kiosk.id, { name: '李老伯', idNumber: idNumber('1950-05-01', '031') });
    expect((await kiosk.api.post('/api/v1/tickets', { serviceId: 'tax', cardToken: off })).body.ticket.priority).toBe('normal');
    await patchSettings(h.admin, { elderlyAge: 60 });
    const sixty = readCard(h.hall, kiosk.id, { name: '钱先生', idNumber: idNumber('1965-01-01', '061') });
    expect((await kiosk.api.post('/api/v1/tickets', { serviceId: 'tax', cardToken: sixty })).body.ticket.priority).toBe('priority');
  });

  it('fairness keeps normal tickets moving through a long priority queue', async () => {
    const sup = await Api.login(h.hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    const kiosk = await bareKiosk(h.admin);
    const normals: string[] = [];
    for (let i = 0; i < 3; i++) normals.push((await kiosk.api.post('/api/v1/tickets', { serviceId: 'social' })).body.ticket.number);
    for (let i = 0; i < 12; i++) {
      await sup.post('/api/v1/tickets', { serviceId: 'social', priorityCategory: i % 3 === 0 ? 'elderly' : i % 3 === 1 ? 'disabled' : 'veteran' });
    }
    const clerk = await clerkAt(h.hall.url, 3);
    const classes: string[] = [];
    const numbers: string[] = [];
    for (let i = 0; i < 15; i++) {
      const t = (await clerk.post('/api/v1/windows/w3/call-next')).body.ticket;
      classes.push(t.priority === 'normal' ? 'N' : 'P');
      numbers.push(t.number);
    }
    // fairnessRatio 2: two priority tickets, then a waiting normal one.
    expect(classes.join('')).toBe('PPNPPNPPNPPPPPP');
    expect(numbers.filter((_, i) => classes[i] === 'N')).toEqual(normals);
    expect((await clerk.post('/api/v1/windows/w3/call-next')).body.ticket).toBeNull();
  });

  it('green channel is exempt from the fairness ratio by default (greenExemptFromFairness); off, it waits its turn like priority', async () => {
    const sup = await Api.login(h.hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    const kiosk = await bareKiosk(h.admin);
    expect((await h.admin.get('/api/v1/admin/settings')).body.settings.greenExemptFromFairness).toBe(true);
    const bad = await h.admin.req('PATCH', '/api/v1/admin/settings', { greenExemptFromFairness: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    const clerk = await clerkAt(h.hall.url, 3);
    const call = async () => (await clerk.post('/api/v1/windows/w3/call-next')).body.ticket;
    // Fill the priority run (ratio 2) while a normal ticket waits.
    await sup.post('/api/v1/tickets', { serviceId: 'social', priorityCategory: 'elderly' });
    await sup.post('/api/v1/tickets', { serviceId: 'social', priorityCategory: 'disabled' });
    const normal = (await kiosk.api.post('/api/v1/tickets', { serviceId: 'social' })).body.ticket;
    expect((await call()).priority).toBe('priority');
    expect((await call()).priority).toBe('priority');
    // The run is full: a normal ticket is due, but a green-channel ticket arriving now goes first.
    const green = (await sup.post('/api/v1/tickets', { serviceId: 'social', priorityCategory: 'green-investment' })).body.ticket;
    expect(green.priority).toBe('green');
    expect(green.waitingAhead).toBe(0);
    expect((await call()).number).toBe(green.number);
    // Off: the fairness turn applies to green too.
    await patchSettings(h.admin, { greenExemptFromFairness: false });
    const green2 = (await sup.post('/api/v1/tickets', { serviceId: 'social', priorityCategory: 'green-investment' })).body.ticket;
    expect(green2.waitingAhead).toBe(1);
    expect((await call()).number).toBe(normal.number);
    expect((await call()).number).toBe(green2.number);
  });
});
