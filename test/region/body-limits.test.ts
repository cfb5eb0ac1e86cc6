/**
 * The region's JSON bodies: nobody makes a node parse a body before it knows who sent it,
 * except the log-in's, which is small. A hall's token is checked for that hall before its
 * 8 MB events parser runs; an admin's session before the user-scope parser; any other
 * body over 64 kB is refused with 413 in the error shape.
 */
import { describe, expect, it } from 'vitest';
import { Api } from '../helpers/hall.js';
import { requirePostgres } from '../helpers/pg.js';
import { requireRedis } from '../helpers/redis.js';
import { Events, hallSnapshot, registerHall, TEST_DAY } from './support.js';
import { regionRig } from './rig.js';

/** 2 MB that is not JSON, sent as JSON. */
const NOT_JSON = '{"after":0,"events":[' + 'x'.repeat(2 * 1024 * 1024);

describe.runIf(requirePostgres() && requireRedis())('region request bodies', () => {
  const rig = regionRig('body_limits');

  it('answers an anonymous or wrong-hall 2 MB events body with 401/403 without parsing it', async () => {
    await registerHall(rig.admin, 'lim-a');
    const b = await registerHall(rig.admin, 'lim-b');
    const anon = await new Api(rig.region.url).post('/region/v1/halls/lim-a/events', NOT_JSON);
    expect(anon.status).toBe(401);
    expect(anon.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const forged = await new Api(rig.region.url, 'rh_forged').post('/region/v1/halls/lim-a/events', NOT_JSON);
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('UNAUTHENTICATED');
    const wrongHall = await b.post('/region/v1/halls/lim-a/events', NOT_JSON);
    expect(wrongHall.status).toBe(403);
    expect(wrongHall.body.error.code).toBe('FORBIDDEN');
    // its own hall's token does get the body parsed (and told it is not JSON)
    const own = await b.post('/region/v1/halls/lim-b/events', NOT_JSON);
    expect(own.status).toBe(400);
    expect(own.body.error.code).toBe('INVALID_JSON');
    // the same for an admin route with a large body
    const users = await new Api(rig.region.url).post('/region/v1/users', NOT_JSON);
    expect(users.status).toBe(401);
    expect(users.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('stores an authenticated hall’s batch of more than 2 MB', async () => {
    const hall = await registerHall(rig.admin, 'lim-big');
    // a hall with 700 services whose fee texts are long: its config snapshot alone is over 2 MB
    const config = hallSnapshot('Big hall', Array.from({ length: 700 }, (_, i) => [`服务${i}`, 20, null]), 3);
    config.services = config.services.map((s) => ({ ...s, fees: { 'zh-CN': '收'.repeat(1000) } }));
    const ev = new Events();
    ev.issued('big1', 's1', `${TEST_DAY}T01:00:00.000Z`);
    const body = { after: 0, events: ev.list, config };
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(2 * 1024 * 1024);
    const r = await hall.post('/region/v1/halls/lim-big/events', body);
    expect(r.body).toMatchObject({ ok: true, highWater: 1, accepted: 1 });
  });

  it('refuses a 200 kB log-in body with 413 in the error shape, and a signed-in admin may still send a large user scope', async () => {
    const login = await new Api(rig.region.url).post('/region/v1/auth/login', { username: 'u'.repeat(200 * 1024), password: 'x' });
    expect(login.status).toBe(413);
    expect(login.body).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(typeof login.body.error.message).toBe('string');
    // a signed-in admin's non-events route over 64 kB: refused the same way
    const hall = await rig.admin.post('/region/v1/halls', { id: 'lim-x', name: 'n'.repeat(200 * 1024) });
    expect(hall.status).toBe(413);
    expect(hall.body.error.code).toBe('TOO_LARGE');
    // a viewer scoped to 5,000 halls (about 300 kB): the user-scope parser takes it
    const hallIds = Array.from({ length: 5000 }, (_, i) => `scope-hall-${String(i).padStart(40, '0')}`);
    const created = await rig.admin.post('/region/v1/users', { username: 'wide-viewer', password: 'viewer-pw-1', role: 'viewer', hallIds });
    expect(created.status).toBe(201);
    const listed = (await rig.admin.get('/region/v1/users')).body.users.find((u: { username: string }) => u.username === 'wide-viewer');
    expect(listed.hallIds).toHaveLength(5000);
  });
});
