import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import type { Db } from './db.js';
import { loadMigrations } from './migrate.js';
import { HallDatabase } from './store.js';

/**
 * The SQL of backups, restores and upgrades: consistent copies of a live
 * database, the schema version of a file, and the checks a copy must pass.
 */

/** The newest schema version this build knows (the highest migration number). */
export function latestSchemaVersion(): number {
  const ms = loadMigrations();
  return ms.length ? ms[ms.length - 1].version : 0;
}

/** PRAGMA user_version of a database file, read without migrating it. */
export function schemaVersionOf(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/**
 * An online copy through SQLite's backup API on the serving connection: the
 * hall keeps writing between steps, and what it writes on this same
 * connection lands in the copy too, so the copy is one consistent state.
 */
export async function backupLive(db: Db, dest: string): Promise<void> {
  await db.backup(dest);
}

/** A consistent copy of a database file from another process (one read transaction). */
export function snapshotFile(source: string, dest: string): void {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(dest);
  } finally {
    db.close();
  }
}

/**
 * Ends every staff session in a restored database: log-outs, password and role
 * changes made after the backup would otherwise be undone by the restore.
 * Returns how many sessions were ended.
 */
export function endAllSessions(file: string): number {
  const db = new Database(file, { fileMustExist: true });
  try {
    return db.prepare('DELETE FROM sessions').run().changes;
  } finally {
    db.close();
  }
}

/** Makes a copy one self-contained file (no -wal beside it) and returns its facts. */
export function sealCopy(file: string): { schemaVersion: number; events: number; lastEventId: number; tickets: number } {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const events = db.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS last FROM events').get() as { n: number; last: number };
    const tickets = db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number };
    return { schemaVersion: db.pragma('user_version', { simple: true }) as number, events: events.n, lastEventId: events.last, tickets: tickets.n };
  } finally {
    db.close();
  }
}

/** PRAGMA integrity_check: [] when the file is sound, else what SQLite found. */
export function integrityProblems(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } finally {
    db.close();
  }
}

const PROJECTION: Record<string, string> = {
  tickets: 'SELECT * FROM tickets ORDER BY id',
  counters: 'SELECT * FROM counters ORDER BY business_day, prefix',
  streaks: 'SELECT * FROM streaks ORDER BY service_id',
  windows: 'SELECT * FROM window_runtime ORDER BY window_id',
};

/** One digest per projection table, row by row: a year of tickets is never in memory at once. */
function projection(db: Db): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, sql] of Object.entries(PROJECTION)) {
    const h = createHash('sha256');
    for (const row of db.prepare(sql).iterate()) h.update(JSON.stringify(row)).update('\n');
    out[name] = h.digest('hex');
  }
  return out;
}

/**
 * Replays the event log of a copy and compares the result with the copy's
 * tickets, counters, streaks and window state. Works on a scratch file so the
 * copy itself is never written; an older schema is migrated in the scratch file
 * first (which also proves the migration runs on it). Returns the tables that differ.
 */
export function replayMismatches(file: string, scratch: string): string[] {
  copyFileSync(file, scratch);
  const store = HallDatabase.open(scratch);
  try {
    const before = projection(store.db);
    store.rebuildFromLog();
    const after = projection(store.db);
    return Object.keys(before).filter((k) => before[k] !== after[k]);
  } finally {
    store.close();
    for (const f of [scratch, `${scratch}-wal`, `${scratch}-shm`]) rmSync(f, { force: true });
  }
}
