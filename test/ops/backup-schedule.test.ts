import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Api, ADMIN_PASSWORD, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import type { RunningHall } from '../../server/bootstrap.js';

/** The hall's backup schedule with an injected clock: due at the local time, once a day, keeping N. */
describe('scheduled backups', () => {
  const dir = tempDir();
  const out = tempDir('onestop-sched-out-');
  let hall: RunningHall;
  afterAll(async () => {
    await hall?.close();
    removeDir(dir);
    removeDir(out);
  });

  it('runs at the set local time, once a day, keeps the newest N, and refuses bad settings', async () => {
    // 02:00 in Shanghai (UTC+8) on 2 Dec.
    let clock = new Date('2026-12-01T18:00:00Z');
    hall = await startTestHall(dir, { now: () => clock });
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    for (const bad of [{ backupTime: '25:00' }, { backupFolder: 'relative/path' }, { backupKeep: 0 }]) {
      const r = await admin.req('PATCH', '/api/v1/admin/settings', bad);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION');
    }
    const ok = await admin.req('PATCH', '/api/v1/admin/settings', { backupTime: '02:30', backupFolder: out, backupKeep: 2 });
    expect(ok.status).toBe(200);

    const backups = hall.deps.backups;
    await backups.stop();
    backups.start(20);
    const names = () => readdirSync(out).filter((n) => n.startsWith('onestop-')).sort();
    const settle = async (n: number) => {
      for (let i = 0; i < 150 && names().length < n; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
    };
    await settle(1);
    expect(names()).toEqual([]); // 02:00: not yet

    clock = new Date('2026-12-01T18:31:00Z'); // 02:31
    await settle(1);
    expect(names()).toEqual(['onestop-2026-12-01T18-31-00-000Z']);
    clock = new Date('2026-12-01T20:00:00Z'); // 04:00 the same day: no second backup
    await settle(2);
    expect(names()).toHaveLength(1);

    clock = new Date('2026-12-02T18:45:00Z'); // the next day 02:45
    await settle(2);
    clock = new Date('2026-12-03T18:40:00Z'); // and the day after: the oldest is deleted
    await new Promise((r) => setTimeout(r, 300));
    await settle(3);
    expect(names()).toEqual(['onestop-2026-12-02T18-45-00-000Z', 'onestop-2026-12-03T18-40-00-000Z']);
    expect(statSync(join(out, names()[0])).mode & 0o777).toBe(0o700);
    // Two days on, the first session has expired: sign in again.
    const listed = await (await Api.login(hall.url, 'admin', ADMIN_PASSWORD)).get('/api/v1/admin/backups');
    expect(listed.body.backups.map((b: any) => b.reason)).toEqual(['scheduled', 'scheduled']);
  }, 60_000);
});
