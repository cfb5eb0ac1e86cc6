import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import type { KeypadSimulator } from '../../drivers/keypad/index.js';
import { ADMIN_PASSWORD, Api, clerkAt, connect, connected, once, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/** 好差评 through the API, the /display socket and the evaluator device. */
describe('ratings', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let clerk: Api;
  let screen: Api;
  let clock = new Date('2026-11-28T01:00:00Z');

  const serveOne = async (idCard?: object) => {
    await clerk.post('/api/v1/tickets', { serviceId: 'property', ...(idCard ? { idCard } : {}) });
    const called = await clerk.post('/api/v1/windows/w1/call-next');
    expect(called.status).toBe(200);
    clock = new Date(clock.getTime() + 60_000);
    expect((await clerk.post('/api/v1/windows/w1/finish')).status).toBe(200);
    return called.body.ticket as { id: string; number: string };
  };

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir, { now: () => clock });
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    clerk = await clerkAt(hall.url, 1);
    screen = new Api(hall.url, (await admin.post('/api/v1/admin/clients/display-w1/token')).body.token);
  });

  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('a rate request reaches the window’s screen and evaluator; the screen’s rating is taken once', async () => {
    expect((await clerk.post('/api/v1/windows/w1/rate-request')).body.error.code).toBe('NOTHING_TO_RATE');
    const t = await serveOne({ name: '张三丰', idNumber: '11010519491231002X' });
    const display = connect(hall.url, '/display');
    await connected(display);
    const pushed = once(display, 'rate-request');
    const r = await clerk.post('/api/v1/windows/w1/rate-request');
    expect(r.status).toBe(200);
    expect(await pushed).toEqual({ windowId: 'w1', windowNumber: 1, ticketNumber: t.number, expiresAt: '2026-11-28T01:03:00.000Z' });
    display.close();
    const sim = hall.deps.devices.handle('evaluators')?.simulator as KeypadSimulator;
    await expect.poll(() => sim.rateRequests.at(-1)).toEqual({ address: 1, timeoutSec: 120 });

    const rated = await screen.post('/api/v1/ratings', { windowId: 'w1', grade: 2, reasons: ['slow', 'attitude'] });
    expect(rated.status).toBe(201);
    expect(rated.body.rating).toMatchObject({ grade: 2, reasons: ['attitude', 'slow'], ticketNumber: t.number });
    const again = await screen.post('/api/v1/ratings', { windowId: 'w1', grade: 5 });
    expect(again.body.error.code).toBe('NO_RATING_REQUEST');
    expect((await clerk.post('/api/v1/windows/w1/rate-request')).body.error.code).toBe('ALREADY_RATED');

    const logged = hall.deps.ctx.store.events.forTicket(t.id).find((e) => e.type === 'rating.given')!;
    expect(logged).toMatchObject({ actorKind: 'device', actorId: 'display-w1', windowId: 'w1', data: { grade: 2, source: 'screen', staffId: expect.any(String) } });
    expect(JSON.stringify(hall.deps.ctx.store.events.forTicket(t.id))).not.toMatch(/张|1101|idHmac|maskedName/);
  });

  it('refuses reasons on good grades, unknown reasons, and ratings after the request expired', async () => {
    await serveOne();
    await clerk.post('/api/v1/windows/w1/rate-request');
    expect((await screen.post('/api/v1/ratings', { windowId: 'w1', grade: 5, reasons: ['slow'] })).body.error.code).toBe('INVALID_REASONS');
    expect((await screen.post('/api/v1/ratings', { windowId: 'w1', grade: 1, reasons: ['rude'] })).status).toBe(400);
    expect((await screen.post('/api/v1/ratings', { windowId: 'w1', grade: 6 })).status).toBe(400);
    clock = new Date(clock.getTime() + 121_000);
    expect((await screen.post('/api/v1/ratings', { windowId: 'w1', grade: 4 })).body.error.code).toBe('NO_RATING_REQUEST');
    // Nobody else may rate: not staff, not a kiosk, not anonymous.
    expect((await clerk.post('/api/v1/ratings', { windowId: 'w1', grade: 5 })).status).toBe(403);
    expect((await new Api(hall.url).post('/api/v1/ratings', { windowId: 'w1', grade: 5 })).status).toBe(401);
  });

  it('an evaluator’s grade goes to the window’s last ticket, with its reason code', async () => {
    const t = await serveOne();
    const sim = hall.deps.devices.handle('evaluators')?.simulator as KeypadSimulator;
    expect(await sim.rate(1, 1, 2)).toBe(true);
    await expect.poll(() => hall.deps.ctx.store.ratings.forTicket(t.id)).toMatchObject({ grade: 1, reasons: ['long_wait'], source: 'evaluator', windowId: 'w1' });
  });

  it('exports per case as JSON and CSV, with no citizen identity', async () => {
    const json = await admin.get('/api/v1/admin/ratings/export?from=2026-11-28&to=2026-11-28&format=json');
    expect(json.status).toBe(200);
    expect(json.body.ratings).toHaveLength(2);
    expect(json.body.ratings[0]).toEqual({
      ticketNumber: 'A001', businessDay: '2026-11-28', serviceId: 'property', serviceName: '不动产登记', windowId: 'w1', windowNumber: 1,
      staffId: expect.any(String), grade: 2, gradeLabel: '不满意', reasons: ['attitude', 'slow'], reasonLabels: ['态度不好', '办理太慢'], source: 'screen', at: expect.any(String),
    });
    expect(JSON.stringify(json.body)).not.toMatch(/张|1101|masked|hmac/i);
    const res = await fetch(`${hall.url}/api/v1/admin/ratings/export?from=2026-11-28&to=2026-11-28&format=csv`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe('ticketNumber,businessDay,serviceId,serviceName,windowId,windowNumber,staffId,grade,gradeLabel,reasons,reasonLabels,source,at');
    expect(text.split('\r\n')[1]).toMatch(/^A001,2026-11-28,property,不动产登记,w1,1,[^,]+,2,不满意,attitude\|slow,态度不好\|办理太慢,screen,/);
    // The "一次一评" profile: the platform field names, GB/T 39734 labels, channel codes, hall local time, the catalogue code.
    const code = (await admin.get('/api/v1/admin/services')).body.services.find((x: any) => x.id === 'property');
    await admin.req('PUT', '/api/v1/admin/services/property', { ...code, id: undefined, catalogueCode: '11410100MB1234567X' });
    const platform = await admin.get('/api/v1/admin/ratings/export?from=2026-11-28&to=2026-11-28&format=json&profile=haochaping');
    expect(platform.status).toBe(200);
    const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(platform.body.records[0]).toEqual({
      projectNo: '20261128-A001', taskCode: '11410100MB1234567X', taskName: '不动产登记', alternate: 2, alternateName: '不满意', pf: '4',
      evalDetail: '态度不好；办理太慢', assessTime: local(json.body.ratings[0].at), windowNo: '1',
    });
    expect(platform.body.records.map((r: any) => r.pf)).toEqual(json.body.ratings.map((r: any) => (r.source === 'screen' ? '4' : '5')));
    const pcsv = await fetch(`${hall.url}/api/v1/admin/ratings/export?from=2026-11-28&to=2026-11-28&format=csv&profile=haochaping`, { headers: { authorization: `Bearer ${admin.token}` } });
    const ptext = await pcsv.text();
    expect(ptext.split('\r\n')[0]).toMatch(/^(\uFEFF)?projectNo,taskCode,taskName,alternate,alternateName,pf,evalDetail,assessTime,windowNo$/);
    expect(JSON.stringify(platform.body) + ptext).not.toMatch(/张|1101|masked|hmac/i);
    expect((await admin.get('/api/v1/admin/ratings/export?from=2026-11-29&to=2026-11-30')).body.ratings).toEqual([]);
    // A month at most (the export is held in the hall's own heap); a longer range is refused, naming the field.
    expect((await admin.get('/api/v1/admin/ratings/export?from=2026-11-01&to=2026-12-01')).status).toBe(200);
    const long = await admin.get('/api/v1/admin/ratings/export?from=2026-11-01&to=2026-12-02');
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({ code: 'INVALID_DATE', field: 'to' });
  });
});
