import { beforeEach, describe, expect, it } from 'vitest';
import { EachHall } from '../helpers/each-hall.js';
import { Api, DEMO_STAFF_PASSWORD, clerkAt } from '../helpers/hall.js';
import { bareKiosk, idNumber, patchService, patchSettings, readCard } from '../helpers/features.js';

describe('per-person limits (anti-scalper)', () => {
  const h = new EachHall();
  let kiosk: { id: string; api: Api };

  beforeEach(async () => {
    kiosk = await bareKiosk(h.admin);
  });

  it('a service that requires an ID card refuses kiosk tickets without one, with a message the kiosk can show', async () => {
    const saved = await patchService(h.admin, 'property', { idCardRequired: true });
    expect(saved.idCardRequired).toBe(true);
    const services = (await kiosk.api.get('/api/v1/services')).body;
    expect(services.find((s: any) => s.id === 'property').idCardRequired).toBe(true);
    expect(services.find((s: any) => s.id === 'social').idCardRequired).toBeUndefined();

    const refused = await kiosk.api.post('/api/v1/tickets', { serviceId: 'property' });
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ ok: false, error: { code: 'ID_CARD_REQUIRED', message: expect.stringMatching(/ID card/), field: 'cardToken' } });
    expect(h.hall.deps.ctx.store.tickets.count()).toBe(0);

    const card = readCard(h.hall, kiosk.id, { name: '张小三', idNumber: idNumber('1990-03-07') });
    expect((await kiosk.api.post('/api/v1/tickets', { serviceId: 'property', cardToken: card })).status).toBe(201);
    // Staff see the citizen: no card needed at the desk. Other services are unaffected.
    const sup = await Api.login(h.hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    expect((await sup.post('/api/v1/tickets', { serviceId: 'property' })).status).toBe(201);
    expect((await kiosk.api.post('/api/v1/tickets', { serviceId: 'social' })).status).toBe(201);
  });

  it('at most maxWaitingPerPerson active tickets per person and service a day; a finished ticket frees a place', async () => {
    await patchService(h.admin, 'social', { maxWaitingPerPerson: 2 });
    const zhang = { name: '张小三', idNumber: idNumber('1990-03-07') };
    const take = (card: object, serviceId = 'social') =>
      kiosk.api.post('/api/v1/tickets', { serviceId, cardToken: readCard(h.hall, kiosk.id, card as never) });

    expect((await take(zhang)).status).toBe(201);
    expect((await take(zhang)).status).toBe(201);
    const third = await take(zhang);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('PERSON_LIMIT_REACHED');
    expect(third.body.error.message).toMatch(/at most 2 per person/);
    // The same person typed in (idCard) is the same HMAC: still refused.
    expect((await kiosk.api.post('/api/v1/tickets', { serviceId: 'social', idCard: zhang })).body.error.code).toBe('PERSON_LIMIT_REACHED');
    // Someone else, or another service, is fine.
    expect((await take({ name: '李四', idNumber: idNumber('1985-11-20', '456') })).status).toBe(201);
    expect((await take(zhang, 'fund')).status).toBe(201);
    // Anonymous kiosk tickets cannot be counted per person (require a card to stop that).
    expect((await kiosk.api.post('/api/v1/tickets', { serviceId: 'social' })).status).toBe(201);

    // Served and finished: the place is free again.
    const clerk = await clerkAt(h.hall.url, 3);
    await clerk.post('/api/v1/windows/w3/call-next');
    await clerk.post('/api/v1/windows/w3/finish');
    expect((await take(zhang)).status).toBe(201);
    expect((await take(zhang)).body.error.code).toBe('PERSON_LIMIT_REACHED');
  });

  it('a retried request (same Idempotency-Key) is not counted against the limit', async () => {
    await patchService(h.admin, 'tax', { maxWaitingPerPerson: 1 });
    const card = { name: '王五', idNumber: idNumber('1970-07-07', '789') };
    const first = await kiosk.api.post('/api/v1/tickets', { serviceId: 'tax', idCard: card }, { 'Idempotency-Key': 'limit-retry-0001' });
    const again = await kiosk.api.post('/api/v1/tickets', { serviceId: 'tax', idCard: card }, { 'Idempotency-Key': 'limit-retry-0001' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.ticket.id).toBe(first.body.ticket.id);
  });

  it('limits can be switched off again and are validated', async () => {
    await patchService(h.admin, 'social', { maxWaitingPerPerson: 1, idCardRequired: true });
    const off = await patchService(h.admin, 'social', { maxWaitingPerPerson: null, idCardRequired: false });
    expect(off).toMatchObject({ maxWaitingPerPerson: null, idCardRequired: false });
    const s = (await h.admin.get('/api/v1/admin/services')).body.services.find((x: any) => x.id === 'social');
    const bad = await h.admin.req('PUT', '/api/v1/admin/services/social', { ...s, id: undefined, maxWaitingPerPerson: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('maxWaitingPerPerson');
  });

  it('at most maxPerPersonPerDay tickets per person and service a business day, even taken one after another', async () => {
    await patchService(h.admin, 'social', { maxPerPersonPerDay: 2 });
    const zhang = { name: '张小三', idNumber: idNumber('1990-03-07') };
    const take = (serviceId = 'social', card: object = zhang) => kiosk.api.post('/api/v1/tickets', { serviceId, cardToken: readCard(h.hall, kiosk.id, card as never) });
    const clerk = await clerkAt(h.hall.url, 3);
    for (let i = 0; i < 2; i++) {
      expect((await take()).status).toBe(201);
      await clerk.post('/api/v1/windows/w3/call-next');
      await clerk.post('/api/v1/windows/w3/finish'); // nothing held any more…
    }
    const third = await take(); // …but two taken today
    expect(third.status).toBe(409);
    expect(third.body).toEqual({ ok: false, error: { code: 'PERSON_DAILY_LIMIT_REACHED', message: expect.stringMatching(/at most 2 per person a day/) } });
    expect((await take('social', { name: '李四', idNumber: idNumber('1985-11-20', '456') })).status).toBe(201);
    expect((await take('fund')).status).toBe(201);
    // A new business day starts a new count.
    h.clock.advance(24 * 60);
    expect((await take()).status).toBe(201);
  });

  it('hall-wide: at most personMaxWaiting held at once and personMaxPerDay a day, all services together', async () => {
    await patchSettings(h.admin, { personMaxWaiting: 2, personMaxPerDay: 3 });
    const wang = { name: '王五', idNumber: idNumber('1970-07-07', '789') };
    const take = (serviceId: string) => kiosk.api.post('/api/v1/tickets', { serviceId, cardToken: readCard(h.hall, kiosk.id, wang as never) });
    expect((await take('social')).status).toBe(201);
    expect((await take('fund')).status).toBe(201);
    const held = await take('tax');
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe('PERSON_HALL_LIMIT_REACHED');
    expect(held.body.error.message).toMatch(/at most 2 at once/);
    // One done: a place is free, until the third of the day.
    const clerk = await clerkAt(h.hall.url, 3);
    await clerk.post('/api/v1/windows/w3/call-next');
    await clerk.post('/api/v1/windows/w3/finish');
    expect((await take('tax')).status).toBe(201);
    // Three taken today: with no limit at once, the daily one still holds.
    await patchSettings(h.admin, { personMaxWaiting: 0 });
    const day = await take('property');
    expect(day.status).toBe(409);
    expect(day.body.error.code).toBe('PERSON_HALL_DAILY_LIMIT_REACHED');
    expect(day.body.error.message).toMatch(/at most 3 a day/);
    // Validated: negative limits are refused, 0 switches off.
    const bad = await h.admin.req('PATCH', '/api/v1/admin/settings', { personMaxPerDay: -1 });
    expect(bad.status).toBe(400);
    await patchSettings(h.admin, { personMaxWaiting: 0, personMaxPerDay: 0 });
    expect((await take('property')).status).toBe(201);
  });
});
