import type { Deps } from '../../app/deps.js';
import { defineRoutes } from '../route.js';

/** Backups of the hall database (admin): the list and one made now. */
export function backupRoutes(deps: Deps) {
  return defineRoutes([
    {
      method: 'get', path: '/api/v1/admin/backups', summary: 'Verified backups in the backup folder, newest first', tag: 'admin', auth: 'config.write',
      handler: () => ({ ok: true, folder: deps.backups.folder(), backups: deps.backups.list() }),
    },
    {
      method: 'post', path: '/api/v1/admin/backups', summary: 'Make a verified online backup now (database + secret.key)', tag: 'admin', auth: 'config.write', status: 201,
      handler: async () => ({ ok: true, backup: await deps.backups.run('manual') }),
    },
  ]);
}
