/**
 * Migration 006 on a region that already holds samples and ratings: they move into the
 * monthly partitions with the time of the event that made them, nothing lost, and the
 * partitions exist for every month that had rows.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../region/store/db.js';
import { requirePostgres, TestPostgres } from '../helpers/pg.js';

const DIR = new URL('../../region/store/migrations/', import.meta.url).pathname;

/**
 * For one describe: a private PostgreSQL whose database `name` has the region schema as it
 * was before migration 006 (001–005 applied and recorded) and one hall `h`; `db.pool` is set
 * once beforeAll ran.
 */
function before006(name: string): { pool: pg.Pool } {
  const db = {} as { pool: pg.Pool; cluster: TestPostgres };
  beforeAll(async () => {
    db.cluster = await TestPostgres.start();
    db.pool = new pg.Pool({ connectionString: await db.cluster.createDatabase(name), max: 2 });
    db.pool.on('error', () => undefined);
    const pool = db.pool;
    await pool.query('CREATE TABLE schema_migrations (version INT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    for (const f of readdirSync(DIR).filter((f) => /^00[1-5]-/.test(f)).sort()) {
      await pool.query(readFileSync(join(DIR, f), 'utf8'));
      await pool.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [Number(f.slice(0, 3)), f.slice(4, -4)]);
    }
    await pool.query(`INSERT INTO halls (id, name) VALUES ('h', 'H')`);
  }, 90_000);
  afterAll(async () => {
    await db.pool?.end();
    await db.cluster?.stop();
  });
  return db;
}

