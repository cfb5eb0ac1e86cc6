import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, removeDir, tempDir } from '../../bench/lib/proc.js';
import { run } from './run.js';

/**
 * The server as `npm start` runs it (the esbuild bundle under plain node) makes
 * a verified backup: the verifying process is its own bundled entry beside main.mjs.
 */
describe('backups from the bundled server', () => {
  const dir = tempDir('onestop-bundle-bk-');
  afterAll(() => removeDir(dir));

  it('npm run build, then node dist/server/main.mjs answers POST /api/v1/admin/backups with a verified backup', async () => {
    const b = await run('npm', ['run', '--silent', 'build']);
    expect(b.code, b.stderr).toBe(0);
    const start = JSON.parse((await import('node:fs')).readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string;
    const flags = /node ((?:--\S+\s+)+)dist\/server\/main\.mjs/.exec(start)![1].trim().split(/\s+/);
    const server = spawn(process.execPath, [...flags, join(ROOT, 'dist/server/main.mjs')], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ONESTOP_ADMIN_PASSWORD: 'bundle-admin-pw' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      server.stderr!.on('data', (d) => (out += d));
      const port = await new Promise<number>((resolve, reject) => {
        server.stdout!.on('data', (d) => {
          out += d;
          const m = /localhost:(\d+)\//.exec(out);
          if (m) resolve(Number(m[1]));
        });
        server.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bundle-admin-pw' }) });
      const { token } = await login.json();
      const r = await fetch(`${base}/api/v1/admin/backups`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      const body = await r.json();
      expect(r.status, JSON.stringify(body)).toBe(201);
      expect(body.backup.verified).toEqual({ integrity: 'ok', replay: 'ok' });
      expect(readdirSync(join(dir, 'backups'))).toEqual([body.backup.name]);
    } finally {
      server.kill('SIGTERM');
    }
  }, 240_000);
});
