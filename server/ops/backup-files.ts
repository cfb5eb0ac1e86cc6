import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Backup, BackupManifest } from '../../common/wire/admin.js';
import { DomainError } from '../domain/errors.js';
import { integrityProblems, replayMismatches, sealCopy } from '../store/snapshot.js';

/**
 * A backup is one folder `onestop-<time>` holding `onestop.db`, `secret.key`
 * and `backup.json`; folder 0700 and files 0600 whatever the umask. It gets its
 * final name only after it was verified, so a half-made or failed backup never
 * looks like a good one.
 */
export type { BackupManifest } from '../../common/wire/admin.js';
/** A backup: its manifest, folder name and path (the wire's Backup). */
export type BackupInfo = Backup;

export const DB_FILE = 'onestop.db';
export const KEY_FILE = 'secret.key';
export const MANIFEST_FILE = 'backup.json';

/**
 * mkdir -p, owner-only for what this call made. One level at a time: Node 20's
 * recursive mkdir never returns for some paths (e.g. under /proc), which would
 * hang the hall on a mistyped backup folder.
 */
export function ownerOnlyDir(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) ownerOnlyDir(parent);
  mkdirSync(dir, { mode: 0o700 });
  chmodSync(dir, 0o700);
}

function writeOwnerOnly(file: string, data: string | Buffer): void {
  writeFileSync(file, data, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Integrity check and log replay of a backup's database; throws BACKUP_INVALID naming what failed. */
export function verifyDatabase(dbFile: string, scratch: string): void {
  const problems = integrityProblems(dbFile);
  if (problems.length) throw new DomainError('BACKUP_INVALID', `The backup's database is damaged: ${problems.slice(0, 3).join('; ')}`);
  const differ = replayMismatches(dbFile, scratch);
  if (differ.length) throw new DomainError('BACKUP_INVALID', `Replaying the backup's event log does not give its ${differ.join(', ')}`);
}

export interface MakeBackup {
  folder: string;
  /** The hall's DATA_DIR, for secret.key. */
  dataDir: string;
  now: Date;
  reason: BackupManifest['reason'];
  serverVersion: string;
  /** Writes a consistent copy of the hall database to this path. */
  copy: (dest: string) => Promise<void> | void;
  /** Folder name prefix (default onestop). */
  prefix?: string;
  /** Only before an upgrade: back up the database even when secret.key is missing. */
  keyOptional?: boolean;
  /** How the copy is verified (default verifyDatabase here; the server uses a child process). */
  verify?: (dbFile: string, scratch: string) => Promise<void> | void;
}

export async function makeBackup(m: MakeBackup): Promise<BackupInfo> {
  const keyFile = join(m.dataDir, KEY_FILE);
  const hasKey = existsSync(keyFile);
  if (!hasKey && !m.keyOptional) throw new DomainError('BACKUP_FAILED', `There is no ${keyFile}: a backup without the key cannot restore ID checks`);
  try {
    ownerOnlyDir(m.folder);
  } catch (err) {
    throw new DomainError('BACKUP_FAILED', `The backup could not be written: the folder ${m.folder} cannot be made (${(err as Error).message})`);
  }
  const name = `${m.prefix ?? 'onestop'}-${m.now.toISOString().replace(/[:.]/g, '-')}`;
  const partial = join(m.folder, `.partial-${name}`);
  const final = join(m.folder, name);
  if (existsSync(final)) throw new DomainError('BACKUP_IN_PROGRESS', `A backup named ${name} already exists`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { mode: 0o700 });
  chmodSync(partial, 0o700);
  try {
    const dbFile = join(partial, DB_FILE);
    await m.copy(dbFile);
    chmodSync(dbFile, 0o600);
    if (hasKey) writeOwnerOnly(join(partial, KEY_FILE), readFileSync(keyFile));
    const facts = sealCopy(dbFile);
    await (m.verify ?? verifyDatabase)(dbFile, join(partial, 'verify.db'));
    const manifest: BackupManifest = {
      format: 1,
      createdAt: m.now.toISOString(),
      reason: m.reason,
      serverVersion: m.serverVersion,
      ...facts,
      bytes: statSync(dbFile).size,
      verified: { integrity: 'ok', replay: 'ok' },
    };
    writeOwnerOnly(join(partial, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
    renameSync(partial, final);
    return { ...manifest, name, path: final };
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    if (err instanceof DomainError) throw err;
    throw new DomainError('BACKUP_FAILED', `The backup could not be written: ${(err as Error).message}`);
  }
}

/** Reads a backup folder's manifest; throws BACKUP_INVALID when it is not one. */
export function readBackup(path: string): BackupInfo {
  const file = join(path, MANIFEST_FILE);
  if (!existsSync(file)) throw new DomainError('BACKUP_INVALID', `${path} is not an Onestop backup (no ${MANIFEST_FILE})`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new DomainError('BACKUP_INVALID', `${file} is not readable JSON`);
  }
  if (manifest.format !== 1 || typeof manifest.schemaVersion !== 'number') throw new DomainError('BACKUP_INVALID', `${file} is not a backup manifest this version understands`);
  return { ...manifest, name: path.split('/').filter(Boolean).pop()!, path };
}

/** Verified backups in a folder, newest first (other files and folders are left alone). */
export function listBackups(folder: string, prefix = 'onestop-'): BackupInfo[] {
  if (!existsSync(folder)) return [];
  const out: BackupInfo[] = [];
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(prefix)) continue;
    try {
      out.push(readBackup(join(folder, name)));
    } catch {
      // not ours
    }
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** Deletes all but the newest `keep` backups made here; returns the names deleted. */
export function pruneBackups(folder: string, keep: number): string[] {
  const gone = listBackups(folder).slice(Math.max(1, keep));
  for (const b of gone) rmSync(b.path, { recursive: true, force: true });
  return gone.map((b) => b.name);
}
