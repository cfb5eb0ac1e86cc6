import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../helpers/hall.js';

const ROOT = resolve(import.meta.dirname, '../..');
const mode = (p: string) => statSync(p).mode & 0o777;

/** The real server start (`npm run start:dev`'s command) under umask 000, until it says it is running. */
async function startUnderUmask000(dataDir: string): Promise<ChildProcess> {
  const child = spawn('sh', ['-c', 'umask 000 && exec node --import tsx server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ONESTOP_ADMIN_PASSWORD: 'modes-test-pw', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((ok, fail) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Onestop is running')) ok();
    });
    child.stderr!.on('data', (d) => (out += d));
    child.once('exit', (code) => fail(new Error(`server exited ${code}: ${out}`)));
  });
  return child;
}

const stop = (c: ChildProcess) =>
  new Promise<void>((ok) => {
    if (c.exitCode !== null) return ok();
    c.once('exit', () => ok());
    c.kill('SIGTERM');
  });

/** Issue 10 #3: DATA_DIR, the database with its WAL/SHM and secret.key are owner-only whatever the umask. */
describe('data folder modes', () => {
  let dir: string;
  let child: ChildProcess | null = null;

  afterEach(async () => {
    if (child) await stop(child);
    child = null;
    removeDir(dir);
  });

  it('a first start under umask 000 creates the folder 0700 and every file 0600', async () => {
    dir = tempDir();
    const data = join(dir, 'data');
    child = await startUnderUmask000(data);
    for (const f of ['onestop.db', 'onestop.db-wal', 'onestop.db-shm']) expect(existsSync(join(data, f)), f).toBe(true);
    expect(mode(data).toString(8)).toBe('700');
    for (const f of ['onestop.db', 'onestop.db-wal', 'onestop.db-shm', 'secret.key']) expect(`${f} ${mode(join(data, f)).toString(8)}`).toBe(`${f} 600`);
  });

  it('an existing install with loose modes is tightened at start', async () => {
    dir = tempDir();
    const data = join(dir, 'data');
    child = await startUnderUmask000(data);
    await stop(child);
    chmodSync(data, 0o777);
    for (const f of ['onestop.db', 'secret.key']) chmodSync(join(data, f), 0o666);
    // WAL and SHM left by an older version with a loose mode.
    for (const f of ['onestop.db-wal', 'onestop.db-shm']) {
      if (!existsSync(join(data, f))) writeFileSync(join(data, f), '');
      chmodSync(join(data, f), 0o666);
    }
    child = await startUnderUmask000(data);
    expect(mode(data).toString(8)).toBe('700');
    for (const f of ['onestop.db', 'onestop.db-wal', 'onestop.db-shm', 'secret.key']) expect(`${f} ${mode(join(data, f)).toString(8)}`).toBe(`${f} 600`);
  });
});
