import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../bench/lib/proc.js';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** A tool missing outside CI: skip loudly; under CI=true nothing skips. */
function need(cmd: string, why: string): boolean {
  if (has(cmd)) return true;
  if (process.env.CI) throw new Error(`${cmd} is needed (${why}) and missing under CI`);
  console.warn(`SKIPPED: ${cmd} is not installed (${why}); apt-get install systemd udev`);
  return false;
}

/** The unit files and udev rules in deploy/ as systemd and udev read them. */
describe('deploy/', () => {
  it('systemd-analyze verify finds nothing wrong with the hall, agent and region units', () => {
    if (!need('systemd-analyze', 'to check the unit files')) return;
    const units = ['onestop.service', 'onestop-agent.service', 'onestop-region.service'].map((u) => join(ROOT, 'deploy', u));
    const r = spawnSync('systemd-analyze', ['verify', ...units], { encoding: 'utf8' });
    // Warnings (unknown keys, bad values) go to stderr without failing: none may be there.
    expect(r.stderr.trim()).toBe('');
    expect(r.status).toBe(0);
  });

  it('the units run as a dedicated user with a read-only system, writable DATA_DIR only, restart on failure and device groups', async () => {
    const { readFileSync } = await import('node:fs');
    for (const [unit, user] of [['onestop.service', 'onestop'], ['onestop-agent.service', 'onestop-agent']]) {
      const text = readFileSync(join(ROOT, 'deploy', unit), 'utf8');
      const key = (k: string) => text.split('\n').filter((l) => l.startsWith(`${k}=`)).map((l) => l.slice(k.length + 1));
      expect(key('User')).toEqual([user]);
      expect(key('ProtectSystem')).toEqual(['strict']);
      expect(key('Restart')).toEqual(['on-failure']);
      expect(key('SupplementaryGroups')).toEqual(['dialout lp plugdev']);
      expect(key('NoNewPrivileges')).toEqual(['yes']);
    }
    const hall = readFileSync(join(ROOT, 'deploy/onestop.service'), 'utf8');
    expect(hall).toMatch(/^ReadWritePaths=\/var\/lib\/onestop$/m);
    expect(hall).toMatch(/^Environment=DATA_DIR=\/var\/lib\/onestop$/m);
    // The node flags are the ones `npm start` uses.
    const start = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string;
    const flags = /node ((?:--\S+\s+)+)dist\/server\/main\.mjs/.exec(start)![1].trim();
    expect(hall).toContain(`ExecStart=/usr/bin/node ${flags} /opt/onestop/dist/server/main.mjs`);
  });

  it('the region unit runs what npm run region runs, as its own user, with no device access and nothing writable', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(join(ROOT, 'deploy/onestop-region.service'), 'utf8');
    const key = (k: string) => text.split('\n').filter((l) => l.startsWith(`${k}=`)).map((l) => l.slice(k.length + 1));
    expect(key('User')).toEqual(['onestop-region']);
    expect(key('ProtectSystem')).toEqual(['strict']);
    expect(key('Restart')).toEqual(['on-failure']);
    expect(key('NoNewPrivileges')).toEqual(['yes']);
    expect(key('PrivateDevices')).toEqual(['yes']);
    expect(key('SupplementaryGroups')).toEqual([]);
    expect(key('ReadWritePaths')).toEqual([]);
    expect(key('EnvironmentFile')).toEqual(['/etc/onestop/region.env']);
    // the script `npm run region` runs (tsx region/main.ts), by node with the tsx loader
    const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.region as string;
    const entry = /^tsx (\S+\.ts)$/.exec(script)![1];
    expect(key('ExecStart')).toEqual([`/usr/bin/node --import tsx /opt/onestop/${entry}`]);
  });

  it('udev reads the rules without an error', () => {
    if (!need('udevadm', 'to check the udev rules') || !need('unshare', 'to test the rules in a private mount')) return;
    if (process.getuid?.() !== 0) {
      if (process.env.CI) throw new Error('the udev rules test needs root under CI');
      console.warn('SKIPPED: the udev rules test mounts a private rules folder and needs root');
      return;
    }
    // In a private mount namespace the rules folder holds only our file: nothing on this machine changes.
    const script = `mount -t tmpfs tmpfs /etc/udev/rules.d && cp "${join(ROOT, 'deploy/60-onestop.rules')}" /etc/udev/rules.d/ && udevadm test /sys/class/tty/console 2>&1`;
    const r = spawnSync('unshare', ['-m', 'sh', '-c', script], { encoding: 'utf8' });
    expect(r.stdout).toContain('Reading rules file: /etc/udev/rules.d/60-onestop.rules');
    const problems = r.stdout.split('\n').filter((l) => l.includes('60-onestop.rules:'));
    expect(problems).toEqual([]);
  });
});
