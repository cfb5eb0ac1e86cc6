import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The data folder holds the database (personal data) and secret.key (the HMAC
 * key for ID numbers): owner-only whatever the umask — 0700 for the folder,
 * 0600 for the files. Modes are set explicitly (a umask only ever removes
 * bits) and tightened at every start, so an existing install is fixed too.
 */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** Creates the folder owner-only, or tightens it if this user owns it. */
export function prepareDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  const st = statSync(dir);
  const mine = typeof process.getuid !== 'function' || st.uid === process.getuid();
  if (mine && (st.mode & 0o777) !== DIR_MODE) chmodSync(dir, DIR_MODE);
}

/** Creates an empty owner-only file if there is none, and tightens it if there is. */
export function createOwnerOnly(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: DIR_MODE });
  if (!existsSync(file)) closeSync(openSync(file, 'a', FILE_MODE));
  chmodSync(file, FILE_MODE);
}

/**
 * The database and its companions. SQLite gives the WAL and shared-memory files
 * the database file's mode when it creates them; older installs may have them
 * looser, so they are tightened as well.
 */
export function tightenDatabaseFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (existsSync(f)) chmodSync(f, FILE_MODE);
  }
}
