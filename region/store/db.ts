import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export function openPool(databaseUrl: string, max = 10): Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max });
  // An idle connection lost when PostgreSQL restarts must not crash the node.
  pool.on('error', () => {});
  return pool;
}

/** A region store the node must not start on (the message says why and what to do). */
export class StoreRefused extends Error {}

/**
 * The region database must be UTF8: node-pg sends text as UTF-8 and names no client_encoding,
 * so a SQL_ASCII database (a C-locale `createdb`) would store every name and reason as bytes it
 * cannot compare or convert (mojibake in reports and exports), and LATIN1 and the like refuse
 * Chinese outright. Checked before anything is created.
 */
export async function checkEncoding(pool: Pool): Promise<void> {
  const r = await pool.query('SHOW server_encoding');
  const encoding = String(r.rows[0].server_encoding);
  if (encoding.toUpperCase() !== 'UTF8') {
    throw new StoreRefused(
      `The region database's encoding is ${encoding}, not UTF8: names and texts would be stored garbled. Create it with UTF8, e.g. createdb -E UTF8 -T template0 <name> (nothing was changed in this one)`,
    );
  }
}

/** SQLSTATE of a named statement whose cached plan a schema change invalidated in a way it cannot replan (its result type changed). */
const STALE_PLAN = '0A000';

/**
 * Runs fn on one connection taken from the pool. A connection lost while it is taken
 * (PostgreSQL restarted or stopped) is emitted as 'error' on the client, which the pool
 * listens for only while the client is idle: unheard, it would be an uncaught exception
 * that ends the node. Here it is heard; the query in flight fails on its own (fn rejects)
 * and the broken client is discarded instead of going back to the pool.
 */
export async function withClient<T>(pool: Pool, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  let lost: Error | undefined;
  const onError = (err: Error) => {
    lost = err;
  };
  c.on('error', onError);
  try {
    return await fn(c);
  } catch (err) {
    // "cached plan must not change result type" (0A000): a migration (another node's, in a rolling
    // upgrade) changed a table under this connection's named statements, which would fail every
    // later batch on it; a fresh connection prepares them anew
    if ((err as { code?: string })?.code === STALE_PLAN) lost = err as Error;
    throw err;
  } finally {
    c.off('error', onError);
    c.release(lost);
  }
}

/** Runs fn in one transaction on one connection. */
export async function inTx<T>(pool: Pool, fn: (c: Client) => Promise<T>): Promise<T> {
  return withClient(pool, async (c) => {
    try {
      await c.query('BEGIN');
      const r = await fn(c);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
  });
}

/** A database migrated when a number named another file: applying or skipping by number would corrupt it. */
function migrationMismatch(file: string, stored: string): Error {
  const v = file.slice(0, 3);
  return new Error(
    `Region database migration ${v} was applied as "${v}-${stored}" but this version's migration ${v} is "${file}": ` +
      'the database comes from another version of Onestop. Nothing was changed. Restore the database of this version ' +
      '(or run the version that migrated it), or ask the developers.',
  );
}

/**
 * Numbered SQL files `NNN-name.sql` in region/store/migrations, each applied once in
 * its own transaction. Nodes starting together take an advisory lock, so one applies
 * them and the others then find them applied. Never edit a landed file: add one.
 * A version recorded under another name than this version's file refuses to start.
 */
export async function migrate(pool: Pool): Promise<number> {
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f)).sort();
  return inTx(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['onestop-region-migrate']);
    await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const done = new Map((await c.query('SELECT version, name FROM schema_migrations')).rows.map((r) => [Number(r.version), String(r.name)]));
    for (const f of files) {
      const was = done.get(Number(f.slice(0, 3)));
      if (was !== undefined && was !== f.slice(4, -4)) throw migrationMismatch(f, was);
    }
    let applied = 0;
    for (const f of files) {
      const version = Number(f.slice(0, 3));
      if (done.has(version)) continue;
      await c.query(readFileSync(join(MIGRATIONS_DIR, f), 'utf8'));
      await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, f.slice(4, -4)]);
      applied++;
    }
    return applied;
  });
}
