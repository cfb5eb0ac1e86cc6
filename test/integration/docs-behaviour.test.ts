import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, DEMO_STAFF_PASSWORD, clerkAt, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { TestClock, bareKiosk, idNumber } from '../helpers/features.js';

/**
 * What the README says the interface does where it differs from ../shared/API.md,
 * checked against the running hall: the documented row must exist and agree.
 */
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const row = (call: string): string => {
  const line = README.split('\n').find((l) => l.startsWith(`| \`${call}`));
  if (!line) throw new Error(`README has no interface row for ${call}`);
  return line;
};

describe('README interface notes agree with the hall', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  const clock = new TestClock();

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir, { now: clock.now });
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('cancel needs a reason', async () => {
    const doc = row('POST /api/v1/tickets/:id/cancel');
    expect(doc).toMatch(/needs `\{reason\}`/);
    const sup = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    const t = (await sup.post('/api/v1/tickets', { serviceId: 'social' })).body.ticket;
    const bare = await sup.post(`/api/v1/tickets/${t.id}/cancel`, {});
    expect(bare.status).toBe(Number(/(\d{3}) `VALIDATION`/.exec(doc)![1]));
    expect(bare.body.error).toMatchObject({ code: 'VALIDATION', field: 'reason' });
    expect((await sup.post(`/api/v1/tickets/${t.id}/cancel`, { reason: '市民离开' })).status).toBe(200);
  });

  it('check-in answers 201, and 200 replayed for the same appointment', async () => {
    const doc = row('POST /api/v1/appointments/check-in');
    const [created, again] = [...doc.matchAll(/`(\d{3})/g)].map((m) => Number(m[1]));
    const client = (await admin.post('/api/v1/admin/clients', { kind: 'platform', name: '省政务服务网' })).body.client;
    const platform = new Api(hall.url, (await admin.post(`/api/v1/admin/clients/${client.id}/token`)).body.token);
    // The hall's clock: Friday 2026-03-06 09:00 in Shanghai; book 10:00 and arrive on time.
    const a = (await platform.post('/api/v1/appointments', { serviceId: 'social', date: '2026-03-06', slotStart: '10:00', name: '张小三', idNumber: idNumber('1990-03-07') })).body.appointment;
    expect(a.code).toBeDefined();
    clock.set('2026-03-06T02:00:00Z');
    const kiosk = await bareKiosk(admin);
    const first = await kiosk.api.post('/api/v1/appointments/check-in', { code: a.code });
    expect(first.status).toBe(created);
    expect(first.status).toBe(201);
    const second = await kiosk.api.post('/api/v1/appointments/check-in', { code: a.code });
    expect(second.status).toBe(again);
    expect(second.body).toMatchObject({ ok: true, replayed: true, ticket: { id: first.body.ticket.id } });
  });

  it('the track reply is {ok, view} with the documented fields, and a finished ticket is "done"', async () => {
    const doc = row('GET /api/v1/track/:token');
    const documented = /view:\{([^}]*)\}/.exec(doc)![1].split(',').map((f) => f.trim().replace(/\?$/, ''));
    const t = (await admin.post('/api/v1/tickets', { serviceId: 'fund' })).body.ticket;
    const anon = new Api(hall.url);
    const waiting = (await anon.get(`/api/v1/track/${t.trackToken}`)).body;
    expect(Object.keys(waiting).sort()).toEqual(['ok', 'view']);
    for (const k of Object.keys(waiting.view)) expect(documented).toContain(k);
    const clerk = await clerkAt(hall.url, 4);
    expect((await clerk.post('/api/v1/windows/w4/call-next')).body.ticket.number).toBe(t.number);
    const called = (await anon.get(`/api/v1/track/${t.trackToken}`)).body.view;
    for (const k of Object.keys(called)) expect(documented).toContain(k);
    await clerk.post('/api/v1/windows/w4/finish');
    const done = (await anon.get(`/api/v1/track/${t.trackToken}`)).body.view;
    expect(doc).toContain('`status: "done"`');
    expect(done.status).toBe('done');
  });

  it('the kiosk’s id-card event carries exactly the documented fields', () => {
    const doc = /`id-card \{([^}]*)\}`/.exec(README)![1].split(',').map((f) => f.trim());
    let payload: Record<string, unknown> = {};
    const listener = (e: { event: string; payload: Record<string, unknown> }) => {
      if (e.event === 'id-card') payload = e.payload;
    };
    hall.deps.ctx.bus.on('kiosk', listener as never);
    hall.deps.devices.cardRead('kiosk-1', { cardType: 'resident', name: '王老伯', idNumber: idNumber('1940-01-15', '321'), birthDate: '1940-01-15' } as never, { kind: 'device', id: 'kiosk-1-reader' });
    hall.deps.ctx.bus.off('kiosk', listener as never);
    expect(Object.keys(payload).sort()).toEqual([...doc].sort());
  });
});
