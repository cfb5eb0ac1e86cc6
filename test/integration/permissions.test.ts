import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { allRoutes } from '../../server/http/app.js';
import { ADMIN_PASSWORD, Api, DEMO_STAFF_PASSWORD, clerkAt, connect, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

type Who = 'anonymous' | 'kiosk' | 'display' | 'platform' | 'clerkHere' | 'clerkElsewhere' | 'supervisor' | 'admin';
const EVERYONE: Who[] = ['anonymous', 'kiosk', 'display', 'platform', 'clerkHere', 'clerkElsewhere', 'supervisor', 'admin'];
const STAFF: Who[] = ['clerkHere', 'clerkElsewhere', 'supervisor', 'admin'];
const THIS_WINDOW: Who[] = ['clerkHere', 'supervisor', 'admin'];
const SUPERVISION: Who[] = ['supervisor', 'admin'];
const ADMIN: Who[] = ['admin'];

/**
 * Who may call what, written out by hand from the role rules (not derived from
 * the code). Every route the server has must be listed here. The window in
 * paths is w1: clerkHere is signed in to w1, clerkElsewhere to w2.
 */
const EXPECTED: Record<string, Who[]> = {
  'GET /api/v1/health': EVERYONE,
  'GET /api/v1/services': EVERYONE,
  'GET /api/v1/departments': EVERYONE,
  'GET /api/v1/queue': EVERYONE,
  'GET /api/v1/track/:token': EVERYONE,
  'POST /api/v1/auth/login': EVERYONE,
  'POST /api/v1/auth/logout': STAFF,
  'GET /api/v1/auth/me': STAFF,
  'POST /api/v1/tickets': ['kiosk', ...STAFF],
  'GET /api/v1/tickets/:id': STAFF,
  'POST /api/v1/tickets/:id/cancel': SUPERVISION,
  'GET /api/v1/windows': STAFF,
  'GET /api/v1/windows/:id/waiting': STAFF,
  'GET /api/v1/windows/:id/no-shows': STAFF,
  'POST /api/v1/windows/:id/open': STAFF,
  'POST /api/v1/windows/:id/close': THIS_WINDOW,
  'POST /api/v1/windows/:id/call-next': THIS_WINDOW,
  'POST /api/v1/windows/:id/call-ticket': THIS_WINDOW,
  'POST /api/v1/windows/:id/recall': THIS_WINDOW,
  'POST /api/v1/windows/:id/start': THIS_WINDOW,
  'POST /api/v1/windows/:id/no-show': THIS_WINDOW,
  'POST /api/v1/windows/:id/finish': THIS_WINDOW,
  'POST /api/v1/windows/:id/pause': THIS_WINDOW,
  'POST /api/v1/windows/:id/resume': THIS_WINDOW,
  'POST /api/v1/windows/:id/transfer': THIS_WINDOW,
  'GET /api/v1/admin/settings': SUPERVISION,
  'PATCH /api/v1/admin/settings': ADMIN,
  'GET /api/v1/admin/uplink': SUPERVISION,
  'PATCH /api/v1/admin/uplink': ADMIN,
  'GET /api/v1/admin/backups': ADMIN,
  'POST /api/v1/admin/backups': ADMIN,
  'PUT /api/v1/admin/departments/:id': ADMIN,
  'GET /api/v1/admin/services': SUPERVISION,
  'POST /api/v1/admin/services': ADMIN,
  'PUT /api/v1/admin/services/:id': ADMIN,
  'GET /api/v1/admin/windows': SUPERVISION,
  'POST /api/v1/admin/windows': ADMIN,
  'PUT /api/v1/admin/windows/:id': ADMIN,
  'GET /api/v1/admin/users': ADMIN,
  'POST /api/v1/admin/users': ADMIN,
  'PATCH /api/v1/admin/users/:id': ADMIN,
  'GET /api/v1/admin/clients': ADMIN,
  'POST /api/v1/admin/clients': ADMIN,
  'POST /api/v1/admin/clients/:id/token': ADMIN,
  'POST /api/v1/admin/clients/:id/revoke': ADMIN,
  'PUT /api/v1/admin/clients/:id/agent': ADMIN,
  'GET /api/v1/admin/audit': SUPERVISION,
  'GET /api/v1/admin/devices': SUPERVISION,
  'PUT /api/v1/admin/devices/:id': ADMIN,
  'DELETE /api/v1/admin/devices/:id': ADMIN,
  'POST /api/v1/admin/devices/:id/simulate': ADMIN,
  'GET /api/v1/admin/priority-categories': STAFF,
  'POST /api/v1/admin/priority-categories': ADMIN,
  'PUT /api/v1/admin/priority-categories/:id': ADMIN,
  'DELETE /api/v1/admin/priority-categories/:id': ADMIN,
  'POST /api/v1/tickets/:id/restore': STAFF,
  'GET /api/v1/appointments/slots': ['platform', ...SUPERVISION],
  'POST /api/v1/appointments': ['platform', ...SUPERVISION],
  'GET /api/v1/appointments': SUPERVISION,
  'POST /api/v1/appointments/:id/cancel': ['platform', ...SUPERVISION],
  'POST /api/v1/appointments/check-in': ['kiosk', ...STAFF],
  'PUT /api/v1/admin/appointment-slots': ADMIN,
  'POST /api/v1/windows/:id/rate-request': THIS_WINDOW,
  'POST /api/v1/ratings': ['display'],
  'GET /api/v1/admin/ratings/export': SUPERVISION,
  'GET /api/v1/admin/alerts': SUPERVISION,
  'POST /api/v1/admin/alerts/:id/ack': SUPERVISION,
  'GET /api/v1/admin/reports': SUPERVISION,
  'GET /api/v1/admin/reports.csv': SUPERVISION,
  'GET /api/v1/admin/reports.xlsx': SUPERVISION,
  'POST /api/v1/admin/retention/run': ADMIN,
  'GET /api/v1/admin/voice/screens': SUPERVISION,
  'POST /api/v1/admin/voice/test': SUPERVISION,
  // Remote queueing (线上取号), notifications, overdue cases (issue 13 items 10–12).
  'GET /api/v1/remote': EVERYONE,
  'POST /api/v1/remote/tickets': EVERYONE,
  'POST /api/v1/track/:token/arrive': EVERYONE,
  // Today's door code: the hall's screens and who may print it, never anonymous callers (a phone anywhere).
  'GET /api/v1/remote/door': ['display', ...SUPERVISION],
  'POST /api/v1/windows/:id/remote-arrival': THIS_WINDOW,
  'GET /api/v1/admin/overdue': SUPERVISION,
  'GET /api/v1/admin/notifications': SUPERVISION,
  'PUT /api/v1/admin/clients/:id/callback': ADMIN,
};

describe('every route and socket namespace against every role', () => {
  let dir: string;
  let hall: RunningHall;
  const apis = {} as Record<Who, Api>;

  const fresh = async (who: Who): Promise<Api> => {
    const base = hall.url;
    switch (who) {
      case 'anonymous':
        return new Api(base);
      case 'clerkHere':
        return clerkAt(base, 1);
      case 'clerkElsewhere':
        return clerkAt(base, 2);
      case 'supervisor':
        return Api.login(base, 'supervisor', DEMO_STAFF_PASSWORD);
      case 'admin':
        return Api.login(base, 'admin', ADMIN_PASSWORD);
      default:
        return apis[who];
    }
  };

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    apis.admin = admin;
    apis.kiosk = new Api(hall.url, (await admin.post('/api/v1/admin/clients/kiosk-1/token')).body.token);
    apis.display = new Api(hall.url, (await admin.post('/api/v1/admin/clients/display-hall/token')).body.token);
    const platform = (await admin.post('/api/v1/admin/clients', { kind: 'platform', name: 'booking platform' })).body.client;
    apis.platform = new Api(hall.url, (await admin.post(`/api/v1/admin/clients/${platform.id}/token`)).body.token);
    for (const who of ['anonymous', 'clerkHere', 'clerkElsewhere', 'supervisor'] as Who[]) apis[who] = await fresh(who);
  });

  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('the table lists exactly the routes the server has', () => {
    const actual = allRoutes(hall.deps).map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
    expect(actual).toEqual(Object.keys(EXPECTED).sort());
  });

  it('each role is allowed or refused as the table says', async () => {
    const failures: string[] = [];
    const ticket = (await apis.admin.post('/api/v1/tickets', { serviceId: 'property' })).body.ticket;
    for (const [route, allowed] of Object.entries(EXPECTED)) {
      const [method, pattern] = route.split(' ');
      const path = pattern
        .replace('/windows/:id', '/windows/w1')
        .replace('/tickets/:id', `/tickets/${ticket.id}`)
        .replace('/track/:token', `/track/${ticket.trackToken}`)
        .replace('/services/:id', '/services/property')
        .replace('/departments/:id', '/departments/general')
        .replace('/clients/:id', '/clients/display-w1')
        .replace('/users/:id', '/users/nobody')
        .replace('/devices/:id', '/devices/nothing-here')
        .replace('/priority-categories/:id', '/priority-categories/nothing-here')
        .replace('/appointments/:id', '/appointments/nothing-here');
      for (const who of EVERYONE) {
        // Sessions that a call may end or move are made anew, so each check starts the same.
        if (who === 'clerkHere' || who === 'clerkElsewhere') apis[who] = await fresh(who);
        // Logging out ends a session: do it with a throwaway one.
        const api = route.includes('logout') && STAFF.includes(who) ? await fresh(who) : apis[who];
        const r = await api.req(method, path, method === 'GET' ? undefined : {});
        const refused = r.status === 401 || r.status === 403;
        const want = allowed.includes(who);
        if (want === refused) failures.push(`${route} as ${who}: ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
        if (refused) {
          expect(r.body.ok).toBe(false);
          expect(r.status).toBe(who === 'anonymous' ? 401 : 403);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('socket namespaces admit exactly their roles', async () => {
    const tokens: Record<Who, string | undefined> = {
      anonymous: undefined,
      kiosk: apis.kiosk.token!,
      display: apis.display.token!,
      platform: apis.platform.token!,
      clerkHere: (await fresh('clerkHere')).token!,
      clerkElsewhere: (await fresh('clerkElsewhere')).token!,
      supervisor: apis.supervisor.token!,
      admin: apis.admin.token!,
    };
    const admits = (ns: string, token?: string) =>
      new Promise<boolean>((resolve) => {
        const s = connect(hall.url, ns, token);
        s.once('connect', () => (s.close(), resolve(true)));
        s.once('connect_error', () => (s.close(), resolve(false)));
      });
    const expected: Record<string, Who[]> = {
      '/display': EVERYONE,
      '/counter': STAFF,
      '/kiosk': ['kiosk'],
      '/admin': SUPERVISION,
    };
    const failures: string[] = [];
    for (const [ns, allowed] of Object.entries(expected)) {
      for (const who of EVERYONE) {
        if ((await admits(ns, tokens[who])) !== allowed.includes(who)) failures.push(`${ns} as ${who}`);
      }
    }
    expect(failures).toEqual([]);
    // The root namespace is closed.
    expect(await admits('/')).toBe(false);
  });

  it('counter socket events act only on the clerk’s own window', async () => {
    const here = await fresh('clerkHere');
    const s = connect(hall.url, '/counter', here.token!);
    await new Promise<void>((r) => s.once('connect', () => r()));
    const events = ['call-next', 'recall', 'no-show', 'start', 'finish', 'resume', 'pause', 'transfer', 'call-ticket'];
    for (const ev of events) {
      const other = await s.timeout(5000).emitWithAck(ev, { windowId: 'w2', reason: 'x', toServiceId: 'tax', number: 'A001' });
      expect(other, ev).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const own = await s.timeout(5000).emitWithAck(ev, { windowId: 'w1', reason: 'x', toServiceId: 'tax', number: 'A001' });
      expect(own.error?.code, ev).not.toBe('FORBIDDEN');
    }
    s.close();
  });

  it('log-in is rate limited, logout ends the session', async () => {
    const anon = new Api(hall.url);
    for (let i = 0; i < 5; i++) {
      const r = await anon.post('/api/v1/auth/login', { username: 'clerk5', password: 'wrong' });
      expect(r.status).toBe(401);
    }
    const blocked = await anon.post('/api/v1/auth/login', { username: 'clerk5', password: DEMO_STAFF_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');

    const sup = await fresh('supervisor');
    expect((await sup.get('/api/v1/auth/me')).status).toBe(200);
    expect((await sup.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await sup.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('expired sessions are refused', async () => {
    const sup = await fresh('supervisor');
    hall.deps.ctx.store.db.prepare('UPDATE sessions SET expires_at = 0').run();
    const r = await sup.get('/api/v1/auth/me');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHENTICATED');
  });
});
