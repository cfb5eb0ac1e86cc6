/**
 * `npm run restore -- <backup folder>`: puts a verified backup in place of
 * DATA_DIR's database and secret.key (DATA_DIR default ./data). Refuses while a
 * hall server serves DATA_DIR, a backup from a newer schema, or one without its key.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError } from '../server/domain/errors.js';
import { restoreBackup } from '../server/ops/restore.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
const cwd = process.env.INIT_CWD ?? process.cwd();
if (positionals.length !== 1) {
  process.stderr.write('usage: npm run restore -- <backup folder> [--data-dir DIR]\n');
  process.exit(2);
}
const dataDir = resolve(values['data-dir'] ? resolve(cwd, values['data-dir']) : (process.env.DATA_DIR ?? './data'));
try {
  const r = restoreBackup(resolve(cwd, positionals[0]), dataDir);
  process.stdout.write(
    `restored ${r.backup.name} (${r.backup.createdAt}, ${r.backup.tickets} tickets) into ${dataDir}\n` +
      (r.movedAside ? `  the previous database and key were moved to ${r.movedAside}\n` : '') +
      `  ${r.sessionsEnded} staff sessions of the backup were ended: everyone signs in again\n` +
      '  kiosk, display and platform tokens are as they were at the backup: reissue or revoke any changed since (Admin → Kiosks & displays)\n' +
      '  start the server now (systemctl start onestop, or npm start)\n',
  );
} catch (err) {
  process.stderr.write(`restore refused: ${err instanceof DomainError ? `${err.code}: ${err.message}` : (err as Error).message}\n`);
  process.exit(1);
}
