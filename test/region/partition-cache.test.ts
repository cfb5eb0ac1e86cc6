/**
 * Monthly partitions (review of the region, findings 4 and 6): a node whose month cache
 * is stale after another node's retention dropped that month retries the batch once
 * (the month is made again) instead of answering 503 for the rest of the hall's batch;
 * month arithmetic keeps 4-digit years.
 */
import { describe, expect, it } from 'vitest';
import { monthsBefore, nextMonth, partitionName, Partitions } from '../../region/store/partitions.js';
import { pruneSetAside } from '../../region/store/maintenance.js';
import { requirePostgres } from '../helpers/pg.js';
import { requireRedis } from '../helpers/redis.js';
import { Events, regionAdmin, registerHall } from './support.js';
import { regionRig } from './rig.js';

describe('month arithmetic', () => {
  it('zero-pads the year to 4 digits', () => {
    expect(nextMonth('0999-03')).toBe('0999-04');
    expect(nextMonth('0999-12')).toBe('1000-01');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(monthsBefore('1000-01', 1)).toBe('0999-12');
    expect(monthsBefore('2026-03', 14)).toBe('2025-01');
    expect(partitionName(nextMonth('0001-03'))).toBe('events_y0001m04');
  });
});

describe('batches of a month that does not exist yet', () => {
  /** A pool whose connections record their statements; each statement takes a few event-loop turns, as over a socket. */
  function recordingPool() {
    const statements: string[] = [];
    let connections = 0;
    const client = { on() {}, off() {}, release() {}, query: async (sql: string) => (statements.push(sql.replace(/\s+/g, ' ').trim()), await new Promise((r) => setTimeout(r, 5)), { rows: [] }) };
    const pool = { connect: async () => (connections++, client) };
    return { pool: pool as never, statements, connections: () => connections };
  }

  it('wait for one creation of its partitions instead of each creating them on a connection of its own', async () => {
    const { pool, statements, connections } = recordingPool();
    const parts = new Partitions(pool);
    await Promise.all([parts.ensure(['2026-11']), parts.ensure(['2026-11']), parts.ensure(['2026-10', '2026-11']), parts.ensure(['2026-11'])]);
    const created = statements.filter((q) => q.startsWith('CREATE TABLE'));
    expect(created.filter((q) => q.includes('events_y2026m11'))).toHaveLength(1);
    expect(created.filter((q) => q.includes('events_y2026m10'))).toHaveLength(1);
    expect(statements.filter((q) => q.includes('pg_advisory_xact_lock'))).toHaveLength(2);
    expect(connections()).toBe(2);
    // known afterwards: nothing more
    await parts.ensure(['2026-10', '2026-11']);
    expect(connections()).toBe(2);
  });

  it('a failed creation reaches every batch waiting for it, and the next batch tries again', async () => {
    const { pool, statements } = recordingPool();
    let fail = true;
    const real = (pool as any).connect;
    (pool as any).connect = async () => {
      const c = await real();
      return { ...c, query: async (sql: string) => (fail && sql.startsWith('CREATE') ? Promise.reject(new Error('disk full')) : c.query(sql)) };
    };
    const parts = new Partitions(pool);
    const results = await Promise.allSettled([parts.ensure(['2026-11']), parts.ensure(['2026-11'])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await parts.ensure(['2026-11']);
    expect(statements.filter((q) => q.startsWith('CREATE TABLE'))).toHaveLength(3);
  });
});

describe.runIf(requirePostgres() && requireRedis())('a node whose month cache is stale', () => {
  const rig = regionRig('stale', { admin: false });

  it('makes the month again and takes the batch after another node dropped it', async () => {
    const admin = await regionAdmin(rig.region.url);
    const hall = await registerHall(admin, 'late');
    const d = new Date();
    d.setUTCDate(15);
    d.setUTCMonth(d.getUTCMonth() - 5);
    const day = d.toISOString().slice(0, 10);
    const ev = new Events(day);
    ev.issued('t1', 's1', `${day}T08:00:00.000Z`);
    ev.called('t1', 'w1', `${day}T08:01:00.000Z`);
    ev.finished('t1', `${day}T08:02:00.000Z`);
    expect((await hall.post('/region/v1/halls/late/events', { after: 0, events: ev.list.slice(0, 2) })).body.highWater).toBe(2);
    // another node's hourly retention (keep 2 months) drops that month; this node still thinks it exists
    const dropped = await new Partitions(rig.db).dropOlderThan(new Date(), 2, 0);
    expect(dropped).toContain(partitionName(day.slice(0, 7)));
    const r = await hall.post('/region/v1/halls/late/events', { after: 2, events: ev.list.slice(2) });
    expect([r.status, r.body.highWater, r.body.accepted]).toEqual([200, 3, 1]);
    expect((await rig.db.query('SELECT to_regclass($1) AS p', [partitionName(day.slice(0, 7))])).rows[0].p).toBe(partitionName(day.slice(0, 7)));
  });

  it('retention keeps a month that received events lately, quotes names, and goes on past a partition it cannot drop', async () => {
    const admin = await regionAdmin(rig.region.url);
    const hall = await registerHall(admin, 'catching-up');
    const monthAgo = (n: number) => {
      const d = new Date();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() - n);
      return d.toISOString().slice(0, 7);
    };
    const [m7, m8, m9] = [monthAgo(7), monthAgo(8), monthAgo(9)];
    const ev = new Events(`${m8}-10`);
    ev.issued('a', 's1', `${m8}-10T08:00:00.000Z`);
    ev.rated('a', 'w1', 5, `${m8}-10T08:05:00.000Z`);
    ev.issued('b', 's1', `${m7}-10T08:00:00.000Z`);
    expect((await hall.post('/region/v1/halls/catching-up/events', { after: 0, events: ev.list })).body.highWater).toBe(3);
    // an operator's partition whose name needs quoting, for an old month
    const odd = `events-archive_y${m9.slice(0, 4)}m${m9.slice(5, 7)}`;
    await rig.db.query(`CREATE TABLE "${odd}" PARTITION OF events FOR VALUES FROM ('${m9}-01 00:00:00+00') TO ('${m8}-01 00:00:00+00')`);
    const warnings: string[] = [];
    const parts = new Partitions(rig.db, (o: any, m) => warnings.push(`${m} ${o.partition ?? o.month}`));
    const mine = () => warnings.filter((w) => [m7, m8, m9].some((m) => w.includes(m) || w.includes(m.replace('-', 'm'))));
    // just received: kept (the feed may not have pulled its ratings yet)
    expect((await parts.dropOlderThan(new Date(), 2)).filter((n) => !n.includes(monthAgo(5).replace('-', 'm')))).toEqual([odd]);
    expect(mine()).toEqual([`retention: month kept, it received events lately ${m8}`, `retention: month kept, it received events lately ${m7}`]);
    // a week later; meanwhile something depends on month 8's events partition: the others go on
    await rig.db.query("UPDATE events SET received_at = now() - interval '8 days' WHERE hall_id = 'catching-up'");
    await rig.db.query(`CREATE VIEW holds_m8 AS SELECT * FROM ${partitionName(m8)}`);
    warnings.length = 0;
    const dropped = await parts.dropOlderThan(new Date(), 2);
    expect(dropped.sort()).toEqual([partitionName(m7), partitionName(m7, 'ratings'), partitionName(m7, 'ticket_samples'), partitionName(m8, 'ratings'), partitionName(m8, 'ticket_samples')].sort());
    expect(mine()).toEqual([`retention: could not drop partition ${partitionName(m8)}`]);
    await rig.db.query('DROP VIEW holds_m8');
  });

  it('retention also removes what epochs set aside (superseded events, rating retractions) before the oldest month kept, once past the grace days', async () => {
    const admin = await regionAdmin(rig.region.url);
    await registerHall(admin, 'set-aside');
    const oldest = monthsBefore(new Date().toISOString().slice(0, 7), 2);
    const before = `${monthsBefore(oldest, 1)}-15T08:00:00Z`;
    const within = `${oldest}-02T08:00:00Z`;
    // seq 1: old and set aside long ago (goes); 2: old but set aside this week (grace: stays); 3: in a kept month (stays)
    const rows: [number, string, string][] = [[1, before, '30 days'], [2, before, '1 day'], [3, within, '30 days']];
    for (const [seq, at, ago] of rows) {
      await rig.db.query(
        `INSERT INTO superseded_events (hall_id, epoch, seq, at, type, data, received_at, superseded_at)
         VALUES ('set-aside', 0, $1, $2, 'ticket.rated', '{}', $2, now() - $3::interval)`,
        [seq, at, ago],
      );
      await rig.db.query(
        `INSERT INTO rating_retractions (hall_id, seq, epoch, rated_at, retracted_at) VALUES ('set-aside', $1, 0, $2, now() - $3::interval)`,
        [seq, at, ago],
      );
    }
    expect(await pruneSetAside(rig.db, oldest)).toEqual({ superseded: 1, retractions: 1 });
    const left = async (table: string) => (await rig.db.query(`SELECT seq::int FROM ${table} WHERE hall_id = 'set-aside' ORDER BY seq`)).rows.map((r) => r.seq);
    expect(await left('superseded_events')).toEqual([2, 3]);
    expect(await left('rating_retractions')).toEqual([2, 3]);
  });
});
