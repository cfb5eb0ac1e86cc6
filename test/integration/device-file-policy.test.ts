import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { cli, show } from '../unit/drivers/cli/cli-process.js';

/** Issue 10 #11 where people meet it: the admin API and `npm run devices` refuse file: paths outside the rule, clearly. */
describe('file: device paths in the admin API and the devices CLI', { timeout: 120_000 }, () => {
  let root: string;
  let folder: string;
  let victim: string;
  let hall: RunningHall;
  let admin: Api;

  beforeAll(async () => {
    root = tempDir();
    folder = join(root, 'device-files');
    mkdirSync(join(root, 'etc'));
    victim = join(root, 'etc', 'crontab');
    writeFileSync(victim, '# system file\n');
    process.env.ONESTOP_DEVICE_FILE_DIR = folder; // inherited by the CLI child processes too
    hall = await startTestHall(join(root, 'data'));
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
  });

  afterAll(async () => {
    delete process.env.ONESTOP_DEVICE_FILE_DIR;
    await hall.close();
    removeDir(root);
  });

  const bind = (uri: string) => admin.req('PUT', '/api/v1/admin/devices/test-printer', { kind: 'printer', uri, ownerKind: 'hall', ownerId: null, enabled: true, config: {} });

  it('the admin API answers 400 INVALID_DEVICE_FILE for a path outside, and accepts the folder and device nodes', async () => {
    for (const uri of [`file:${victim}`, `file:${join(root, 'etc', 'new-file')}`, 'file:/dev/null', 'file:../etc/crontab']) {
      const r = await bind(uri);
      expect(r.status, uri).toBe(400);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'INVALID_DEVICE_FILE', field: 'uri', message: expect.stringMatching(/not allowed.*\/dev\/usb\/lp0.*ONESTOP_DEVICE_FILE_DIR/) } });
    }
    expect((await admin.get('/api/v1/admin/devices')).body.devices.some((d: { id: string }) => d.id === 'test-printer')).toBe(false);
    expect((await bind('file:/dev/usb/lp0')).status).toBe(200);
    expect((await bind('file:tickets.bin?read=0')).status).toBe(200);
    expect(readFileSync(victim, 'utf8')).toBe('# system file\n');
    expect(existsSync(join(root, 'etc', 'new-file'))).toBe(false);
  });

  it('npm run devices refuses the path with exit 2 and says why; the folder works', async () => {
    const bad = await cli(['print-test', `file:${victim}`, '--no-status']);
    expect(bad.code, show(bad)).toBe(2);
    expect(bad.stderr).toMatch(/error: .*file:.*crontab is not allowed: .* is outside the device-file folder/);
    expect(bad.stderr).toContain(folder);
    expect(readFileSync(victim, 'utf8')).toBe('# system file\n');
    const created = await cli(['print-test', `file:${join(root, 'etc', 'new-file')}`, '--no-status']);
    expect(created.code, show(created)).toBe(2);
    expect(existsSync(join(root, 'etc', 'new-file'))).toBe(false);
    const ok = await cli(['print-test', 'file:capture.bin', '--no-status']);
    expect(ok.code, show(ok)).toBe(0);
    expect(readFileSync(join(folder, 'capture.bin')).includes(Buffer.from('A001'))).toBe(true);
  });
});
