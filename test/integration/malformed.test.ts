import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, connect, connected, kioskToken, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

const isErrorShape = (b: any) =>
  b && b.ok === false && typeof b.error?.code === 'string' && typeof b.error?.message === 'string' && b.error.message.length > 0;

describe('bad input gets a clear 4xx in the one error shape, and the server stays up', () => {
  let dir: string;
  let hall: RunningHall;
  let kiosk: Api;
  let admin: Api;

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    kiosk = new Api(hall.url, await kioskToken(hall.url, admin));
  });

  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  const raw = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(hall.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${kiosk.token}`, ...headers },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }));

  it('names the field that is wrong', async () => {
    const cases: [unknown, string, string][] = [
      [{}, 'VALIDATION', 'serviceId'],
      [{ serviceId: 42 }, 'VALIDATION', 'serviceId'],
      [{ serviceId: '' }, 'VALIDATION', 'serviceId'],
      [{ serviceId: 'x'.repeat(100_00) }, 'VALIDATION', 'serviceId'],
      [{ serviceId: 'property', priority: 'vip' }, 'VALIDATION', 'priority'],
      [{ serviceId: 'property', idCard: { name: '张三' } }, 'VALIDATION', 'idCard.idNumber'],
      [{ serviceId: 'property', idCard: 'yes' }, 'VALIDATION', 'idCard'],
      [{ serviceId: 'nope' }, 'SERVICE_NOT_FOUND', 'serviceId'],
    ];
    for (const [body, code, field] of cases) {
      const r = await kiosk.post('/api/v1/tickets', body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(isErrorShape(r.body)).toBe(true);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.field).toBe(field);
    }
  });

  it('refuses broken JSON, oversize bodies, odd encodings and bad keys', async () => {
    const cases = [
      await raw('/api/v1/tickets', '{"serviceId":'),
      await raw('/api/v1/tickets', '[1,2,3]'),
      await raw('/api/v1/tickets', 'null'),
      await raw('/api/v1/tickets', JSON.stringify({ serviceId: 'a'.repeat(100_000) })),
      await raw('/api/v1/tickets', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
      await raw('/api/v1/tickets', '{"serviceId":"property"}', { 'content-type': 'application/json; charset=latin-9' }),
      await raw('/api/v1/tickets', '{"serviceId":"property"}', { 'idempotency-key': 'short' }),
      await raw('/api/v1/windows/w1/pause', '{"reason": {"$gt": ""}}'),
      await raw('/api/v1/nothing-here', '{}'),
    ];
    for (const r of cases) {
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(isErrorShape(r.body)).toBe(true);
    }
    expect(cases[3].status).toBe(413);
  });

  it('prototype-pollution keys change nothing', async () => {
    const r = await raw('/api/v1/tickets', '{"serviceId":"property","__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}');
    expect(r.status).toBe(201);
    expect(({} as any).isAdmin).toBeUndefined();
    expect(({} as any).polluted).toBeUndefined();
    const s = await admin.req('PATCH', '/api/v1/admin/settings', JSON.parse('{"__proto__":{"fairnessRatio":99},"maxRecalls":1}'));
    expect(s.status).toBe(200);
    expect(s.body.settings.fairnessRatio).toBe(2);
  });

  it('junk socket events are answered with the error shape or ignored', async () => {
    const clerk = await clerkAt(hall.url, 5);
    const s = connect(hall.url, '/counter', clerk.token!);
    await connected(s);
    const payloads: unknown[] = [null, 42, 'call', [1, 2], { windowId: 7 }, { windowId: 'x'.repeat(10_000) }, { reason: null }, { __proto__: { a: 1 } }];
    for (const ev of ['call-next', 'pause', 'transfer', 'call-ticket', 'nonsense']) {
      for (const p of payloads) {
        if (ev === 'nonsense') {
          s.emit(ev, p); // no handler, no ack: must simply be ignored
          continue;
        }
        const ack = await s.timeout(5000).emitWithAck(ev, p);
        if (!ack.ok) expect(isErrorShape(ack)).toBe(true);
      }
      s.emit(ev, { windowId: 'w5' }); // no ack callback at all
    }
    const display = connect(hall.url, '/display');
    await connected(display);
    const bad = await display.timeout(5000).emitWithAck('track', { token: 5 });
    expect(isErrorShape(bad)).toBe(true);
    const unknown = await display.timeout(5000).emitWithAck('track', { token: 'abcdefghijkl' });
    expect(unknown.error.code).toBe('TICKET_NOT_FOUND');
    s.close();
    display.close();
    expect((await new Api(hall.url).get('/api/v1/health')).body.ok).toBe(true);
  });
});
