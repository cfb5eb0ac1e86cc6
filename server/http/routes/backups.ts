import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { DomainError } from '../../domain/errors.js';
import { HttpError } from '../errors.js';
import { route, defineRoutes } from '../route.js';

/** Backups of the hall database (admin): the list and one made now. */
export function backupRoutes(deps: Deps) {
  return defineRoutes([
    route(replies.Backups)({
      method: 'get', path: '/api/v1/admin/backups', summary: 'Verified backups in the backup folder, newest first', tag: 'admin', auth: 'config.write',
      handler: () => ({ ok: true, folder: deps.backups.folder(), backups: deps.backups.list() }),
    }),
    route(replies.BackupMade)({
      method: 'post', path: '/api/v1/admin/backups', summary: 'Make a verified online backup now (database + secret.key)', tag: 'admin', auth: 'config.write', status: 201,
      handler: async () => {
        try {
          return { ok: true, backup: await deps.backups.run('manual') };
        } catch (err) {
          // The hall could not make or verify it (disk, permissions, a damaged database): a server-side failure.
          if (err instanceof DomainError && /^BACKUP_(FAILED|INVALID)$/.test(err.code)) throw new HttpError(500, err.code, err.message);
          throw err;
        }
      },
    }),
  ]);
}