describe.runIf(requirePostgres())('region migration 006 (samples and ratings partitioned)', () => {
  const db = before006('migrate');

  it('moves the existing rows into monthly partitions with their event time (noon of their day when the event was dropped)', async () => {
    // the schema as it was before 006 (before006), with rows in it
    const pool = db.pool;
    for (const [m, next] of [['2025-06', '2025-07'], ['2026-10', '2026-11'], ['2026-11', '2026-12']]) {
      await pool.query(`CREATE TABLE events_y${m.slice(0, 4)}m${m.slice(5)} PARTITION OF events FOR VALUES FROM ('${m}-01 00:00:00+00') TO ('${next}-01 00:00:00+00')`);
    }
    const events = [
      [1, '2026-10-30T08:00:00Z', 'ticket.called'],
      [2, '2026-10-31T23:30:00Z', 'ticket.finished'],
      [3, '2026-11-02T09:00:00Z', 'rating.given'],
    ] as const;
    for (const [seq, at, type] of events) await pool.query(`INSERT INTO events (hall_id, seq, at, type, data) VALUES ('h', $1, $2, $3, '{}')`, [seq, at, type]);
    await pool.query(`INSERT INTO ticket_samples VALUES ('h', 1, 'w', '2026-10-30', 's1', 60), ('h', 2, 's', '2026-10-31', 's1', 300)`);
    // an old month whose events an operator archived and dropped (as docs/scale.md said before 006): its samples stay
    await pool.query(`INSERT INTO events (hall_id, seq, at, type, data) VALUES ('h', 0, '2025-06-14T23:50:00Z', 'ticket.finished', '{}')`);
    await pool.query(`INSERT INTO ticket_samples VALUES ('h', 0, 's', '2025-06-15', 's1', 120)`);
    await pool.query('ALTER TABLE events DETACH PARTITION events_y2025m06');
    await pool.query('DROP TABLE events_y2025m06');
    await pool.query(`INSERT INTO ratings (hall_id, seq, at, business_day, grade, reasons) VALUES ('h', 3, '2026-11-02T09:00:00Z', '2026-11-02', 5, '{fast}')`);

    expect(await migrate(pool)).toBeGreaterThanOrEqual(1);
    const samples = (await pool.query('SELECT tableoid::regclass::text AS part, seq, kind, seconds, at FROM ticket_samples ORDER BY seq')).rows;
    expect(samples.map((r) => [r.part, Number(r.seq), r.kind, r.seconds, (r.at as Date).toISOString()])).toEqual([
      ['ticket_samples_y2025m06', 0, 's', 120, '2025-06-15T12:00:00.000Z'],
      ['ticket_samples_y2026m10', 1, 'w', 60, '2026-10-30T08:00:00.000Z'],
      ['ticket_samples_y2026m10', 2, 's', 300, '2026-10-31T23:30:00.000Z'],
    ]);
    const ratings = (await pool.query('SELECT tableoid::regclass::text AS part, seq, grade, reasons FROM ratings')).rows;
    expect(ratings).toEqual([{ part: 'ratings_y2026m11', seq: '3', grade: 5, reasons: ['fast'] }]);
    const parents = (await pool.query(`SELECT relname FROM pg_class WHERE relname IN ('ticket_samples', 'ratings') AND relkind = 'p' ORDER BY relname`)).rows;
    expect(parents.map((r) => r.relname)).toEqual(['ratings', 'ticket_samples']);
    expect((await pool.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE '%unpartitioned%'`)).rows[0].n).toBe(0);
  });
});

describe.runIf(requirePostgres())('region migration 006 refuses to lose rows', () => {
  const db = before006('migrate_raise');

  it('raises and rolls back when the moved rows do not add up', async () => {
    const pool = db.pool;
    await pool.query(`CREATE TABLE events_y2026m10 PARTITION OF events FOR VALUES FROM ('2026-10-01 00:00:00+00') TO ('2026-11-01 00:00:00+00')`);
    await pool.query(`INSERT INTO events (hall_id, seq, at, type, data) VALUES ('h', 1, '2026-10-30T08:00:00Z', 'ticket.called', '{}')`);
    await pool.query(`INSERT INTO ticket_samples VALUES ('h', 1, 'w', '2026-10-30', 's1', 60)`);
    // the same seq stored twice at two times (events are keyed by time too): a join would copy the sample twice
    await pool.query(`INSERT INTO events (hall_id, seq, at, type, data) VALUES ('h', 1, '2026-10-30T09:00:00Z', 'ticket.called', '{}')`);
    await expect(migrate(pool)).rejects.toThrow(/migration 006: 1 ticket samples before the move, 2 after/);
    expect((await pool.query('SELECT count(*)::int AS n FROM ticket_samples')).rows[0].n).toBe(1);
    expect((await pool.query('SELECT max(version)::int AS v FROM schema_migrations')).rows[0].v).toBe(5);
  });
});

describe.runIf(requirePostgres())('region migrations are matched by number and name', () => {
  const db = {} as { pool: pg.Pool; cluster: TestPostgres };
  beforeAll(async () => {
    db.cluster = await TestPostgres.start();
    db.pool = new pg.Pool({ connectionString: await db.cluster.createDatabase('migrate_names'), max: 2 });
    db.pool.on('error', () => undefined);
  }, 90_000);
  afterAll(async () => {
    await db.pool?.end();
    await db.cluster?.stop();
  });

  it('starts again on a database whose recorded names match, and refuses one migrated when a number named another file', async () => {
    const files = readdirSync(DIR).filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f)).sort();
    expect(await migrate(db.pool)).toBe(files.length);
    expect(await migrate(db.pool)).toBe(0); // every name matches: nothing to do, no complaint

    // as a trial database migrated before a renumbering would have it: 003 recorded under another file's name
    const third = files[2]!;
    await db.pool.query(`UPDATE schema_migrations SET name = 'renumbered-away' WHERE version = 3`);
    await db.pool.query('DELETE FROM schema_migrations WHERE version = $1', [files.length]);
    const err = await migrate(db.pool).then(() => null, (e: Error) => e);
    expect(err?.message).toContain('"003-renumbered-away"');
    expect(err?.message).toContain(`"${third}"`);
    expect(err?.message).toMatch(/Restore the database of this version.*ask the developers/);
    // nothing applied: the last migration, whose row was removed, was not re-run or recorded
    expect((await db.pool.query('SELECT max(version)::int AS v FROM schema_migrations')).rows[0].v).toBe(files.length - 1);
  });
});
