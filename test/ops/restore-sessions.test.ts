import { afterAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { restoreBackup } from '../../server/ops/restore.js';
import { ADMIN_PASSWORD, Api, DEMO_STAFF_PASSWORD, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/**
 * A restore must not bring back rights that were ended after the backup (the review: a
 * supervisor demoted after the backup had their old token working again after a restore).
 */
describe('restore ends the sessions of the backup', () => {
  const dir = tempDir();
  const target = tempDir('onestop-restore-target-');
  let hall: RunningHall | null = null;
  afterAll(async () => {
    await hall?.close();
    removeDir(dir);
    removeDir(target);
  });

  it('a token ended after the backup stays ended after the restore; signing in again works', async () => {
    hall = await startTestHall(dir);
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const sup = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    expect((await sup.get('/api/v1/admin/audit')).status).toBe(200);
    const made = await admin.post('/api/v1/admin/backups');
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const folder = made.body.backup.path as string;
    expect((await sup.post('/api/v1/auth/logout')).status).toBe(200);
    await hall.close();
    hall = null;

    const r = restoreBackup(folder, target);
    expect(r.sessionsEnded).toBeGreaterThanOrEqual(2);
    hall = await startTestHall(target);
    // The supervisor logged out after the backup, the admin did not: neither old token works now.
    expect((await new Api(hall.url, sup.token).get('/api/v1/admin/audit')).status).toBe(401);
    expect((await new Api(hall.url, admin.token).get('/api/v1/admin/audit')).status).toBe(401);
    const again = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    expect((await again.get('/api/v1/admin/audit')).status).toBe(200);
  }, 60_000);
});
