/**
 * A private PostgreSQL cluster (for `npm run region:trial`, the bench and the tests):
 * initdb into a temp folder, one `postgres` on a free loopback port with its socket in
 * that folder, trust auth on loopback only. PostgreSQL refuses to run as root, so as
 * root the cluster runs as the unprivileged `onestop-test` user (created when absent):
 * the processes are spawned with that uid/gid directly, so signals reach postgres itself.
 * The server binaries are those of the installed major version (see `findPgBin`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, waitFor } from './processes.js';

const hasServer = (dir: string): boolean => existsSync(join(dir, 'postgres')) && existsSync(join(dir, 'initdb'));

/**
 * Where `postgres` and `initdb` are: `ONESTOP_PG_BIN` when set; else the highest major
 * version under `/usr/lib/postgresql/<N>/bin` that has both (Debian 12 installs 15,
 * Debian 13 17; a machine with several takes the newest); else `pg_config --bindir`
 * (other layouts). Null when none has them.
 */
export function findPgBin(env: NodeJS.ProcessEnv = process.env, root = '/usr/lib/postgresql', pgConfig = (): string | null => {
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}): string | null {
  if (env.ONESTOP_PG_BIN) return env.ONESTOP_PG_BIN;
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) if (hasServer(join(root, v, 'bin'))) return join(root, v, 'bin');
  const bindir = pgConfig();
  return bindir && hasServer(bindir) ? bindir : null;
}

/** The server binaries' folder (a placeholder naming the Debian layout when none is installed, for messages). */
export const PG_BIN = findPgBin() ?? '/usr/lib/postgresql/<version>/bin';

export const havePostgres = (): boolean => hasServer(PG_BIN);

/** The unprivileged user the cluster runs as when started by root. */
const TEST_USER = 'onestop-test';

function ensureUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  let id = spawnSync('id', ['-u', TEST_USER], { encoding: 'utf8' });
  if (id.status !== 0) {
    spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', TEST_USER], { stdio: 'ignore' });
    id = spawnSync('id', ['-u', TEST_USER], { encoding: 'utf8' });
    if (id.status !== 0) throw new Error(`could not create the unprivileged user ${TEST_USER} for PostgreSQL`);
  }
  const gid = spawnSync('id', ['-g', TEST_USER], { encoding: 'utf8' });
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export class PrivatePostgres {
  readonly dir: string;
  port = 0;
  private proc?: ChildProcess;
  private user: { uid: number; gid: number } | null;
  private output = '';
  private settings: Record<string, string | number> = {};

  private constructor() {
    this.user = ensureUser();
    this.dir = mkdtempSync(join(tmpdir(), 'onestop-pg-'));
    chmodSync(this.dir, 0o700);
    if (this.user) chownSync(this.dir, this.user.uid, this.user.gid);
  }

  /** initdb + start; `settings` are more `-c name=value` for the server (they win over the defaults here). */
  static async start(opts: { settings?: Record<string, string | number> } = {}): Promise<PrivatePostgres> {
    const p = new PrivatePostgres();
    p.settings = opts.settings ?? {};
    const init = p.run(join(PG_BIN, 'initdb'), ['-D', p.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}${init.stdout}`);
    await p.startServer();
    return p;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** The server's URL for a database (default `postgres`). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /**
   * The URL of a database over the server's Unix socket (in its folder), as a region node on the
   * database's own machine connects: a round trip over loopback TCP cost the node and PostgreSQL
   * ~40 % more CPU here (docs/bench.md, Region).
   */
  socketUrl(database = 'postgres'): string {
    return `postgres://postgres@${encodeURIComponent(this.dir)}:${this.port}/${database}`;
  }

  /** A fresh empty database; returns its URL. */
  async createDatabase(name: string): Promise<string> {
    const c = new pg.Client({ connectionString: this.url() });
    await c.connect();
    try {
      await c.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    } finally {
      await c.end();
    }
    return this.url(name);
  }

  /** (Re)starts postgres on the same port (a fresh free port on the first start). */
  async startServer(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const proc = spawn(join(PG_BIN, 'postgres'), [
      '-D', this.dataDir, '-p', String(this.port), '-k', this.dir,
      '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200',
      '-c', 'shared_buffers=32MB', '-c', 'logging_collector=off',
      ...Object.entries(this.settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ], { ...this.as(), stdio: ['ignore', 'ignore', 'pipe'] });
    this.proc = proc;
    // A test process that dies without its afterAll must not leave postgres running.
    const reap = () => proc.kill('SIGQUIT');
    process.once('exit', reap);
    proc.once('exit', () => process.off('exit', reap));
    this.output = '';
    proc.stderr?.on('data', (d) => (this.output = (this.output + d).slice(-4000)));
    await waitFor('PostgreSQL to accept connections', async () => {
      if (proc.exitCode !== null) throw new Error(`postgres exited: ${this.output}`);
      const c = new pg.Client({ connectionString: this.url() });
      c.on('error', () => {});
      try {
        await c.connect();
        await c.query('SELECT 1');
        return true;
      } finally {
        await c.end().catch(() => {});
      }
    });
  }

  /** The postmaster's pid (its children are the backends and PostgreSQL's own workers). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** Stops the server: `fast` shutdown, or `immediate` (a crash-like stop). */
  async stopServer(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    await exited;
    this.proc = undefined;
  }

  /** Stops the server and removes the cluster. */
  async stop(): Promise<void> {
    await this.stopServer();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Spawn options that run a child as the unprivileged user (when we are root). */
  private as(): { uid?: number; gid?: number; cwd: string } {
    return this.user ? { uid: this.user.uid, gid: this.user.gid, cwd: this.dir } : { cwd: this.dir };
  }

  private run(bin: string, args: string[]) {
    return spawnSync(bin, args, { ...this.as(), encoding: 'utf8' });
  }
}
