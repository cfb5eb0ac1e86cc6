import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { patchSettings } from '../helpers/features.js';

/** Review 13 item 10: an upgrade (or a changed env) must not silently stop intranet webhooks. */
describe('stored notification targets the policy refuses', () => {
  let dir: string;
  let hall: RunningHall | null = null;
  let lines: string[];
  const logger = () => {
    lines = [];
    return pino({ level: 'info' }, new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
  };

  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    delete process.env.ONESTOP_NOTIFY_ALLOWED_NETWORKS;
    await hall?.close();
    hall = null;
    removeDir(dir);
  });

  it('at start and on settings read: an error in the log and one grouped supervisor alert in three languages naming the env var', async () => {
    // Saved while the installer allowed the intranet gateway …
    process.env.ONESTOP_NOTIFY_ALLOWED_NETWORKS = '10.20.0.0/16';
    hall = await startTestHall(dir, { log: logger() });
    let admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    await patchSettings(admin, { notify: { webhookUrl: 'http://10.20.1.5/sms' } });
    expect(hall.deps.ctx.store.alerts.liveByKey('notify_target_refused:hall')).toBeNull();
    await hall.close();

    // … then started without it (a new install script, an upgrade with a stricter policy).
    delete process.env.ONESTOP_NOTIFY_ALLOWED_NETWORKS;
    hall = await startTestHall(dir, { log: logger() });
    const alert = hall.deps.ctx.store.alerts.liveByKey('notify_target_refused:hall');
    expect(alert).toMatchObject({ kind: 'notify_target_refused', count: 1 });
    expect(alert!.messages!.en).toMatch(/notify\.webhookUrl.*ONESTOP_NOTIFY_ALLOWED_NETWORKS/);
    expect(alert!.messages!['zh-CN']).toMatch(/通知地址.*ONESTOP_NOTIFY_ALLOWED_NETWORKS/);
    expect(alert!.messages!['zh-TW']).toMatch(/通知位址.*ONESTOP_NOTIFY_ALLOWED_NETWORKS/);
    const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ targets: ['notify.webhookUrl'], env: 'ONESTOP_NOTIFY_ALLOWED_NETWORKS' });
    // The URL itself is not logged.
    expect(lines.join('')).not.toContain('10.20.1.5');

    // Reading the settings checks again: logged again, still one alert (grouped), visible to supervisors.
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    expect((await admin.get('/api/v1/admin/settings')).status).toBe(200);
    expect(lines.map((l) => JSON.parse(l)).filter((l) => l.level === 50)).toHaveLength(2);
    const open = hall.deps.ctx.store.alerts.list({ unacked: true, limit: 50 }).filter((a) => a.kind === 'notify_target_refused');
    expect(open).toHaveLength(1);
  });

  it('no alert when the stored targets are allowed', async () => {
    process.env.ONESTOP_NOTIFY_ALLOWED_NETWORKS = '10.20.0.0/16';
    hall = await startTestHall(dir, { log: logger() });
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    await patchSettings(admin, { notify: { webhookUrl: 'http://10.20.1.5/sms' } });
    await hall.close();
    hall = await startTestHall(dir, { log: logger() });
    expect(hall.deps.ctx.store.alerts.liveByKey('notify_target_refused:hall')).toBeNull();
    expect(lines.map((l) => JSON.parse(l)).filter((l) => l.level === 50)).toEqual([]);
  });
});
