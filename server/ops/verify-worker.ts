/**
 * Verifies one backup's database in its own process (integrity check, then the
 * event log replayed in a scratch copy), so replaying a long history never
 * weighs on the serving hall's small heap. argv: dbFile scratchFile.
 * IPC → {ok:true} | {error:{code,message}}.
 */
import { DomainError } from '../domain/errors.js';
import { verifyDatabase } from './backup-files.js';

const [dbFile, scratch] = process.argv.slice(2);
try {
  verifyDatabase(dbFile, scratch);
  process.send?.({ ok: true }, () => process.exit(0));
} catch (err) {
  const e = err instanceof DomainError ? { code: err.code, message: err.message } : { code: 'BACKUP_INVALID', message: (err as Error).message };
  process.send?.({ error: e }, () => process.exit(1));
}
