import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, DEMO_STAFF_PASSWORD, removeDir, startTestHall, tempDir, type ApiResponse } from '../helpers/hall.js';
import { TestClock, bareKiosk, idNumber } from '../helpers/features.js';

/**
 * The served OpenAPI document against the real server: the document itself is valid
 * OAS 3.1 and lints clean with Redocly's recommended rules, and every response of a
 * realistic session validates (JSON Schema 2020-12, ajv) against the schema the
 * document gives for that operation and status, so the document cannot drift.
 */
type Doc = { paths: Record<string, Record<string, { operationId: string; responses: Record<string, any> }>>; components: any };

const TODAY = '2026-03-06'; // the test clock starts on this Friday at 09:00 Shanghai time
const JSON_TYPE = 'application/json';

describe('the OpenAPI document is complete and true', () => {
  let dir: string;
  let hall: RunningHall;
  let doc: Doc;
  let ajv: Ajv2020;
  let clock: TestClock;
  const seen = new Map<string, Set<number>>();
  const problems: string[] = [];
  /** Bodies of the session's new-feature calls, to check that each took the branch it was meant to. */
  const got: Record<string, any> = {};

  /** The operation of the document that serves a concrete request path. */
  function operationOf(method: string, path: string): { key: string; op: Doc['paths'][string][string] } {
    const bare = path.split('?')[0];
    for (const [template, ops] of Object.entries(doc.paths)) {
      const re = new RegExp('^' + template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+') + '$');
      if (re.test(bare) && ops[method.toLowerCase()]) return { key: `${method.toUpperCase()} ${template}`, op: ops[method.toLowerCase()] };
    }
    throw new Error(`${method} ${bare} is not in the document`);
  }

  /** Checks one real response against the document; collects what does not match. */
  function check(method: string, path: string, r: ApiResponse, contentType = JSON_TYPE): ApiResponse {
    const { key, op } = operationOf(method, path);
    let response = op.responses[String(r.status)] ?? op.responses.default;
    if (!response) {
      problems.push(`${key} answered ${r.status}, which the document does not declare`);
      return r;
    }
    const ptr = response.$ref ? response.$ref : null;
    if (ptr) response = doc.components.responses[ptr.split('/').pop()!];
    const media = response.content?.[contentType];
    if (!media) {
      problems.push(`${key} ${r.status}: no ${contentType} content declared`);
      return r;
    }
    if (!seen.has(key)) seen.set(key, new Set());
    seen.get(key)!.add(r.status);
    if (contentType !== JSON_TYPE) return r;
    const validate = ajv.compile(media.schema.$ref ? { $ref: `openapi.json${media.schema.$ref}` } : media.schema);
    if (!validate(r.body)) problems.push(`${key} ${r.status}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(r.body).slice(0, 300)}`);
    return r;
  }

  /** An Api whose every answer is checked. */
  function checked(api: Api): Api {
    const c = new Api(api.base, api.token);
    const req = c.req.bind(c);
    c.req = async (method, path, body, headers) => check(method, path, await req(method, path, body, headers));
    return c;
  }

  async function raw(api: Api, path: string): Promise<{ status: number; type: string }> {
    const res = await fetch(api.base + path, { headers: { authorization: `Bearer ${api.token}` } });
    await res.arrayBuffer();
    return { status: res.status, type: (res.headers.get('content-type') ?? '').split(';')[0] };
  }

  beforeAll(async () => {
    dir = tempDir();
    clock = new TestClock();
    hall = await startTestHall(dir, { now: clock.now });
    doc = (await (await fetch(hall.url + '/api/v1/openapi.json')).json()) as Doc;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(doc as object, 'openapi.json');

    // A realistic session: log in, issue (and replay), call, finish, reports, appointments, admin, refusals.
    const anon = checked(new Api(hall.url));
    const admin = checked(await Api.login(hall.url, 'admin', ADMIN_PASSWORD));
    const sup = checked(await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD));
    const kiosk = checked((await bareKiosk(admin)).api);
    await anon.get('/api/v1/health');
    await admin.get('/api/v1/health');
    await anon.get('/api/v1/services?lang=en');
    await anon.get('/api/v1/departments');
    await anon.get('/api/v1/queue');
    await anon.post('/api/v1/auth/login', { username: 'admin', password: 'wrong-password' });
    await anon.post('/api/v1/auth/login', { username: '' });
    await anon.get('/api/v1/admin/settings');

    const first = await kiosk.post('/api/v1/tickets', { serviceId: 'property' }, { 'Idempotency-Key': 'contract-0001' });
    await kiosk.post('/api/v1/tickets', { serviceId: 'property' }, { 'Idempotency-Key': 'contract-0001' });
    await kiosk.post('/api/v1/tickets', { serviceId: 'property' }, { 'Idempotency-Key': 'short' });
    await kiosk.post('/api/v1/tickets', { serviceId: 'property' });
    await kiosk.post('/api/v1/tickets', { serviceId: 'property' });
    await admin.post('/api/v1/tickets', { serviceId: 'property', priorityCategory: 'green' });
    await anon.get(`/api/v1/track/${first.body.ticket.trackToken}`);
    await anon.get('/api/v1/track/no-such-token');
    await admin.get(`/api/v1/tickets/${first.body.ticket.id}`);

    const screenClient = (await admin.post('/api/v1/admin/clients', { kind: 'display', name: 'window 2 screen', config: { mode: 'window', window: 2 } })).body.client;
    const screen2 = checked(new Api(hall.url, (await admin.post(`/api/v1/admin/clients/${screenClient.id}/token`)).body.token));
    const clerk = checked(await Api.login(hall.url, 'clerk2', DEMO_STAFF_PASSWORD));
    await clerk.get('/api/v1/auth/me');
    await clerk.get('/api/v1/windows');
    await clerk.post('/api/v1/windows/w2/open', {});
    await clerk.post('/api/v1/windows/w3/call-next');
    await clerk.get('/api/v1/windows/w2/waiting');
    await clerk.post('/api/v1/windows/w2/call-next');
    await clerk.post('/api/v1/windows/w2/recall');
    await clerk.post('/api/v1/windows/w2/start');
    await screen2.post('/api/v1/ratings', { windowId: 'w2', grade: 5 });
    await clerk.post('/api/v1/windows/w2/rate-request');
    await screen2.post('/api/v1/ratings', { windowId: 'w2', grade: 2, reasons: ['long_wait'] });
    await screen2.post('/api/v1/ratings', { windowId: 'w3', grade: 5 });
    await clerk.post('/api/v1/windows/w2/finish');
    await clerk.post('/api/v1/windows/w2/call-next');
    await clerk.post('/api/v1/windows/w2/no-show');
    const noShows = await clerk.get('/api/v1/windows/w2/no-shows');
    if (noShows.body.tickets?.[0]) await sup.post(`/api/v1/tickets/${noShows.body.tickets[0].id}/restore`);
    const next = await clerk.post('/api/v1/windows/w2/call-next');
    await clerk.post('/api/v1/windows/w2/transfer', { toServiceId: 'consult' });
    await clerk.post('/api/v1/windows/w2/transfer', {});
    await clerk.post('/api/v1/windows/w2/call-ticket', { number: 'A999' });
    if (next.body.ticket) await sup.post(`/api/v1/tickets/${next.body.ticket.id}/cancel`, { reason: 'left the hall' });
    await clerk.post('/api/v1/windows/w2/pause', { reason: 'lunch' });
    await clerk.post('/api/v1/windows/w2/resume');
    await clerk.post('/api/v1/windows/w2/close');
    await clerk.post('/api/v1/auth/logout');

    // Supervision and reports.
    await sup.get('/api/v1/admin/alerts?open=1');
    await sup.post('/api/v1/admin/alerts/1/ack');
    await sup.get(`/api/v1/admin/reports?from=${TODAY}&to=${TODAY}&by=window`);
    await sup.get('/api/v1/admin/reports?to=2026-03-06');
    await sup.get(`/api/v1/admin/ratings/export?from=${TODAY}&to=${TODAY}`);
    for (const path of [`/api/v1/admin/reports.csv?from=${TODAY}&to=${TODAY}`, `/api/v1/admin/reports.xlsx?from=${TODAY}&to=${TODAY}`, `/api/v1/admin/ratings/export?from=${TODAY}&to=${TODAY}&format=csv`]) {
      const r = await raw(sup, path);
      check('GET', path, { status: r.status, body: null }, r.type);
    }
    await sup.get('/api/v1/admin/voice/screens');
    await sup.post('/api/v1/admin/voice/test', { screenId: 'nobody' });
    await sup.get('/api/v1/admin/audit?limit=20&type=ticket.');

    // Appointments: a platform books (and retries), the kiosk checks in.
    const platformClient = (await admin.post('/api/v1/admin/clients', { kind: 'platform', name: '省政务服务网' })).body.client;
    const platform = checked(new Api(hall.url, (await admin.post(`/api/v1/admin/clients/${platformClient.id}/token`)).body.token));
    // Its callback URL (nothing listens there: the check-in's callback stays pending with its error), and a refusal for a non-platform.
    got.callback = (await admin.req('PUT', `/api/v1/admin/clients/${platformClient.id}/callback`, { callbackUrl: 'https://zwfw.example/callback' })).body;
    await admin.req('PUT', `/api/v1/admin/clients/${screenClient.id}/callback`, { callbackUrl: 'https://zwfw.example/callback' });
    await admin.req('PUT', `/api/v1/admin/clients/${platformClient.id}/callback`, { callbackUrl: 'not a url' });
    await platform.get(`/api/v1/appointments/slots?serviceId=social&date=${TODAY}`);
    await platform.get(`/api/v1/appointments/slots?date=${TODAY}`);
    const person = { name: '张小三', idNumber: idNumber('1990-03-07', '123') };
    const booked = await platform.post('/api/v1/appointments', { serviceId: 'social', date: TODAY, slotStart: '10:00', ...person }, { 'Idempotency-Key': 'booking-0001' });
    await platform.post('/api/v1/appointments', { serviceId: 'social', date: TODAY, slotStart: '10:00', ...person }, { 'Idempotency-Key': 'booking-0001' });
    const other = await platform.post('/api/v1/appointments', { serviceId: 'social', date: TODAY, slotStart: '10:30', name: '李四', idNumber: idNumber('1985-01-02', '456') });
    await sup.get(`/api/v1/appointments?date=${TODAY}`);
    if (!booked.body.ok) throw new Error(`booking failed: ${JSON.stringify(booked.body)}`);
    clock.set('2026-03-06T01:40:00Z'); // 09:40, on time for the 10:00 slot
    await kiosk.post('/api/v1/appointments/check-in', { code: booked.body.appointment.code });
    await kiosk.post('/api/v1/appointments/check-in', { code: booked.body.appointment.code });
    await kiosk.post('/api/v1/appointments/check-in', { code: 'NOPE1234' });
    await platform.post(`/api/v1/appointments/${other.body.appointment.id}/cancel`);
    await admin.req('PUT', '/api/v1/admin/appointment-slots', { serviceId: 'social', date: TODAY, slots: [{ start: '13:00', end: '14:00', capacity: 3 }] });

    // Remote queueing (线上取号) with a quota: take a number (and replay it), arrive by the door QR, arrive at the kiosk by code.
    await anon.get('/api/v1/remote');
    await admin.req('PATCH', '/api/v1/admin/settings', {
      remoteQueue: { enabled: true, arrivalRule: 'keep', expireMinutes: 60, perDevicePerDay: 3, perPersonPerDay: 3, quotas: { social: 3 }, doorCode: 'new' },
      notify: { aheadThreshold: 2, webhookUrl: '', includeTrackToken: false, maxAttempts: 3 },
    });
    got.offers = (await anon.get('/api/v1/remote')).body;
    const phone = { deviceId: 'phone-contract-0123456789', name: '王五', idNumber: idNumber('1970-07-07', '789') };
    got.remote = (await anon.post('/api/v1/remote/tickets', { serviceId: 'social', ...phone }, { 'Idempotency-Key': 'remote-0001' })).body;
    await anon.post('/api/v1/remote/tickets', { serviceId: 'social', ...phone }, { 'Idempotency-Key': 'remote-0001' });
    await anon.post('/api/v1/remote/tickets', { serviceId: 'property', ...phone });
    const token = got.remote.ticket.trackToken;
    got.remoteTrack = (await anon.get(`/api/v1/track/${token}`)).body;
    await anon.post(`/api/v1/track/${token}/arrive`, { door: 'wrong-door-code' });
    got.door = (await sup.get('/api/v1/remote/door')).body;
    await anon.get('/api/v1/remote/door');
    got.arrived = (await anon.post(`/api/v1/track/${token}/arrive`, { door: got.door.code })).body;
    const second = (await anon.post('/api/v1/remote/tickets', { serviceId: 'social', ...phone })).body;
    got.kioskArrival = (await kiosk.post('/api/v1/appointments/check-in', { code: second.view.remote.arrivalCode })).body;
    const third = (await anon.post('/api/v1/remote/tickets', { serviceId: 'social', ...phone })).body;
    got.staffArrival = (await sup.post('/api/v1/windows/w1/remote-arrival', { number: third.ticket.number })).body;
    await sup.post('/api/v1/windows/w1/remote-arrival', { number: 'Z999' });

    // 按承诺办结: a ticket in hand past its service's promised 60 minutes; the outbox as supervisors see it.
    const clerk1 = checked(await Api.login(hall.url, 'clerk1', DEMO_STAFF_PASSWORD));
    await clerk1.post('/api/v1/windows/w1/open', {});
    await clerk1.post('/api/v1/windows/w1/call-next');
    await clerk1.post('/api/v1/windows/w1/start');
    clock.set('2026-03-06T03:00:00Z'); // 11:00, 80 minutes later
    got.overdue = (await sup.get('/api/v1/admin/overdue')).body;
    got.notifications = (await sup.get('/api/v1/admin/notifications?limit=20')).body;
    await sup.get('/api/v1/admin/notifications?limit=0');

    // The ratings export in the provincial 好差评 platform's fields.
    got.haochaping = (await sup.get(`/api/v1/admin/ratings/export?from=${TODAY}&to=${TODAY}&profile=haochaping`)).body;
    await sup.get(`/api/v1/admin/ratings/export?from=${TODAY}&to=${TODAY}&profile=nope`);
    {
      const path = `/api/v1/admin/ratings/export?from=${TODAY}&to=${TODAY}&format=csv&profile=haochaping`;
      const r = await raw(sup, path);
      check('GET', path, { status: r.status, body: null }, r.type);
    }

    // Administration.
    await admin.get('/api/v1/admin/settings');
    await admin.req('PATCH', '/api/v1/admin/settings', { maxRecalls: 3 });
    await admin.req('PATCH', '/api/v1/admin/settings', { maxRecalls: 'three' });
    await admin.req('PUT', '/api/v1/admin/departments/d-test', { name: { 'zh-CN': '测试部门' } });
    await admin.get('/api/v1/admin/services');
    await admin.post('/api/v1/admin/services', { departmentId: 'd-test', name: { 'zh-CN': '测试事项' }, prefix: 'T' });
    await admin.req('PUT', '/api/v1/admin/services/no-such', { departmentId: 'd-test', name: { 'zh-CN': '测试' }, prefix: 'T' });
    await admin.get('/api/v1/admin/windows');
    const win = await admin.post('/api/v1/admin/windows', { number: 99, name: '99号窗口', departmentId: 'd-test', services: [] });
    await admin.req('PUT', `/api/v1/admin/windows/${win.body.window.id}`, { number: 99, name: '九十九', departmentId: 'd-test', services: [] });
    await admin.get('/api/v1/admin/users');
    const user = await admin.post('/api/v1/admin/users', { username: 'clerk99', name: '新同事', role: 'clerk', password: 'a-good-password' });
    await admin.req('PATCH', `/api/v1/admin/users/${user.body.user.id}`, { active: false });
    await admin.get('/api/v1/admin/clients');
    const screen = await admin.post('/api/v1/admin/clients', { kind: 'display', name: 'window 2 screen', config: { windowId: 'w2' } });
    await admin.req('PUT', `/api/v1/admin/clients/${screen.body.client.id}/agent`, { agent: false });
    await admin.post(`/api/v1/admin/clients/${screen.body.client.id}/revoke`);
    await admin.get('/api/v1/admin/devices');
    await admin.req('PUT', '/api/v1/admin/devices/test-led', { kind: 'led', uri: 'sim:led', ownerKind: 'hall', ownerId: null, options: {}, enabled: true });
    await admin.post('/api/v1/admin/devices/kiosk-1-reader/simulate', { action: 'place-card' });
    await admin.post('/api/v1/admin/devices/kiosk-1-printer/simulate', { action: 'paper', paper: 'near-end' });
    await admin.post('/api/v1/admin/devices/kiosk-1-printer/simulate', { action: 'last-ticket' });
    await admin.post('/api/v1/admin/devices/kiosk-1-printer/simulate', { action: 'remove-card' });
    await admin.req('DELETE', '/api/v1/admin/devices/test-led');
    await admin.req('DELETE', '/api/v1/admin/devices/test-led');
    await admin.get('/api/v1/admin/priority-categories');
    await admin.post('/api/v1/admin/priority-categories', { id: 'veterans', name: { 'zh-CN': '军人' }, priorityClass: 'priority' });
    await admin.req('PUT', '/api/v1/admin/priority-categories/veterans', { name: { 'zh-CN': '军人优先' }, priorityClass: 'priority' });
    await admin.req('DELETE', '/api/v1/admin/priority-categories/veterans');
    await admin.get('/api/v1/admin/uplink');
    await admin.req('PATCH', '/api/v1/admin/uplink', { enabled: false, hallId: 'hall-1' });
    await admin.post('/api/v1/admin/retention/run');
    await admin.get('/api/v1/admin/backups');
    await admin.post('/api/v1/admin/backups');
  }, 120_000);

  afterAll(async () => {
    await hall?.close();
    if (dir) removeDir(dir);
  });

  it('every real response of the session matches the schema the document gives for its operation and status', () => {
    expect(problems).toEqual([]);
  });

  it('the session took the branches of the new features (remote numbers, arrivals, overdue, outbox, callback, 好差评 export)', () => {
    expect(got.offers).toMatchObject({ enabled: true, doorCheckIn: true, services: [{ id: 'social', quotaLeft: 3 }] });
    expect(got.remote).toMatchObject({ ok: true, replayed: false, ticket: { status: 'remote' }, view: { status: 'remote', remote: { arrivalRule: 'keep', doorCheckIn: true } } });
    expect(got.remoteTrack.view).toMatchObject({ status: 'remote', notifyAhead: 2, promisedMinutes: 20, fees: { 'zh-CN': expect.any(String) } });
    expect(got.arrived).toMatchObject({ ok: true, view: { status: 'waiting' } });
    expect(got.arrived.view.remote).toBeUndefined();
    expect(got.kioskArrival).toMatchObject({ ok: true, arrived: true, printed: false, ticket: { status: 'waiting' } });
    expect(got.door).toMatchObject({ ok: true, enabled: true, code: expect.stringMatching(/^[0-9a-f]{20}$/) });
    expect(got.staffArrival).toMatchObject({ ok: true, ticket: { status: 'waiting' } });
    expect(got.overdue.cases).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'service', serviceId: 'property', promisedMinutes: 60 })]));
    expect(got.overdue.byWindow).toEqual(expect.arrayContaining([{ windowId: 'w1', count: 1 }]));
    expect(got.callback).toMatchObject({ ok: true, client: { kind: 'platform', config: { callbackUrl: 'https://zwfw.example/callback' } } });
    expect(got.notifications.notifications).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'appointment.checked_in', host: 'zwfw.example' })]));
    expect(JSON.stringify(got.notifications)).not.toContain('张小三');
    expect(got.haochaping).toMatchObject({ ok: true, profile: 'haochaping' });
    expect(got.haochaping.records.length).toBeGreaterThan(0);
    expect(got.haochaping.records[0]).toMatchObject({ alternate: expect.any(Number), alternateName: expect.any(String), pf: '4', windowNo: '2' });
  });

  it('the session covers every operation, and the statuses the issue named are declared', () => {
    const all = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(all.filter((k) => !seen.has(k))).toEqual([]);
    expect([...seen.get('POST /api/v1/tickets')!]).toEqual(expect.arrayContaining([200, 201, 400]));
    expect(seen.get('POST /api/v1/appointments/check-in')!.has(201)).toBe(true);
    expect(seen.get('POST /api/v1/appointments/check-in')!.has(200)).toBe(true);
  });

  it('declares operationIds, servers, explicit security, required parameters and the Idempotency-Key rule', () => {
    const ops = Object.values(doc.paths).flatMap((o) => Object.values(o)) as any[];
    const ids = ops.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ops.length);
    expect((doc as any).servers.length).toBeGreaterThan(0);
    for (const o of ops) expect(Array.isArray(o.security)).toBe(true);
    expect(doc.paths['/api/v1/health'].get).toMatchObject({ security: [] });
    expect(doc.paths['/api/v1/tickets'].post).toMatchObject({ security: [{ bearer: [] }] });
    const param = (path: string, method: string, name: string) => (doc.paths[path][method] as any).parameters.find((p: any) => p.name === name);
    for (const path of ['/api/v1/admin/reports', '/api/v1/admin/reports.csv', '/api/v1/admin/ratings/export']) expect(param(path, 'get', 'from').required).toBe(true);
    expect(param('/api/v1/appointments/slots', 'get', 'serviceId').required).toBe(true);
    expect(param('/api/v1/tickets', 'post', 'Idempotency-Key').schema).toMatchObject({ minLength: 8, maxLength: 128, pattern: expect.any(String) });
    const refusal = JSON.stringify(doc.components.responses.BadRequest);
    expect(refusal).toContain('#/components/schemas/Error');
    expect(JSON.stringify(doc.paths)).not.toContain('"ok":{"const":false');
  });

  it('a reply with a field its schema lacks, or without a required one, fails the check (the check can fail)', () => {
    const { op } = operationOf('POST', '/api/v1/tickets');
    const validate = ajv.compile({ $ref: `openapi.json${op.responses['201'].content[JSON_TYPE].schema.$ref}` });
    const ticket = { id: 't1', number: 'A001', serviceId: 'property', status: 'waiting', priority: 'normal', issuedAt: 'x', waitingAhead: 0, estimatedWaitSeconds: 0, trackToken: 'k', businessDay: TODAY, recallCount: 0 };
    expect(validate({ ok: true, ticket, replayed: false })).toBe(true);
    expect(validate({ ok: true, ticket: { ...ticket, idNumber: '110101199003071234' }, replayed: false })).toBe(false);
    const { trackToken: _t, ...withoutToken } = ticket;
    expect(validate({ ok: true, ticket: withoutToken, replayed: false })).toBe(false);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("passes Redocly's recommended lint rules with no errors", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const found = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const errors = found.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
    const warnings = found.filter((p) => p.severity === 'warn').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(warnings).toEqual([]);
  });

  it('a conditional read is declared: every GET answers 304 to a matching If-None-Match and names its ETag; 429 names Retry-After', async () => {
    const first = await fetch(`${hall.url}/api/v1/services`);
    await first.arrayBuffer();
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^W\//);
    // node:http, not fetch: fetch adds Cache-Control: no-cache to a conditional request, which must (and does) get a 200
    const again = await new Promise<number>((resolve, reject) =>
      get(`${hall.url}/api/v1/services`, { headers: { 'if-none-match': tag! } }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject),
    );
    expect(again).toBe(304);
    const declared = doc.paths['/api/v1/services'].get.responses['304'];
    expect(declared).toBeDefined();
    expect(declared.content).toBeUndefined();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const ok = op.responses['200'] ?? op.responses['201'];
        expect(!!op.responses['304'], `${method} ${path}: 304`).toBe(method === 'get');
        expect(!!ok?.headers?.ETag, `${method} ${path}: ETag`).toBe(method === 'get');
      }
    }
    expect(doc.components.responses.TooManyRequests.headers['Retry-After'].schema).toMatchObject({ type: 'integer' });
  });
});
