/**
 * `npm run backup [-- --to FOLDER] [--keep N]`: a verified online backup of
 * DATA_DIR (default ./data) while the hall serves (or not): a consistent copy
 * of the database (SQLite VACUUM INTO in one read transaction, never a file
 * copy) with secret.key, owner-only, into FOLDER (default DATA_DIR/backups).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { VERSION } from '../server/bootstrap.js';
import { DomainError } from '../server/domain/errors.js';
import { makeBackup, pruneBackups } from '../server/ops/backup-files.js';
import { snapshotFile } from '../server/store/snapshot.js';

const { values } = parseArgs({ options: { to: { type: 'string' }, keep: { type: 'string' }, 'data-dir': { type: 'string' } } });
const cwd = process.env.INIT_CWD ?? process.cwd();
const dataDir = resolve(values['data-dir'] ? resolve(cwd, values['data-dir']) : (process.env.DATA_DIR ?? './data'));
const folder = values.to ? resolve(cwd, values.to) : join(dataDir, 'backups');
try {
  const info = await makeBackup({ folder, dataDir, now: new Date(), reason: 'cli', serverVersion: VERSION, copy: (dest) => snapshotFile(join(dataDir, 'onestop.db'), dest) });
  const pruned = values.keep ? pruneBackups(folder, Number(values.keep)) : [];
  process.stdout.write(`backup verified: ${info.path}\n  ${info.tickets} tickets, ${info.events} events, schema ${info.schemaVersion}, ${info.bytes} bytes${pruned.length ? `; deleted ${pruned.length} older` : ''}\n`);
} catch (err) {
  process.stderr.write(`backup failed: ${err instanceof DomainError ? `${err.code}: ${err.message}` : (err as Error).message}\n`);
  process.exit(1);
}
