/**
 * Two region nodes started as `npm run region` child processes on one PostgreSQL and
 * one Redis: a dashboard socket on node A sees what node B ingested (scoped to what
 * its user may see), and two real hall servers streaming to the two nodes while
 * tickets flow end with the region's counts equal to each hall's own report.
 */
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGION_EV, REGION_NS, type HallDetail, type HallDetailAck, type HallLive } from '../../common/region.js';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, connect, connected, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { bareKiosk } from '../helpers/features.js';
import { requirePostgres } from '../helpers/pg.js';
import { waitFor } from '../helpers/ports.js';
import { requireRedis } from '../helpers/redis.js';
import { Events, hallSnapshot, RegionProcess, regionAdmin, registerHall, TEST_DAY } from './support.js';
import { regionStore } from './rig.js';

const T = (hhmm: string) => `${TEST_DAY}T${hhmm}:00.000Z`;

describe.runIf(requirePostgres() && requireRedis())('two region nodes', () => {
  const store = regionStore('region');
  let a: RegionProcess;
  let b: RegionProcess;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // one after the other: the first applies the migrations (the second would wait on the lock anyway)
    a = await RegionProcess.start(store.url, store.redis.url);
    b = await RegionProcess.start(store.url, store.redis.url);
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  async function dashboard(base: string, token: string): Promise<{ socket: Socket; updates: HallLive[] }> {
    const socket = connect(base, REGION_NS, token);
    sockets.push(socket);
    const updates: HallLive[] = [];
    socket.on(REGION_EV.hall, (h: HallLive) => updates.push(h));
    const first = new Promise((r) => socket.once(REGION_EV.halls, r));
    await connected(socket);
    await first;
    return { socket, updates };
  }

  it('pushes an event ingested on node B to a dashboard on node A, only to users who may see the hall', async () => {
    const adminA = await regionAdmin(a.url);
    const north = await registerHall(adminA, 'live-north', 'north');
    const south = await registerHall(adminA, 'live-south', 'south');
    await adminA.post('/region/v1/users', { username: 'south-viewer', password: 'south-pw-1', role: 'viewer', areas: ['south'] });
    const viewerToken = (await new Api(a.url).post('/region/v1/auth/login', { username: 'south-viewer', password: 'south-pw-1' })).body.token;

    const adminDash = await dashboard(a.url, adminA.token!);
    const viewerDash = await dashboard(a.url, viewerToken);
    // long-polling (a browser's first transport) works too: Socket.IO answers it, not the API's 404
    const polling = ioClient(a.url + REGION_NS, { auth: { token: adminA.token }, transports: ['polling'], reconnection: false, forceNew: true });
    sockets.push(polling);
    const pollingHalls = new Promise((r) => polling.once(REGION_EV.halls, r));
    await connected(polling);
    expect(Array.isArray(await pollingHalls)).toBe(true);
    // a socket without a session is refused
    const anon = connect(a.url, REGION_NS);
    sockets.push(anon);
    await expect(connected(anon)).rejects.toThrow(/UNAUTHENTICATED/);

    const ev = new Events();
    ev.opened('w1', T('01:00'));
    ev.issued('n1', 's1', T('01:01'));
    const viaB = (api: Api) => new Api(b.url, api.token);
    expect((await viaB(north).post('/region/v1/halls/live-north/events', { after: 0, events: ev.list })).body.accepted).toBe(2);
    const southEv = new Events();
    southEv.issued('s1', 's1', T('01:02'));
    expect((await viaB(south).post('/region/v1/halls/live-south/events', { after: 0, events: southEv.list })).body.accepted).toBe(1);

    await waitFor('the admin dashboard on A to get both halls', () => adminDash.updates.length >= 2);
    await waitFor('the viewer dashboard on A to get the south hall', () => viewerDash.updates.length >= 1);
    expect(adminDash.updates.find((h) => h.hallId === 'live-north')).toMatchObject({ waiting: 1, openWindows: 1, issuedToday: 1, highWater: 2 });
    // the north event was pushed first: a viewer of the south alone never got it
    expect(viewerDash.updates.map((h) => h.hallId)).toEqual(['live-south']);
  });

  it('drills into one hall: its services and windows live on node A from batches ingested on node B, only within the viewer\'s scope', async () => {
    const adminA = await regionAdmin(a.url);
    const east = await registerHall(adminA, 'drill-east', 'east');
    await registerHall(adminA, 'drill-west', 'west');
    await adminA.post('/region/v1/users', { username: 'east-viewer', password: 'east-pw-12', role: 'viewer', areas: ['east'] });
    const viewer = new Api(a.url, (await new Api(a.url).post('/region/v1/auth/login', { username: 'east-viewer', password: 'east-pw-12' })).body.token);
    const dash = await dashboard(a.url, viewer.token!);
    const details: HallDetail[] = [];
    dash.socket.on(REGION_EV.detail, (d: HallDetail) => details.push(d));
    const watch = (hallId: string | null) => dash.socket.emitWithAck(REGION_EV.watch, hallId) as Promise<HallDetailAck>;

    // outside the viewer's scope: refused like a hall that does not exist, over the socket and HTTP
    expect(await watch('drill-west')).toEqual({ ok: false, error: { code: 'HALL_NOT_FOUND', message: expect.any(String) } });
    expect((await viewer.get('/region/v1/halls/drill-west/live')).body.error.code).toBe('HALL_NOT_FOUND');
    const opened = await watch('drill-east');
    expect(opened.ok && opened.detail?.hall.hallId).toBe('drill-east');

    const config = hallSnapshot('东区大厅', [['不动产登记', 20, '1133'], ['税务', 0, null]], 2);
    const ev = new Events();
    ev.opened('w1', T('02:00'));
    ev.issued('e1', 's1', T('02:01'));
    ev.issued('e2', 's1', T('02:02'));
    ev.issued('e3', 's2', T('02:03'));
    ev.called('e1', 'w1', T('02:05'));
    ev.other('alert.raised', T('02:06'));
    ev.list.at(-1)!.data = { key: 'overdue:e2', kind: 'overdue' };
    const viaB = new Api(b.url, east.token);
    expect((await viaB.post('/region/v1/halls/drill-east/events', { after: 0, events: ev.list, config })).status).toBe(200);
    await waitFor('the drill-down on A to show the batch ingested on B', () => details.some((d) => d.hall.highWater === ev.seq));
    const d = details.find((x) => x.hall.highWater === ev.seq)!;
    expect(d.configVersion).toBe(1);
    expect(d.services).toEqual([
      { serviceId: 's1', name: '不动产登记', names: null, catalogueCode: '1133', promisedMinutes: 20, fees: null, waiting: 1, oldestWaitingSince: T('02:02'), issuedToday: 2, servedToday: 0 },
      { serviceId: 's2', name: '税务', names: null, catalogueCode: null, promisedMinutes: 0, fees: null, waiting: 1, oldestWaitingSince: T('02:03'), issuedToday: 1, servedToday: 0 },
    ]);
    expect(d.windows).toEqual([
      { windowId: 'w1', number: 1, name: '1号窗口', status: 'open', serving: { number: 'A1', serviceId: 's1', calledAt: T('02:05'), servingAt: null } },
      { windowId: 'w2', number: 2, name: '2号窗口', status: 'closed', serving: null },
    ]);
    expect(d.alerts).toEqual([{ key: 'overdue:e2', kind: 'overdue', raisedAt: T('02:06') }]);
    expect(d.hall).toMatchObject({ waiting: 2, openWindows: 1, issuedToday: 3, openAlerts: 1 });
    // HTTP gives the same drill-down
    expect((await viewer.get('/region/v1/halls/drill-east/live')).body.detail).toEqual(d);

    // the next batch (on B again) moves the drill-down: the ticket at w1 is served, w1 calls the next
    const more = new Events();
    more.seq = ev.seq;
    more.finished('e1', T('02:10'));
    more.called('e2', 'w1', T('02:11'));
    expect((await viaB.post('/region/v1/halls/drill-east/events', { after: ev.seq, events: more.list })).status).toBe(200);
    await waitFor('the drill-down to follow', () => details.some((x) => x.hall.highWater === more.seq));
    const d2 = details.find((x) => x.hall.highWater === more.seq)!;
    expect(d2.services[0]).toMatchObject({ waiting: 0, issuedToday: 2, servedToday: 1 });
    expect(d2.windows[0].serving).toMatchObject({ number: 'A2', calledAt: T('02:11') });

    // after unwatching, no more drill-downs arrive for it
    expect(await watch(null)).toEqual({ ok: true, detail: null });
    const n = details.length;
    const last = new Events();
    last.seq = more.seq;
    last.issued('e4', 's2', T('02:20'));
    expect((await viaB.post('/region/v1/halls/drill-east/events', { after: more.seq, events: last.list })).status).toBe(200);
    await waitFor('the overview to get the batch', () => dash.updates.some((h) => h.hallId === 'drill-east' && h.highWater === last.seq));
    expect(details.length).toBe(n);
  });

  it('two real halls streaming to the two nodes while tickets flow: the region counts what each hall reports', async () => {
    const adminB = await regionAdmin(b.url);
    const halls: { hall: RunningHall; dir: string; admin: Api; id: string }[] = [];
    try {
      for (const [i, node] of [a, b].entries()) {
        const id = `county-${i + 1}`;
        const token = (await adminB.post('/region/v1/halls', { id, name: id, area: 'north' })).body.token;
        const dir = tempDir();
        const hall = await startTestHall(dir, { uplink: { idleMs: 50, minBackoffMs: 50, maxBackoffMs: 200 } });
        const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
        expect((await admin.req('PATCH', '/api/v1/admin/uplink', { enabled: true, url: node.url, hallId: id, token })).status).toBe(200);
        halls.push({ hall, dir, admin, id });
      }
      // tickets flow at both halls while the uplinks stream
      await Promise.all(
        halls.map(async ({ hall, admin }, h) => {
          const kApi = (await bareKiosk(admin)).api;
          const clerks = await Promise.all([1, 2].map((n) => clerkAt(hall.url, n)));
          const services = [1, 2].map((n) => hall.deps.ctx.store.config.window(`w${n}`)!.services[0].serviceId);
          for (let i = 0; i < 16 + h * 4; i++) {
            expect((await kApi.post('/api/v1/tickets', { serviceId: services[i % 2] })).status).toBe(201);
            if (i % 3 === 2) {
              const c = clerks[i % 2];
              const w = `w${(i % 2) + 1}`;
              const called = await c.post(`/api/v1/windows/${w}/call-next`);
              if (called.body?.ticket && i % 6 === 5) await c.post(`/api/v1/windows/${w}/no-show`);
              else if (called.body?.ticket && i % 9 === 8) await c.post(`/api/v1/windows/${w}/transfer`, { toServiceId: services[(i + 1) % 2] });
              else if (called.body?.ticket) await c.post(`/api/v1/windows/${w}/finish`);
            }
          }
        }),
      );
      for (const { admin } of halls) {
        await waitFor('the uplink to catch up', async () => {
          const s = (await admin.get('/api/v1/admin/uplink')).body.state;
          return s.connected && s.lagEvents === 0;
        });
      }
      for (const { hall, admin, id } of halls) {
        const day = hall.deps.hall.businessDay();
        const report = (await admin.get(`/api/v1/admin/reports?from=${day}&to=${day}&by=service`)).body;
        const rows = (
          await store.db.query(
            `SELECT service_id, issued, served, no_shows, transferred, CASE WHEN waits > 0 THEN round((wait_seconds / waits * 10)::numeric) / 10 END AS wait_avg
             FROM daily_service WHERE hall_id = $1 AND business_day = $2 ORDER BY service_id`,
            [id, day],
          )
        ).rows.map((r) => ({ ...r, wait_avg: r.wait_avg === null ? null : Number(r.wait_avg) }));
        const fromHall = report.rows
          .filter((r: any) => r.issued + r.served + r.noShows + r.transferred > 0)
          .map((r: any) => ({ service_id: r.key, issued: r.issued, served: r.served, no_shows: r.noShows, transferred: r.transferred, wait_avg: r.waitAvg }))
          .sort((x: any, y: any) => x.service_id.localeCompare(y.service_id));
        expect(rows).toEqual(fromHall);
        expect(report.totals.issued).toBeGreaterThanOrEqual(16);
        expect(report.totals.served).toBeGreaterThan(0);
        expect(report.totals.noShows).toBeGreaterThan(0);
        expect(report.totals.transferred).toBeGreaterThan(0);
        const stored = Number((await store.db.query('SELECT count(*) FROM events WHERE hall_id = $1', [id])).rows[0].count);
        expect(stored).toBe(hall.deps.ctx.store.events.list({ limit: 1 })[0].id);
      }
    } finally {
      for (const h of halls) {
        await h.hall.close();
        removeDir(h.dir);
      }
    }
  }, 120_000); // two hall servers and 40 tickets: well over the default 30 s on a loaded 2-core machine
});
