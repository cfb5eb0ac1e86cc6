import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { makeBackup } from '../../server/ops/backup-files.js';
import { verifyInChildProcess } from '../../server/ops/verify-process.js';
import { backupLive } from '../../server/store/snapshot.js';
import { ADMIN_PASSWORD, Api, kioskToken, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/** A backup is only kept when its event log replays to its own tickets: a copy that does not is refused and removed. */
describe('backup verification', () => {
  const dir = tempDir();
  const out = tempDir('onestop-verify-out-');
  let hall: RunningHall;
  afterAll(async () => {
    await hall?.close();
    removeDir(dir);
    removeDir(out);
  });

  it('refuses a copy whose tickets differ from what its log says, leaving nothing behind; accepts a true copy', async () => {
    hall = await startTestHall(dir);
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const kiosk = new Api(hall.url, await kioskToken(hall.url, admin));
    for (let i = 0; i < 5; i++) expect((await kiosk.post('/api/v1/tickets', { serviceId: 'tax' })).status).toBe(201);
    const db = hall.deps.ctx.store.db;
    const base = { folder: out, dataDir: dir, reason: 'manual' as const, serverVersion: 'test', verify: verifyInChildProcess };

    const tampered = makeBackup({
      ...base,
      now: new Date('2026-12-01T10:00:00Z'),
      copy: async (dest) => {
        await backupLive(db, dest);
        const copy = new Database(dest);
        copy.prepare(`UPDATE tickets SET number = 'X999' WHERE rowid = (SELECT MIN(rowid) FROM tickets)`).run();
        copy.close();
      },
    });
    await expect(tampered).rejects.toMatchObject({ code: 'BACKUP_INVALID', message: expect.stringContaining('tickets') });
    expect(readdirSync(out)).toEqual([]);

    const good = await makeBackup({ ...base, now: new Date('2026-12-01T10:01:00Z'), copy: (dest) => backupLive(db, dest) });
    expect(good.tickets).toBe(5);
    expect(readdirSync(out)).toEqual([good.name]);

    // A folder the server cannot write: a clear 500 in the error shape, and the hall serves on.
    expect((await admin.req('PATCH', '/api/v1/admin/settings', { backupFolder: '/proc/onestop-backups' })).status).toBe(200);
    const failed = await admin.post('/api/v1/admin/backups');
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ ok: false, error: { code: 'BACKUP_FAILED', message: expect.stringContaining('could not be written') } });
    expect((await kiosk.post('/api/v1/tickets', { serviceId: 'tax' })).status).toBe(201);
  }, 60_000);
});
