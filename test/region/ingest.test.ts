/**
 * Ingest on a real PostgreSQL: idempotent by (hall, seq), gaps refused with the
 * expected seq, one transaction with the projections, monthly partitions, tokens
 * that append only to their own hall, revocation, viewer scopes.
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { COPY_MIN_EVENTS } from '../../region/store/batch-write.js';
import { pruneLiveTickets } from '../../region/store/maintenance.js';
import { Api } from '../helpers/hall.js';
import { requirePostgres } from '../helpers/pg.js';
import { waitFor } from '../helpers/ports.js';
import { requireRedis } from '../helpers/redis.js';
import { Events, registerHall, TEST_DAY, daysBefore } from './support.js';
import { regionRig } from './rig.js';

const T = (hhmm: string) => `${TEST_DAY}T${hhmm}:00.000Z`;
const config = {
  hallName: 'North county hall',
  timeZone: 'Asia/Shanghai',
  resetHour: 3,
  departments: [{ id: 'd1', name: '不动产' }],
  services: [{ id: 's1', name: '不动产登记', departmentId: 'd1', prefix: 'A', promisedMinutes: 20, catalogueCode: '11330000002482' }],
  windows: [{ id: 'w1', number: 1, name: '1号窗口', departmentId: 'd1' }],
};

/** YYYY-MM `n` months before now (events must be less than 400 days old), and its partition suffix. */
const monthAgo = (n: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
};
const [M1, M2, M3, M4, M5] = [11, 10, 9, 8, 7].map(monthAgo);
const [P1, P2, P3, P4, P5] = [M1, M2, M3, M4, M5].map((m) => `${m.slice(0, 4)}m${m.slice(5, 7)}`);

