import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../helpers/hall.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** The real server start (`npm run start:dev`'s command) with some env: until it runs, or exits. */
function startServer(dataDir: string, env: Record<string, string>): { child: ChildProcess; outcome: Promise<{ exit: number | null; out: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ONESTOP_ADMIN_PASSWORD: 'proxy-test-pw', LOG_LEVEL: 'warn', TRUST_PROXY: '', ONESTOP_AGENT_NETWORKS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const outcome = new Promise<{ exit: number | null; out: string }>((ok) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Onestop is running')) ok({ exit: null, out });
    });
    child.stderr!.on('data', (d) => (out += d));
    child.once('exit', (code) => ok({ exit: code, out }));
  });
  return { child, outcome };
}

const stop = (c: ChildProcess) =>
  new Promise<void>((ok) => {
    if (c.exitCode !== null || c.signalCode !== null) return ok();
    c.once('exit', () => ok());
    c.kill('SIGTERM');
  });

/** Review 13 item 11: a loose TRUST_PROXY lets clients choose their address (X-Forwarded-For). */
describe('TRUST_PROXY at start', () => {
  let dir = '';
  let child: ChildProcess | null = null;
  afterEach(async () => {
    if (child) await stop(child);
    child = null;
    removeDir(dir);
  });

  it('refuses to start with ONESTOP_AGENT_NETWORKS when TRUST_PROXY is true or a hop count, saying what to set', async () => {
    for (const trust of ['true', '1']) {
      dir = tempDir();
      const s = startServer(dir, { TRUST_PROXY: trust, ONESTOP_AGENT_NETWORKS: '10.1.0.0/24' });
      child = s.child;
      const r = await s.outcome;
      expect(r.exit, r.out).toBe(1);
      expect(r.out).toMatch(/Onestop could not start: TRUST_PROXY=.*ONESTOP_AGENT_NETWORKS.*Set TRUST_PROXY to the reverse proxy/);
      removeDir(dir);
    }
  }, 60_000);

  it('starts with ONESTOP_AGENT_NETWORKS when TRUST_PROXY names the proxy; warns at start for TRUST_PROXY=true alone', async () => {
    dir = tempDir();
    let s = startServer(dir, { TRUST_PROXY: 'loopback', ONESTOP_AGENT_NETWORKS: '10.1.0.0/24' });
    child = s.child;
    let r = await s.outcome;
    expect(r.exit, r.out).toBeNull();
    expect(r.out).not.toMatch(/TRUST_PROXY/);
    await stop(child);
    removeDir(dir);

    dir = tempDir();
    s = startServer(dir, { TRUST_PROXY: 'true' });
    child = s.child;
    r = await s.outcome;
    expect(r.exit, r.out).toBeNull();
    const warning = r.out.split('\n').find((l) => l.includes('TRUST_PROXY=true'));
    expect(warning, r.out).toBeDefined();
    expect(JSON.parse(warning!)).toMatchObject({ level: 40 });
  }, 60_000);
});
