/**
 * The region admin's API on a real PostgreSQL: viewers created, rescoped and disabled
 * (a disabled viewer is signed out at once), hall tokens issued and revoked (shown
 * once, listed only by fingerprint), every change audited without passwords or
 * tokens, and none of it open to a viewer.
 */
import { describe, expect, it } from 'vitest';
import { REGION_NS } from '../../common/region.js';
import { Api, connect, connected } from '../helpers/hall.js';
import { requirePostgres } from '../helpers/pg.js';
import { requireRedis } from '../helpers/redis.js';
import { Events, TEST_DAY } from './support.js';
import { regionRig } from './rig.js';

describe.runIf(requirePostgres() && requireRedis())('region admin: users, scopes, hall tokens, audit', () => {
  const rig = regionRig('admin');

  const signIn = async (username: string, password: string) => {
    const r = await new Api(rig.region.url).post('/region/v1/auth/login', { username, password });
    return r.status === 200 ? new Api(rig.region.url, r.body.token) : r;
  };

  it('creates, rescopes and disables a viewer; a disabled viewer is signed out at once', async () => {
    for (const [id, area] of [['a-1', 'east'], ['b-1', 'west'], ['b-2', 'west']]) {
      expect((await rig.admin.post('/region/v1/halls', { id, name: id, area })).status).toBe(201);
    }
    const created = await rig.admin.post('/region/v1/users', { username: 'east.viewer', password: 'viewer-pw-1', role: 'viewer', areas: ['east'] });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const viewer = (await signIn('east.viewer', 'viewer-pw-1')) as Api;
    const visible = async () => (await viewer.get('/region/v1/halls')).body.halls.map((h: any) => h.hallId);
    expect(await visible()).toEqual(['a-1']);

    // a viewer may not manage anything
    for (const [m, path] of [['GET', '/region/v1/users'], ['GET', '/region/v1/tokens'], ['GET', '/region/v1/audit'], ['PATCH', `/region/v1/users/${id}`], ['POST', '/region/v1/halls/a-1/tokens']] as const) {
      const r = await viewer.req(m, path, m === 'GET' ? undefined : { active: false });
      expect([path, r.status, r.body.error.code]).toEqual([path, 403, 'FORBIDDEN']);
    }

    // rescoped: the areas and halls are replaced
    const rescoped = await rig.admin.req('PATCH', `/region/v1/users/${id}`, { areas: [], hallIds: ['b-2'] });
    expect(rescoped.body.user).toMatchObject({ username: 'east.viewer', areas: [], hallIds: ['b-2'], active: true });
    expect(await visible()).toEqual(['b-2']);

    const list = (await rig.admin.get('/region/v1/users')).body.users;
    expect(list.map((u: any) => u.username)).toEqual(['admin', 'east.viewer']);
    expect(JSON.stringify(list)).not.toMatch(/password|scrypt|viewer-pw-1/i);

    // disabled: the open session and its live socket end now, and signing in is refused
    const socket = connect(rig.region.url, REGION_NS, viewer.token!);
    await connected(socket);
    const dropped = new Promise<string>((r) => socket.once('disconnect', r));
    expect((await rig.admin.req('PATCH', `/region/v1/users/${id}`, { active: false })).body.user.active).toBe(false);
    expect(await dropped).toBe('io server disconnect');
    const again = connect(rig.region.url, REGION_NS, viewer.token!);
    await expect(connected(again)).rejects.toThrow(/UNAUTHENTICATED/);
    again.close();
    expect((await viewer.get('/region/v1/halls')).status).toBe(401);
    expect(((await signIn('east.viewer', 'viewer-pw-1')) as any).status).toBe(401);
    // enabled again with a new password
    await rig.admin.req('PATCH', `/region/v1/users/${id}`, { active: true, password: 'viewer-pw-2' });
    expect(await signIn('east.viewer', 'viewer-pw-2')).toBeInstanceOf(Api);

    // bad input and impossible changes: clear errors, nothing changed
    expect((await rig.admin.req('PATCH', `/region/v1/users/${id}`, {})).body.error.code).toBe('VALIDATION');
    expect((await rig.admin.req('PATCH', `/region/v1/users/${id}`, { active: 'no' })).body.error.code).toBe('VALIDATION');
    expect((await rig.admin.req('PATCH', '/region/v1/users/9999', { active: false })).body.error.code).toBe('USER_NOT_FOUND');
    const me = (await rig.admin.get('/region/v1/users')).body.users.find((u: any) => u.username === 'admin');
    const self = await rig.admin.req('PATCH', `/region/v1/users/${me.id}`, { active: false });
    expect([self.status, self.body.error.code]).toEqual([409, 'CANNOT_DISABLE_SELF']);
    expect((await rig.admin.get('/region/v1/me')).body).toEqual({ ok: true, username: 'admin', role: 'admin' });
  });

  it('issues hall tokens shown once, lists them by fingerprint only, revokes them; all audited without secrets', async () => {
    const first = (await rig.admin.post('/region/v1/halls', { id: 'c-1', name: 'C hall', area: 'east' })).body.token as string;
    const second = (await rig.admin.post('/region/v1/halls/c-1/tokens')).body.token as string;
    const ev = new Events();
    ev.other('hall.started', `${TEST_DAY}T01:00:00.000Z`);
    const append = (token: string, after: number, events = ev.list) => new Api(rig.region.url, token).post('/region/v1/halls/c-1/events', { after, events });
    expect((await append(first, 0)).status).toBe(200);
    expect((await append(second, 0)).status).toBe(200);

    const tokens = (await rig.admin.get('/region/v1/tokens')).body.tokens.filter((t: any) => t.hallId === 'c-1');
    expect(tokens).toHaveLength(2);
    expect(tokens.every((t: any) => /^[0-9a-f]{12}$/.test(t.fingerprint) && t.revokedAt === null)).toBe(true);
    expect(JSON.stringify(tokens)).not.toContain(first.slice(3, 20));

    expect((await rig.admin.post('/region/v1/halls/c-1/tokens/revoke')).body.revoked).toBe(2);
    expect((await append(first, 0)).status).toBe(401);
    expect((await append(second, 0)).status).toBe(401);
    expect((await rig.admin.get('/region/v1/tokens')).body.tokens.filter((t: any) => t.hallId === 'c-1' && t.revokedAt === null)).toEqual([]);
    expect((await rig.admin.post('/region/v1/halls/nope/tokens')).body.error.code).toBe('HALL_NOT_FOUND');

    const entries = (await rig.admin.get('/region/v1/audit')).body.entries;
    const mine = entries.filter((e: any) => e.target === 'c-1').map((e: any) => e.action).reverse();
    expect(mine).toEqual(['hall.created', 'hall.token_issued', 'hall.token_issued', 'hall.tokens_revoked']);
    expect(entries.map((e: any) => e.action)).toEqual(expect.arrayContaining(['user.created', 'user.changed', 'user.disabled', 'user.enabled']));
    expect(entries.every((e: any) => e.actor === 'admin')).toBe(true);
    const text = JSON.stringify(entries);
    for (const secret of [first, second, 'viewer-pw-1', 'viewer-pw-2']) expect(text).not.toContain(secret);
  });
});