describe.runIf(requirePostgres() && requireRedis())('region ingest', () => {
  const rig = regionRig('ingest');

  const daily = async (hall: string) =>
    (await rig.db.query('SELECT business_day, service_id, issued, served, no_shows, waits, wait_seconds FROM daily_service WHERE hall_id = $1 ORDER BY 1, 2', [hall])).rows;
  const count = async (hall: string) => Number((await rig.db.query('SELECT count(*) FROM events WHERE hall_id = $1', [hall])).rows[0].count);

  it('stores a batch with its projections; a resend, an overlap and an out-of-order batch change nothing twice', async () => {
    const hall = await registerHall(rig.admin, 'h1');
    const ev = new Events();
    ev.opened('w1', T('01:00'));
    ev.issued('t1', 's1', T('01:01'));
    ev.issued('t2', 's1', T('01:02'));
    ev.called('t1', 'w1', T('01:06'));
    ev.finished('t1', T('01:10'));
    ev.called('t2', 'w1', T('01:12'));
    ev.noShow('t2', T('01:15'));
    const [first, second] = [ev.list.slice(0, 4), ev.list.slice(4)];

    let r = await hall.post('/region/v1/halls/h1/events', { after: 0, events: first, config });
    expect(r.body).toEqual({ ok: true, highWater: 4, accepted: 4, duplicates: 0, configVersion: 1 });
    expect(await daily('h1')).toEqual([{ business_day: TEST_DAY, service_id: 's1', issued: 2, served: 0, no_shows: 0, waits: 1, wait_seconds: 300 }]);

    // the same batch again: acknowledged, nothing stored twice
    r = await hall.post('/region/v1/halls/h1/events', { after: 0, events: first, config });
    expect(r.body).toMatchObject({ highWater: 4, accepted: 0, duplicates: 4, configVersion: 1 });
    // a batch after a gap: refused with the expected position
    r = await hall.post('/region/v1/halls/h1/events', { after: 5, events: second.slice(1) });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'UPLINK_GAP', expected: 4 });
    // an overlapping batch (from seq 3): only the new part counts
    r = await hall.post('/region/v1/halls/h1/events', { after: 2, events: ev.list.slice(2) });
    expect(r.body).toMatchObject({ highWater: 7, accepted: 3, duplicates: 2 });
    // the earlier batch arriving late (out of order): nothing moves
    r = await hall.post('/region/v1/halls/h1/events', { after: 0, events: first });
    expect(r.body).toMatchObject({ highWater: 7, accepted: 0, duplicates: 4 });

    expect(await count('h1')).toBe(7);
    expect(await daily('h1')).toEqual([{ business_day: TEST_DAY, service_id: 's1', issued: 2, served: 1, no_shows: 1, waits: 2, wait_seconds: 300 + 600 }]);
    const live = (await rig.admin.get('/region/v1/halls')).body.halls.find((h: any) => h.hallId === 'h1');
    expect(live).toMatchObject({ name: 'North county hall', waiting: 0, openWindows: 1, issuedToday: 2, servedToday: 1, highWater: 7, businessDay: TEST_DAY });
    expect((await hall.get('/region/v1/halls/h1/uplink')).body).toEqual({ ok: true, highWater: 7, configVersion: 1, epoch: 0, resync: false, proposed: false, lastEpoch: null, accepts: ['head', 'names'] });
  });

  it('refuses a replaced log (a hall restored from an older backup) instead of mixing two histories', async () => {
    const hall = await registerHall(rig.admin, 'h-restored');
    const ev = new Events();
    ev.issued('a1', 's1', T('02:00'));
    ev.issued('a2', 's1', T('02:01'));
    expect((await hall.post('/region/v1/halls/h-restored/events', { after: 0, events: ev.list })).body.highWater).toBe(2);
    const other = new Events();
    other.issued('b1', 's1', T('02:00'));
    other.other('config.service.saved', T('02:05'));
    other.issued('b3', 's1', T('02:06'));
    const r = await hall.post('/region/v1/halls/h-restored/events', { after: 1, events: other.list.slice(1) });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'UPLINK_DIVERGED', seq: 2 });
    expect(await count('h-restored')).toBe(2);
  });

  it('a resend reads only the partitions of its events’ months; a replaced event stored in another month is still refused', async () => {
    const hall = await registerHall(rig.admin, 'h-months');
    const ev = new Events(`${M1}-10`);
    ev.issued('m1', 's1', `${M1}-10T02:00:00.000Z`);
    ev.issued('m2', 's1', `${M2}-10T02:00:00.000Z`);
    ev.issued('m3', 's1', `${M3}-10T02:00:00.000Z`);
    ev.issued('m4', 's1', `${M3}-11T02:00:00.000Z`);
    expect((await hall.post('/region/v1/halls/h-months/events', { after: 0, events: ev.list })).body.accepted).toBe(4);
    const scans = async () =>
      Object.fromEntries(
        (await rig.db.query(`SELECT relname, COALESCE(idx_scan, 0) + COALESCE(seq_scan, 0) AS n FROM pg_stat_user_tables WHERE relname IN ($1, $2, $3)`, [`events_y${P1}`, `events_y${P2}`, `events_y${P3}`])).rows.map((r) => [r.relname.slice(-7), Number(r.n)]),
      );
    // building each new partition's indexes scanned it: wait until that reached the statistics (a backend flushes them when idle, within ~10 s)
    await waitFor('the partitions’ creation in the statistics', async () => Object.values(await scans()).filter((n) => Number(n) > 0).length === 3);
    await waitFor('settled statistics', async () => JSON.stringify(await scans()) === JSON.stringify(await new Promise((r) => setTimeout(r, 1200)).then(scans)));
    const before = await scans();
    // the third month's events again (the uplink reconnecting resends from the region's last event)
    const r = await hall.post('/region/v1/halls/h-months/events', { after: 2, events: ev.list.slice(2) });
    expect(r.body).toMatchObject({ accepted: 0, duplicates: 2 });
    await waitFor('the resend’s scans in the statistics', async () => (await scans())[P3] > before[P3]);
    const after = await scans();
    expect(after[P1]).toBe(before[P1]);
    expect(after[P2]).toBe(before[P2]);

    // a replaced log whose event 2 now falls in the third month: found across partitions, refused
    const other = new Events(`${M1}-10`);
    other.issued('m1', 's1', `${M1}-10T02:00:00.000Z`);
    other.issued('z2', 's1', `${M3}-10T05:00:00.000Z`);
    const d = await hall.post('/region/v1/halls/h-months/events', { after: 1, events: other.list.slice(1) });
    expect(d.status).toBe(409);
    expect(d.body.error).toMatchObject({ code: 'UPLINK_DIVERGED', seq: 2 });
  });

  it('commits the events and their projections in one transaction: a failing projection stores nothing', async () => {
    const hall = await registerHall(rig.admin, 'h-atomic');
    await rig.db.query(`CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN IF NEW.service_id = 'boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await rig.db.query('CREATE TRIGGER boom BEFORE INSERT ON daily_service FOR EACH ROW EXECUTE FUNCTION boom()');
    try {
      const ev = new Events();
      ev.issued('x1', 's1', T('03:00'));
      ev.issued('x2', 'boom', T('03:01'));
      const r = await hall.post('/region/v1/halls/h-atomic/events', { after: 0, events: ev.list });
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('REGION_UNAVAILABLE');
      expect(await count('h-atomic')).toBe(0);
      expect(await daily('h-atomic')).toEqual([]);
      expect((await hall.get('/region/v1/halls/h-atomic/uplink')).body.highWater).toBe(0);
    } finally {
      await rig.db.query('DROP TRIGGER boom ON daily_service');
    }
  });

  it('puts events in monthly partitions created as needed, with the indexes its queries read', async () => {
    const hall = await registerHall(rig.admin, 'h-old');
    const ev = new Events(`${M4}-10`);
    ev.issued('o1', 's1', `${M4}-10T01:00:00.000Z`);
    ev.issued('o2', 's1', `${M5}-02T01:00:00.000Z`);
    expect((await hall.post('/region/v1/halls/h-old/events', { after: 0, events: ev.list })).body.accepted).toBe(2);
    const parts = (await rig.db.query(`SELECT tableoid::regclass::text AS part, seq FROM events WHERE hall_id = 'h-old' ORDER BY seq`)).rows;
    expect(parts).toEqual([
      { part: `events_y${P4}`, seq: '1' },
      { part: `events_y${P5}`, seq: '2' },
    ]);
    const idx = (await rig.db.query(`SELECT indexdef FROM pg_indexes WHERE tablename = $1 ORDER BY indexname`, [`events_y${P4}`])).rows.map((r) => r.indexdef);
    // the primary key (a hall's events in a period) and (hall_id, seq) (resends, epochs); no index that no query reads (008)
    expect(idx.map((d) => /\((.*)\)$/.exec(d)?.[1])).toEqual(['hall_id, seq', 'hall_id, at, seq']);
    const ratingIdx = (await rig.db.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'ratings' ORDER BY indexname`)).rows.map((r) => /\((.*)\)$/.exec(r.indexdef)?.[1]);
    expect(ratingIdx).toEqual(['feed_xid, hall_id, seq', 'hall_id, at, seq']);
    // months ahead exist before any event needs them
    const ahead = new Date();
    ahead.setUTCDate(1);
    ahead.setUTCMonth(ahead.getUTCMonth() + 2);
    const name = `events_y${ahead.toISOString().slice(0, 4)}m${ahead.toISOString().slice(5, 7)}`;
    expect((await rig.db.query('SELECT to_regclass($1) AS r', [name])).rows[0].r).toBe(name);
  });

  it('keeps connections for checks, reads and live batches while bulk batches wait on the store', async () => {
    // 12 halls' batches (more than the pool's 10 connections) stuck behind a lock on their streams
    const bulk = Array.from({ length: 12 }, (_, i) => `stuck-${i}`);
    const apis = await Promise.all(bulk.map((id) => registerHall(rig.admin, id)));
    const liveHall = await registerHall(rig.admin, 'stuck-live');
    await rig.db.query('INSERT INTO hall_uplink (hall_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [bulk]);
    const locker = await rig.db.connect();
    const batchOf = (n: number) => {
      const ev = new Events();
      for (let i = 0; i < n; i++) ev.issued(`k${i}`, 's1', T('05:00'));
      return { after: 0, events: ev.list };
    };
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM hall_uplink WHERE hall_id = ANY($1::text[]) FOR UPDATE', [bulk]);
      const posts = apis.map((api, i) => api.post(`/region/v1/halls/${bulk[i]}/events`, batchOf(60)));
      const waiting = async () =>
        Number((await rig.db.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%hall_uplink%FOR UPDATE%'`)).rows[0].n);
      await waitFor('batches waiting on their streams', async () => (await waiting()) >= 2);
      // the pool still answers the rest: a hall's position, the live view, a token check
      expect((await liveHall.get('/region/v1/halls/stuck-live/uplink')).body.highWater).toBe(0);
      expect((await rig.admin.get('/region/v1/halls')).status).toBe(200);
      // a caught-up hall's small batch is committed while the bulk batches are still stuck
      expect((await liveHall.post('/region/v1/halls/stuck-live/events', batchOf(1))).body.accepted).toBe(1);
      expect(await waiting()).toBeGreaterThanOrEqual(2);
      await locker.query('COMMIT');
      for (const r of await Promise.all(posts)) expect(r.body.accepted).toBe(60);
      expect(await waiting()).toBe(0);
    } finally {
      await locker.query('ROLLBACK').catch(() => {});
      locker.release();
    }
  });

  it('stores a rating\'s reasons as the hall gave them, a "|" inside one included', async () => {
    const hall = await registerHall(rig.admin, 'h-reasons');
    const ev = new Events();
    ev.issued('r1', 's1', T('06:00'));
    ev.rated('r1', 'w1', 2, T('06:05'), ['slow|rude', '态度好', '']);
    expect((await hall.post('/region/v1/halls/h-reasons/events', { after: 0, events: ev.list })).body.accepted).toBe(2);
    const r = await rig.db.query(`SELECT reasons, grade FROM ratings WHERE hall_id = 'h-reasons'`);
    expect(r.rows).toEqual([{ reasons: ['slow|rude', '态度好', ''], grade: 2 }]);
  });

  it('stores the same samples and ratings from a bulk batch (COPY) as from live batches, odd reasons included', async () => {
    const odd = ['quote"d', 'back\\slash', 'tab\there', 'line\nbreak', '{brace,comma}', 'NULL', '\\N', '', 'slow|rude', '态度好'];
    const ev = new Events();
    for (let i = 0; i < 20; i++) {
      const id = `c${i}`;
      ev.issued(id, 's1', T(`08:${String(i).padStart(2, '0')}`));
      ev.called(id, 'w1', T(`08:${String(i + 20).padStart(2, '0')}`));
      ev.finished(id, T(`08:${String(i + 30).padStart(2, '0')}`));
      ev.rated(id, 'w1', (i % 5) + 1, T(`08:${String(i + 31).padStart(2, '0')}`), [odd[i % odd.length], odd[(i + 3) % odd.length]]);
    }
    expect(ev.list.length).toBeGreaterThanOrEqual(COPY_MIN_EVENTS);
    const live = await registerHall(rig.admin, 'h-proj-live');
    for (let i = 0; i < ev.list.length; i += 10) {
      expect((await live.post('/region/v1/halls/h-proj-live/events', { after: i, events: ev.list.slice(i, i + 10) })).body.ok).toBe(true);
    }
    const bulk = await registerHall(rig.admin, 'h-proj-bulk');
    expect((await bulk.post('/region/v1/halls/h-proj-bulk/events', { after: 0, events: ev.list })).body).toMatchObject({ ok: true, accepted: ev.list.length });
    const rows = async (hall: string) => ({
      samples: (await rig.db.query(`SELECT seq, kind, business_day, service_id, seconds, at FROM ticket_samples WHERE hall_id = $1 ORDER BY seq, kind`, [hall])).rows,
      ratings: (await rig.db.query(`SELECT seq, at, business_day, service_id, window_id, grade, reasons, source, epoch FROM ratings WHERE hall_id = $1 ORDER BY seq`, [hall])).rows,
    });
    const fromLive = await rows('h-proj-live');
    expect(fromLive.samples).toHaveLength(40);
    expect(fromLive.ratings).toHaveLength(20);
    expect(fromLive.ratings.flatMap((r) => r.reasons).sort()).toEqual(Array.from({ length: 20 }, (_, i) => [odd[i % odd.length], odd[(i + 3) % odd.length]]).flat().sort());
    expect(await rows('h-proj-bulk')).toEqual(fromLive);
  });

  it('stores every event exactly as the hall sent it, whatever its ids, type and data hold, in a live batch and in a bulk one (COPY)', async () => {
    const odd = ['tab\there', 'line\nbreak', 'cr\rhere', 'back\\slash', '\\N', '\\.', '"quoted"', '窗口\u2028一', '😀'];
    const eventsOf = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const s = odd[i % odd.length];
        return { seq: i + 1, at: new Date(Date.parse(T('07:00')) + i * 1000).toISOString(), type: `x.${s}`, windowId: s, ticketId: `${s}-${i}`, data: { type: `x.${s}`, text: s, nested: { list: [s, null, 1.5, true], [s]: s } } };
      });
    for (const [id, n] of [['h-text-live', odd.length], ['h-text-bulk', 120]] as const) {
      expect(n >= COPY_MIN_EVENTS).toBe(id === 'h-text-bulk');
      const hall = await registerHall(rig.admin, id);
      const events = eventsOf(n);
      expect((await hall.post(`/region/v1/halls/${id}/events`, { after: 0, events })).body).toMatchObject({ ok: true, highWater: n, accepted: n });
      const r = await rig.db.query(`SELECT seq, at, type, window_id, ticket_id, data FROM events WHERE hall_id = $1 ORDER BY seq`, [id]);
      expect(r.rows.map((x) => ({ seq: Number(x.seq), at: (x.at as Date).toISOString(), type: x.type, windowId: x.window_id, ticketId: x.ticket_id, data: x.data }))).toEqual(events);
      // and a resend of them is recognised as the same events
      expect((await hall.post(`/region/v1/halls/${id}/events`, { after: 0, events })).body).toMatchObject({ ok: true, accepted: 0, duplicates: n });
    }
  });

  it('lets a hall token append only to its own hall, and not after revocation', async () => {
    const a = await registerHall(rig.admin, 'tok-a');
    await registerHall(rig.admin, 'tok-b');
    const ev = new Events();
    ev.issued('k1', 's1', T('04:00'));
    let r = await a.post('/region/v1/halls/tok-b/events', { after: 0, events: ev.list });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    r = await new Api(rig.region.url, 'rh_forged').post('/region/v1/halls/tok-a/events', { after: 0, events: ev.list });
    expect(r.status).toBe(401);
    expect((await rig.admin.post('/region/v1/halls/tok-a/tokens/revoke')).body.revoked).toBe(1);
    r = await a.post('/region/v1/halls/tok-a/events', { after: 0, events: ev.list });
    expect(r.status).toBe(401);
    const fresh = (await rig.admin.post('/region/v1/halls/tok-a/tokens')).body.token;
    r = await new Api(rig.region.url, fresh).post('/region/v1/halls/tok-a/events', { after: 0, events: ev.list });
    expect(r.body).toMatchObject({ ok: true, accepted: 1 });
    expect(await count('tok-b')).toBe(0);
    // a hall token is not a user session
    expect((await a.get('/region/v1/halls')).status).toBe(401);
  });

  it('refuses malformed batches with a clear error and stores nothing', async () => {
    const hall = await registerHall(rig.admin, 'h-bad');
    const ev = new Events();
    ev.issued('m1', 's1', T('05:00'));
    ev.issued('m2', 's1', T('05:01'));
    const cases: [unknown, string][] = [
      [{ after: 0, events: [ev.list[1], ev.list[0]] }, 'INVALID_BATCH'],
      [{ after: 0, events: [{ ...ev.list[0], at: 'yesterday' }] }, 'VALIDATION'],
      [{ after: 0, events: [{ ...ev.list[0], at: '2999-01-01T00:00:00.000Z' }] }, 'INVALID_BATCH'],
      [{ after: -1, events: [] }, 'VALIDATION'],
      [{ events: ev.list }, 'VALIDATION'],
      ['{"after":0,', 'INVALID_JSON'],
    ];
    for (const [body, code] of cases) {
      const r = await hall.post('/region/v1/halls/h-bad/events', body);
      expect(r.status, code).toBe(400);
      expect(r.body).toMatchObject({ ok: false, error: { code } });
      expect(typeof r.body.error.message).toBe('string');
    }
    expect(await count('h-bad')).toBe(0);
    expect((await rig.db.query(`SELECT to_regclass('events_y2999m01') AS r`)).rows[0].r).toBeNull();
  });

  it('forgets ended tickets of the live projection after two business days, keeping the daily counts', async () => {
    const hall = await registerHall(rig.admin, 'h-prune');
    const mk = (day: string, id: string, end: boolean) => {
      const ev = new Events(day);
      ev.issued(id, 's1', `${day}T01:00:00.000Z`);
      if (end) ev.noShow(id, `${day}T01:30:00.000Z`);
      return ev.list;
    };
    const events = [...mk(daysBefore(TEST_DAY, 11), 'old-ended', true), ...mk(daysBefore(TEST_DAY, 11), 'old-waiting', false), ...mk(daysBefore(TEST_DAY, 2), 'recent-ended', true)].map((e, i) => ({ ...e, seq: i + 1 }));
    expect((await hall.post('/region/v1/halls/h-prune/events', { after: 0, events })).body.accepted).toBe(5);
    expect(await pruneLiveTickets(rig.db, new Date(`${TEST_DAY}T12:00:00Z`))).toBe(1);
    const left = (await rig.db.query(`SELECT ticket_id FROM live_tickets WHERE hall_id = 'h-prune' ORDER BY 1`)).rows.map((r) => r.ticket_id);
    expect(left).toEqual(['old-waiting', 'recent-ended']);
    expect((await daily('h-prune')).map((r) => [r.business_day, r.issued, r.no_shows])).toEqual([[daysBefore(TEST_DAY, 11), 2, 1], [daysBefore(TEST_DAY, 2), 1, 1]]);
  });

  it('limits failed sign-ins per user and address in Redis (shared by every node)', async () => {
    await rig.admin.post('/region/v1/users', { username: 'guessed', password: 'right-pw-123', role: 'viewer' });
    const anon = new Api(rig.region.url);
    for (let i = 0; i < 5; i++) expect((await anon.post('/region/v1/auth/login', { username: 'guessed', password: `wrong-${i}` })).status).toBe(401);
    const blocked = await anon.post('/region/v1/auth/login', { username: 'guessed', password: 'right-pw-123' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    const r = new Redis(rig.redis.url);
    try {
      expect(await r.keys('onestop:region:login-fail:guessed|*')).toHaveLength(1);
    } finally {
      r.disconnect();
    }
    // another user from the same address is not affected
    expect((await anon.post('/region/v1/auth/login', { username: 'admin', password: 'region-admin-pw' })).status).toBe(200);
  });

  it('shows a viewer only the halls of their areas and halls; viewers cannot administer', async () => {
    await registerHall(rig.admin, 'south-1', 'south');
    await registerHall(rig.admin, 'east-1', 'east');
    const made = await rig.admin.post('/region/v1/users', { username: 'viewer-s', password: 'viewer-pw-1', role: 'viewer', areas: ['south'], hallIds: ['h1'] });
    expect(made.status).toBe(201);
    const v = new Api(rig.region.url);
    v.token = (await v.post('/region/v1/auth/login', { username: 'viewer-s', password: 'viewer-pw-1' })).body.token;
    const seen = (await v.get('/region/v1/halls')).body.halls.map((h: any) => h.hallId).sort();
    expect(seen).toEqual(['h1', 'south-1']);
    const denied = await v.post('/region/v1/halls', { id: 'x', name: 'x' });
    expect(denied.status).toBe(403);
    expect((await new Api(rig.region.url).post('/region/v1/auth/login', { username: 'viewer-s', password: 'wrong' })).status).toBe(401);
  });
});
