import Database from 'better-sqlite3';
import { createOwnerOnly, tightenDatabaseFiles } from '../data-dir.js';
import { loadMigrations } from './migrate.js';

export type Db = Database.Database;

/**
 * Opens (or creates) the hall database: WAL so readers never block the writer,
 * synchronous=FULL so a committed ticket survives power loss, foreign keys on.
 */
export function openDatabase(file: string): Db {
  const onDisk = file !== ':memory:';
  if (onDisk) createOwnerOnly(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Deleted and overwritten rows are zeroed, so purged personal data does not linger in free space.
  db.pragma('secure_delete = ON');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 8 MB of page cache (the default is 2 MB): a long history's indexes stay in memory.
  db.pragma('cache_size = -8192');
  // Savepoint sub-journals and sort spills stay in memory: each ticket of a group commit runs in
  // its own savepoint, and its sub-journal spilled to /var/tmp cost ~35 small writes per ticket
  // (and left copies of ticket pages in unlinked files on disk). Durability is the WAL's, unchanged.
  db.pragma('temp_store = MEMORY');
  migrate(db);
  if (onDisk) tightenDatabaseFiles(file);
  return db;
}

/**
 * Applies the migrations the database has not seen. One whose SQL carries the
 * line `-- onestop: vacuum-after` (it rewrote personal data) is followed by a
 * VACUUM and a WAL checkpoint, so the old values leave the file and its WAL.
 */
export function migrate(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  let vacuum = false;
  for (const m of loadMigrations()) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    vacuum ||= /^-- onestop: vacuum-after$/m.test(m.sql);
  }
  if (vacuum) {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/** A second, read-only connection to the hall's file (a report worker's): WAL lets it read while the hall writes. */
export function openReadOnly(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
