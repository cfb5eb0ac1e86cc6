/**
 * Daily totals nothing could rebuild are never deleted (review of the region, finding 2):
 * ingest refuses events dated before a floor (400 days back, or the oldest month retention
 * keeps) with 400 EVENT_TOO_OLD and stores nothing of that batch; a new epoch keeps the
 * daily aggregates of months whose raw events partition is gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { startRegion, type RunningRegion } from '../../region/node.js';
import { requirePostgres } from '../helpers/pg.js';
import { requireRedis } from '../helpers/redis.js';
import { Events, registerHall } from './support.js';
import { regionRig } from './rig.js';

const DAY = 86_400_000;
const iso = (msAgo: number) => new Date(Math.floor((Date.now() - msAgo) / 60_000) * 60_000).toISOString();

describe.runIf(requirePostgres() && requireRedis())('the oldest events the region takes, and the aggregates it keeps', () => {
  const rig = regionRig('floor');
  let kept: RunningRegion;

  beforeAll(async () => {
    // a second node of the same region, with REGION_RETENTION_MONTHS=2
    kept = await startRegion({ databaseUrl: rig.url, redisUrl: rig.redis.url, port: 0, host: '127.0.0.1', retentionMonths: 2, log: pino({ level: 'silent' }) });
  }, 60_000);
  afterAll(async () => {
    await kept?.close();
  });

  const highWater = async (id: string) => Number((await rig.db.query('SELECT high_water FROM hall_uplink WHERE hall_id = $1', [id])).rows[0]?.high_water ?? 0);

  it('refuses a batch with an event dated before the floor, storing nothing of it and making no far-past partition', async () => {
    const hall = await registerHall(rig.admin, 'clock-reset');
    const ev = new Events(iso(DAY).slice(0, 10));
    ev.issued('t1', 's1', iso(DAY));
    ev.other('clock.glitch', '2000-01-01T00:00:00.000Z');
    const r = await hall.post('/region/v1/halls/clock-reset/events', { after: 0, events: ev.list });
    expect([r.status, r.body.ok, r.body.error.code, r.body.error.seq]).toEqual([400, false, 'EVENT_TOO_OLD', 2]);
    expect(r.body.error.message).toMatch(/hall's clock/);
    expect(await highWater('clock-reset')).toBe(0);
    expect((await rig.db.query("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'events_y2000m01'")).rows[0].n).toBe(0);
    // 399 days back is still taken
    const ok = new Events(iso(399 * DAY).slice(0, 10));
    ok.issued('t1', 's1', iso(399 * DAY));
    expect((await hall.post('/region/v1/halls/clock-reset/events', { after: 0, events: ok.list })).body.highWater).toBe(1);
  });

  it('with retention, refuses what retention would drop at once', async () => {
    const hall = await registerHall(rig.admin, 'late-hall');
    const ev = new Events(iso(100 * DAY).slice(0, 10));
    ev.issued('t1', 's1', iso(100 * DAY));
    const url = `${kept.url}/region/v1/halls/late-hall/events`;
    const r = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${hall.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ after: 0, events: ev.list }) });
    const body = (await r.json()) as any;
    expect([r.status, body.error.code]).toEqual([400, 'EVENT_TOO_OLD']);
    // the node without retention takes it
    expect((await hall.post('/region/v1/halls/late-hall/events', { after: 0, events: ev.list })).body.highWater).toBe(1);
  });

  it('a new epoch keeps the daily totals of a month whose raw events are gone', async () => {
    const hall = await registerHall(rig.admin, 'restored');
    const ev = new Events(iso(390 * DAY).slice(0, 10));
    ev.issued('old', 's1', iso(390 * DAY));
    for (let i = 0; i < 4; i++) ev.issued(`t${i}`, 's1', iso(DAY + i * 60_000));
    expect((await hall.post('/region/v1/halls/restored/events', { after: 0, events: ev.list })).body.highWater).toBe(5);
    // an aggregate of a month between them whose events partition retention dropped
    const gone = new Date(Date.now() - 200 * DAY).toISOString().slice(0, 10);
    expect((await rig.db.query('SELECT to_regclass($1) AS p', [`events_y${gone.slice(0, 4)}m${gone.slice(5, 7)}`])).rows[0].p).toBeNull();
    await rig.db.query("INSERT INTO daily_service (hall_id, business_day, service_id, issued, served) VALUES ('restored', $1, 's1', 123, 120)", [gone]);

    expect((await hall.get('/region/v1/halls/restored/uplink?head=0')).status).toBe(200);
    expect((await rig.admin.post('/region/v1/halls/restored/resync', {})).status).toBe(200);
    expect((await hall.post('/region/v1/halls/restored/epoch', { commonPoint: 0 })).status).toBe(202);
    expect((await rig.admin.post('/region/v1/halls/restored/epoch/confirm', { commonPoint: 0 })).body.superseded).toBe(5);
    const rows = (await rig.db.query("SELECT business_day, issued, served FROM daily_service WHERE hall_id = 'restored' AND issued > 0")).rows;
    expect(rows).toEqual([{ business_day: gone, issued: 123, served: 120 }]);
  });
});
