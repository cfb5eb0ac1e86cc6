import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, Started, stopChild } from '../helpers/children.js';

const mode = (p: string) => statSync(p).mode & 0o777;

/** The real server start under umask 000, until it says it is running. */
async function startUnderUmask000(dataDir: string): Promise<ChildProcess> {
  const s = spawnServer(dataDir, { ONESTOP_ADMIN_PASSWORD: 'modes-test-pw' }, '000');
  const r = await s.outcome;
  if (r.exit !== null || s.child.signalCode !== null) throw new Error(`server exited ${r.exit}: ${r.out}`);
  return s.child;
}

/** Issue 10 #3: DATA_DIR, the database with its WAL/SHM and secret.key are owner-only whatever the umask. */
describe('data folder modes', () => {
  const started = new Started();
  afterEach(() => started.cleanup());

  it('a first start under umask 000 creates the folder 0700 and every file 0600', async () => {
    const data = join(started.dir(), 'data');
    started.child(await startUnderUmask000(data));
    for (const f of ['onestop.db', 'onestop.db-wal', 'onestop.db-shm']) expect(existsSync(join(data, f)), f).toBe(true);
    expect(mode(data).toString(8)).toBe('700');
    for (const f of ['onestop.db', 'onestop.db-wal', 'onestop.db-shm', 'secret.key']) expect(`${f} ${mode(join(data, f)).toString(8)}`).toBe(`${f} 600`);
  });

  it('an existing install with loose modes is tightened at start', async () => {
    const data = join(started.dir(), 'data');
    await stopChild(started.child(await startUnderUmask000(data)));
    chmodSync(data, 0o777);
    for (const f of ['onestop.db', 'secret.key']) chmodSync(join(data, f), 0o666);
    // WAL and SHM left by an older version with a loose mode.
    for (const f of ['onestop.db-wal', 'onestop.db-shm']) {
      if (!existsSync(join(data, f))) writeFileSync(join(data, f), '');
      chmodSync(join(data, f), 0o666);
    }
    started.child(await startUnderUmask000(data));
    expect(mode(data).toString(8)).toBe('700');
    for (const f of ['onestop.db', 'onestop.db-wal', 'onestop.db-shm', 'secret.key']) expect(`${f} ${mode(join(data, f)).toString(8)}`).toBe(`${f} 600`);
  });
});
