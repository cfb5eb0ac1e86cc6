/**
 * The hall → region uplink against a real region node on a private PostgreSQL and
 * Redis, through a recording proxy: off by default, streams in order, sends no
 * identities/staff/tokens, carries the catalogue code in the config snapshot, keeps
 * the hall answering while the region is unreachable, and catches up afterwards with
 * counts equal to the hall's own report.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import type { RunningRegion } from '../../region/node.js';
import { ADMIN_PASSWORD, Api, clerkAt, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { bareKiosk, idNumber, patchService, patchSettings, readCard } from '../helpers/features.js';
import { requirePostgres, TestPostgres } from '../helpers/pg.js';
import { waitFor } from '../helpers/ports.js';
import { RecordingProxy } from '../helpers/proxy.js';
import { requireRedis, TestRedis } from '../helpers/redis.js';
import { regionAdmin, startTestRegion } from '../region/support.js';

const FAST = { idleMs: 50, minBackoffMs: 50, maxBackoffMs: 200, requestTimeoutMs: 2000 };

describe.runIf(requirePostgres() && requireRedis())('hall → region uplink', () => {
  let cluster: TestPostgres;
  let redis: TestRedis;
  let region: RunningRegion;
  let proxy: RecordingProxy;
  let db: pg.Pool;
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let hallToken: string;
  /** The hall's clock runs with real time, moved ahead by this much (the online numbers' expiry). */
  let ahead = 0;

  beforeAll(async () => {
    [cluster, redis] = await Promise.all([TestPostgres.start(), TestRedis.start()]);
    const url = await cluster.createDatabase('uplink');
    region = await startTestRegion(url, redis.url);
    proxy = await RecordingProxy.start(region.url);
    db = new pg.Pool({ connectionString: url, max: 2 });
    // An idle client cut off by a PostgreSQL restart or stop must not become an uncaught error.
    db.on('error', () => undefined);
    dir = tempDir();
    hall = await startTestHall(dir, { uplink: FAST, now: () => new Date(Date.now() + ahead) });
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const regionApi = await regionAdmin(region.url);
    hallToken = (await regionApi.post('/region/v1/halls', { id: 'county-1', name: 'County', area: 'north' })).body.token;
  }, 90_000);
  afterAll(async () => {
    await hall?.close();
    removeDir(dir);
    await proxy?.close();
    await db?.end();
    await region?.close();
    await Promise.all([cluster?.stop(), redis?.stop()]);
  });

  const state = async () => (await admin.get('/api/v1/admin/uplink')).body.state;
  const caughtUp = () => waitFor('the uplink to catch up', async () => {
    const s = await state();
    return s.connected && s.lagEvents === 0 && s.acknowledged === s.head;
  });
  const serviceOfW1 = () => hall.deps.ctx.store.config.window('w1')!.services[0].serviceId;

  it('is off by default and shows its state only to signed-in staff', async () => {
    const r = await admin.get('/api/v1/admin/uplink');
    expect(r.body.uplink).toEqual({ enabled: false, url: '', hallId: '', tokenSet: false });
    expect(r.body.state).toMatchObject({ enabled: false, connected: false, acknowledged: null, lastError: null });
    expect((await new Api(hall.url).get('/api/v1/health')).body.uplink).toBeUndefined();
    expect((await admin.get('/api/v1/health')).body.uplink).toMatchObject({ enabled: false });
    const bad = await admin.req('PATCH', '/api/v1/admin/uplink', { enabled: true, url: proxy.url });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_UPLINK');
    expect(proxy.bodies).toEqual([]);
  });

  it('streams the log in order with the config snapshot (catalogue codes) and no identity, staff or token', async () => {
    const serviceId = serviceOfW1();
    expect((await patchService(admin, serviceId, { catalogueCode: '11410100MB0P12345X4000117002' })).catalogueCode).toBe('11410100MB0P12345X4000117002');
    const on = await admin.req('PATCH', '/api/v1/admin/uplink', { enabled: true, url: proxy.url, hallId: 'county-1', token: hallToken });
    expect(on.body.uplink).toEqual({ enabled: true, url: proxy.url, hallId: 'county-1', tokenSet: true });
    expect(JSON.stringify(on.body)).not.toContain(hallToken);

    const kiosk = await bareKiosk(admin);
    const clerk = await clerkAt(hall.url, 1);
    const citizen = { name: '王小明', idNumber: idNumber('1950-03-07', '777'), birthDate: '1950-03-07' };
    const withCard = await kiosk.api.post('/api/v1/tickets', { serviceId, cardToken: readCard(hall, kiosk.id, citizen) });
    expect(withCard.status).toBe(201);
    const plain = await kiosk.api.post('/api/v1/tickets', { serviceId });
    expect((await clerk.post('/api/v1/windows/w1/call-next')).status).toBe(200);
    expect((await clerk.post('/api/v1/windows/w1/call-next')).status).toBe(200);
    await caughtUp();

    const sent = proxy.bodies.join('\n');
    const clerkUser = hall.deps.ctx.store.auth.userByUsername('clerk1')!;
    for (const secret of [
      citizen.idNumber, citizen.idNumber.slice(-4) + '"', citizen.name, '王*明', '1950-03-07', 'identity', 'idHmac',
      withCard.body.ticket.trackToken, plain.body.ticket.trackToken, 'staffId', 'actorId', 'clerk1', clerkUser.id, clerkUser.name,
      // the kiosk's device id (or any text staff sent as kioskId): the region never reads it
      kiosk.id, 'kioskId',
    ]) {
      expect(sent, `"${secret}" left the hall`).not.toContain(secret);
    }
    // only the hall's own token went out, to its own stream
    expect(proxy.bodies.every((b) => b.split('\n')[1] === `Bearer ${hallToken}` && b.split('\n')[0].includes('/halls/county-1/'))).toBe(true);

    const stored = (await db.query(`SELECT seq, type FROM events WHERE hall_id = 'county-1' ORDER BY seq`)).rows;
    const head = hall.deps.ctx.store.events.list({ limit: 1 })[0].id;
    expect(stored.map((r) => Number(r.seq))).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    const snap = (await db.query(`SELECT snapshot FROM hall_config WHERE hall_id = 'county-1' ORDER BY version DESC LIMIT 1`)).rows[0].snapshot;
    expect(snap.services.find((s: any) => s.id === serviceId).catalogueCode).toBe('11410100MB0P12345X4000117002');
    // names in the hall's three languages and each service's fee text, as the hall has them
    const def = hall.deps.ctx.store.config.services().find((s) => s.id === serviceId)!;
    expect(snap.hallNames['zh-CN']).toBe(hall.deps.ctx.settings().hallName['zh-CN']);
    expect(snap.services.find((s: any) => s.id === serviceId)).toMatchObject({ name: def.name['zh-CN'], names: { 'zh-CN': def.name['zh-CN'] } });
    for (const s of hall.deps.ctx.store.config.services()) {
      const sent = snap.services.find((x: any) => x.id === s.id);
      expect(sent.names).toEqual(Object.fromEntries(Object.entries(s.name).filter(([, v]) => v)));
      expect(sent.fees).toEqual(s.guide.fees['zh-CN'] ? Object.fromEntries(Object.entries(s.guide.fees).filter(([, v]) => v)) : undefined);
    }
    // the region knows where the hall's log ends: caught up, 0 behind
    const shown = (await (await regionAdmin(region.url)).get('/region/v1/halls')).body.halls.find((h: any) => h.hallId === 'county-1');
    expect(shown).toMatchObject({ head: { seq: head }, highWater: head, lagEvents: 0, lagSeconds: 0 });
    expect((await admin.get('/api/v1/health')).body.uplink).toMatchObject({ enabled: true, connected: true, lagEvents: 0, lastError: null });
  });

  it('keeps the hall answering while the region is unreachable and catches up after, counting each ticket once', async () => {
    const serviceId = serviceOfW1();
    const kiosk = await bareKiosk(admin, 'outage kiosk');
    proxy.down();
    for (let i = 0; i < 12; i++) expect((await kiosk.api.post('/api/v1/tickets', { serviceId })).status).toBe(201);
    await waitFor('the uplink to notice the outage', async () => {
      const s = await state();
      return !s.connected && s.lastError !== null && s.lagEvents >= 12;
    });
    const during = await state();
    expect(during.lastError).toMatch(/unreachable/);
    expect(during.lagSeconds).toBeGreaterThanOrEqual(0);
    proxy.up();
    await caughtUp();

    const day = hall.deps.hall.businessDay();
    const report = (await admin.get(`/api/v1/admin/reports?from=${day}&to=${day}&by=service`)).body;
    const regionRows = (await db.query(`SELECT service_id, issued, served, no_shows FROM daily_service WHERE hall_id = 'county-1' AND business_day = $1`, [day])).rows;
    const sum = (k: string) => regionRows.reduce((n, r) => n + Number(r[k]), 0);
    expect(sum('issued')).toBe(report.totals.issued);
    expect(sum('issued')).toBe(14);
    expect(sum('served')).toBe(report.totals.served);
    expect(sum('no_shows')).toBe(report.totals.noShows);
  });

  it('rides out a PostgreSQL restart: the region answers 503, the uplink backs off and catches up exactly', async () => {
    const serviceId = serviceOfW1();
    const kiosk = await bareKiosk(admin, 'pg restart kiosk');
    await caughtUp();
    await cluster.stopServer('immediate');
    try {
      for (let i = 0; i < 5; i++) expect((await kiosk.api.post('/api/v1/tickets', { serviceId })).status).toBe(201);
      await waitFor('the uplink to report the region store down', async () => /REGION_UNAVAILABLE/.test((await state()).lastError ?? ''));
      expect((await state()).connected).toBe(false);
    } finally {
      await cluster.startServer();
    }
    await caughtUp();
    const day = hall.deps.hall.businessDay();
    const report = (await admin.get(`/api/v1/admin/reports?from=${day}&to=${day}&by=service`)).body;
    const issued = Number((await db.query(`SELECT sum(issued) AS n FROM daily_service WHERE hall_id = 'county-1' AND business_day = $1`, [day])).rows[0].n);
    expect(issued).toBe(report.totals.issued);
    const seqs = (await db.query(`SELECT count(*) AS n, max(seq) AS m FROM events WHERE hall_id = 'county-1'`)).rows[0];
    expect(Number(seqs.n)).toBe(Number(seqs.m));
  });

  it('refuses a hall whose log was replaced (restored from an older backup) loudly, counting nothing twice', async () => {
    const regionApi = await regionAdmin(region.url);
    const token = (await regionApi.post('/region/v1/halls', { id: 'restored', name: 'Restored', area: 'north' })).body.token;
    const setting = { enabled: true, url: proxy.url, hallId: 'restored', token };
    const dirs = [tempDir(), tempDir()];
    const regionCounts = async () => ({
      events: Number((await db.query(`SELECT count(*) FROM events WHERE hall_id = 'restored'`)).rows[0].count),
      issued: Number((await db.query(`SELECT COALESCE(sum(issued), 0) AS n FROM daily_service WHERE hall_id = 'restored'`)).rows[0].n),
    });
    try {
      // the hall as it was: streams its log, then its disk is lost
      const before = await startTestHall(dirs[0], { uplink: FAST });
      const beforeAdmin = await Api.login(before.url, 'admin', ADMIN_PASSWORD);
      await beforeAdmin.req('PATCH', '/api/v1/admin/uplink', setting);
      const k1 = await bareKiosk(beforeAdmin);
      for (let i = 0; i < 3; i++) await k1.api.post('/api/v1/tickets', { serviceId: before.deps.ctx.store.config.window('w1')!.services[0].serviceId });
      await waitFor('the first hall to catch up', async () => (await beforeAdmin.get('/api/v1/admin/uplink')).body.state.lagEvents === 0);
      const stored = await regionCounts();
      expect(stored.issued).toBe(3);
      await before.close();

      // the "restored" hall: an older, shorter log under the same hall id and token
      const after = await startTestHall(dirs[1], { uplink: FAST });
      try {
        const afterAdmin = await Api.login(after.url, 'admin', ADMIN_PASSWORD);
        await afterAdmin.req('PATCH', '/api/v1/admin/uplink', setting);
        const uplinkState = async () => (await afterAdmin.get('/api/v1/admin/uplink')).body.state;
        await waitFor('the uplink to say it is behind the region', async () => /UPLINK_BEHIND/.test((await uplinkState()).lastError ?? ''));
        // new events take seqs the region already has: refused, not mistaken for resends
        const k2 = await bareKiosk(afterAdmin);
        const serviceId = after.deps.ctx.store.config.window('w1')!.services[0].serviceId;
        while (after.deps.ctx.store.events.list({ limit: 1 })[0].id <= stored.events) {
          expect((await k2.api.post('/api/v1/tickets', { serviceId })).status).toBe(201);
        }
        await waitFor('the region to refuse the diverged log', async () => /UPLINK_DIVERGED/.test((await uplinkState()).lastError ?? ''));
        expect((await uplinkState()).connected).toBe(false);
        expect(await regionCounts()).toEqual(stored);
      } finally {
        await after.close();
      }
    } finally {
      dirs.forEach(removeDir);
    }
  });

  // last: it moves the hall's clock an hour ahead
  it('online numbers (线上取号): arrival and expiry reach the region as ticket and time only; the region counts them as the hall does', async () => {
    await patchSettings(admin, { remoteQueue: { enabled: true, arrivalRule: 'keep', expireMinutes: 60, perDevicePerDay: 2, perPersonPerDay: 2, quotas: { social: 5 }, doorCode: 'new' } });
    const phone = new Api(hall.url);
    const person = { name: '赵六', idNumber: idNumber('1979-11-23', '561') };
    const devices = ['phone-uplink-a-0123456789abcdef', 'phone-uplink-b-0123456789abcdef'];
    const taken = [];
    for (const deviceId of devices) {
      const r = await phone.post('/api/v1/remote/tickets', { serviceId: 'social', ...person, deviceId });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      taken.push(r.body);
    }
    const [arrives, expires] = taken;
    const kiosk = await bareKiosk(admin, 'online kiosk');
    expect((await kiosk.api.post('/api/v1/appointments/check-in', { code: arrives.view.remote.arrivalCode })).status).toBe(201);
    const clerk = await clerkAt(hall.url, 3);
    expect((await clerk.post('/api/v1/windows/w3/call-ticket', { ticketId: arrives.ticket.id })).status).toBe(200);
    expect((await clerk.post('/api/v1/windows/w3/finish')).status).toBe(200);
    ahead += 61 * 60_000;
    hall.deps.hall.remote.expireDue();
    expect(hall.deps.ctx.store.tickets.get(expires.ticket.id)!.status).toBe('expired');
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    await caughtUp();

    const sent = proxy.bodies.join('\n');
    for (const secret of [person.name, person.idNumber, ...devices, arrives.view.remote.arrivalCode, expires.view.remote.arrivalCode, arrives.ticket.trackToken, expires.ticket.trackToken, 'kiosk-code', 'idHmac']) {
      expect(sent, `"${secret}" left the hall`).not.toContain(secret);
    }
    const stored = async (type: string, id: string) => (await db.query(`SELECT data FROM events WHERE hall_id = 'county-1' AND type = $1 AND ticket_id = $2`, [type, id])).rows.map((r) => r.data);
    const [arrival] = await stored('ticket.arrived', arrives.ticket.id);
    expect(Object.keys(arrival).sort()).toEqual(['at', 'queuedAt', 'ticketId', 'type']);
    expect(await stored('ticket.expired', expires.ticket.id)).toEqual([{ type: 'ticket.expired', at: expect.any(String), ticketId: expires.ticket.id }]);

    // the region's figures and live queue: the expired number is over, neither waits
    const live = (await db.query(`SELECT ticket_id, status FROM live_tickets WHERE hall_id = 'county-1' AND ticket_id = ANY($1)`, [[arrives.ticket.id, expires.ticket.id]])).rows;
    expect(Object.fromEntries(live.map((r) => [r.ticket_id, r.status]))).toEqual({ [arrives.ticket.id]: 'ended', [expires.ticket.id]: 'ended' });
    const day = arrives.ticket.businessDay;
    const report = (await admin.get(`/api/v1/admin/reports?from=${day}&to=${day}&by=service`)).body;
    const social = report.rows.find((r: any) => r.key === 'social');
    expect(social).toMatchObject({ remote: 2, expired: 1 });
    const region = (await db.query(`SELECT issued, served, remote, expired, waits, wait_seconds FROM daily_service WHERE hall_id = 'county-1' AND business_day = $1 AND service_id = 'social'`, [day])).rows[0];
    const waitAvg = Math.round((region.wait_seconds / region.waits) * 10) / 10;
    expect({ issued: region.issued, served: region.served, remote: region.remote, expired: region.expired, waitAvg }).toEqual({ issued: social.issued, served: social.served, remote: 2, expired: 1, waitAvg: social.waitAvg });
    const waiting = Number((await db.query(`SELECT count(*) AS n FROM live_tickets WHERE hall_id = 'county-1' AND status = 'waiting'`)).rows[0].n);
    expect(waiting).toBe(hall.deps.ctx.store.tickets.waiting().length);
  });
});
