import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../domain/errors.js';
import { endAllSessions, latestSchemaVersion, schemaVersionOf } from '../store/snapshot.js';
import { DB_FILE, KEY_FILE, ownerOnlyDir, readBackup, verifyDatabase, type BackupInfo } from './backup-files.js';
import { runningServer } from './pidfile.js';

export interface RestoreResult {
  backup: BackupInfo;
  /** Where the data folder's previous database and key were moved (nothing is deleted). */
  movedAside: string | null;
  /** Staff sessions of the backup that were ended: everyone signs in again after a restore. */
  sessionsEnded: number;
}

/**
 * Puts a verified backup in place of DATA_DIR's database and key. Only with
 * the server stopped; refuses a backup from a newer schema or without its key.
 * The files it replaces are moved to DATA_DIR/replaced-<time>/, never deleted.
 */
export function restoreBackup(backupPath: string, dataDir: string, now = new Date()): RestoreResult {
  const pid = runningServer(dataDir);
  if (pid !== null) {
    throw new DomainError('SERVER_RUNNING', `A hall server (pid ${pid}) is serving ${dataDir}. Stop it first (systemctl stop onestop), then restore.`);
  }
  const backup = readBackup(backupPath);
  const dbFile = join(backupPath, DB_FILE);
  const keyFile = join(backupPath, KEY_FILE);
  if (!existsSync(dbFile)) throw new DomainError('BACKUP_INVALID', `${backupPath} has no ${DB_FILE}`);
  if (!existsSync(keyFile)) {
    throw new DomainError('BACKUP_WITHOUT_KEY', `${backupPath} has no ${KEY_FILE}: without it ID-card checks of the restored tickets would fail. Restore a backup that has its key.`);
  }
  const latest = latestSchemaVersion();
  const schema = schemaVersionOf(dbFile);
  if (schema > latest || backup.schemaVersion > latest) {
    throw new DomainError('BACKUP_TOO_NEW', `The backup is from a newer Onestop (database schema ${Math.max(schema, backup.schemaVersion)}; this version knows up to ${latest}). Restore it with that version.`);
  }
  ownerOnlyDir(dataDir);
  verifyDatabase(dbFile, join(dataDir, `.restore-verify-${process.pid}.db`));

  let movedAside: string | null = null;
  const current = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, KEY_FILE].filter((f) => existsSync(join(dataDir, f)));
  if (current.length) {
    movedAside = join(dataDir, `replaced-${now.toISOString().replace(/[:.]/g, '-')}`);
    mkdirSync(movedAside, { mode: 0o700 });
    chmodSync(movedAside, 0o700);
    for (const f of current) renameSync(join(dataDir, f), join(movedAside, f));
  }
  let ended = 0;
  for (const f of [DB_FILE, KEY_FILE]) {
    const tmp = join(dataDir, `.${f}.restoring`);
    rmSync(tmp, { force: true });
    copyFileSync(join(backupPath, f), tmp);
    chmodSync(tmp, 0o600);
    // Sessions in the backup may have been ended since (log-out, password or role change): none survives a restore.
    if (f === DB_FILE) ended = endAllSessions(tmp);
    renameSync(tmp, join(dataDir, f));
  }
  return { backup, movedAside, sessionsEnded: ended };
}
