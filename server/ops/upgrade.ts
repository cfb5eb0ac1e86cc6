import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log/logger.js';
import { latestSchemaVersion, schemaVersionOf, snapshotFile } from '../store/snapshot.js';
import { makeBackup, type BackupInfo } from './backup-files.js';
import { verifyInChildProcess } from './verify-process.js';

export class SchemaTooNewError extends Error {
  readonly code = 'SCHEMA_TOO_NEW';
}

/**
 * Before the store migrates a hall database: refuse one from a newer Onestop
 * (its tables may mean things this version does not know), and back up an
 * older one, verified, into DATA_DIR/backups/pre-upgrade-v<N>-<time>.
 * A failed backup stops the start: nothing is migrated without one.
 */
export async function guardUpgrade(dataDir: string, serverVersion: string, log: Logger, now = new Date()): Promise<BackupInfo | null> {
  const file = join(dataDir, 'onestop.db');
  if (!existsSync(file)) return null;
  const current = schemaVersionOf(file);
  const latest = latestSchemaVersion();
  if (current > latest) {
    throw new SchemaTooNewError(
      `${file} was written by a newer Onestop (database schema ${current}; this version ${serverVersion} knows up to ${latest}). ` +
        'Nothing was changed. Run the newer version again, or restore a backup made by this version (npm run restore -- <backup>).',
    );
  }
  if (current === 0 || current === latest) return null;
  log.info({ from: current, to: latest }, 'database schema is older: backing it up before migrating');
  const info = await makeBackup({
    folder: join(dataDir, 'backups'),
    dataDir,
    now,
    reason: 'pre-upgrade',
    serverVersion,
    prefix: `pre-upgrade-v${current}`,
    keyOptional: true,
    copy: (dest) => snapshotFile(file, dest),
    // The hall's heap is small; replaying the whole log happens in a process of its own.
    verify: verifyInChildProcess,
  });
  log.info({ backup: info.path, tickets: info.tickets }, 'pre-upgrade backup made and verified');
  return info;
}
