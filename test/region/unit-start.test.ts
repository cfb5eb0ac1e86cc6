/**
 * The region node as the README sets it up from the distribution's packages: a role that
 * owns its database (no superuser), Redis with a password in REDIS_URL, started with the
 * command line of deploy/onestop-region.service (from the unit file, /opt/onestop being
 * this checkout) and its Environment= lines. It migrates, answers, signs the admin in
 * (the log-in limit lives in Redis, so that needs the password to work) and stops on
 * SIGTERM with status 0.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../bench/lib/proc.js';
import { Api } from '../helpers/hall.js';
import { requirePostgres, TestPostgres } from '../helpers/pg.js';
import { freePort, waitFor } from '../helpers/ports.js';
import { requireRedis, TestRedis } from '../helpers/redis.js';

const unit = readFileSync(join(ROOT, 'deploy/onestop-region.service'), 'utf8');
const lines = (k: string) => unit.split('\n').filter((l) => l.startsWith(`${k}=`)).map((l) => l.slice(k.length + 1));

describe.runIf(requirePostgres() && requireRedis())('deploy/onestop-region.service', () => {
  let cluster: TestPostgres;
  let redis: TestRedis;
  beforeAll(async () => {
    [cluster, redis] = await Promise.all([TestPostgres.start(), TestRedis.start({ password: 'redis-pw-0123456789abcdef' })]);
  }, 60_000);
  afterAll(async () => Promise.all([cluster?.stop(), redis?.stop()]));

  it('starts a node on a database owned by an ordinary role and a password-protected Redis', async () => {
    const su = new pg.Client({ connectionString: cluster.url() });
    await su.connect();
    await su.query(`CREATE ROLE onestop LOGIN PASSWORD 'onestop-pw' NOSUPERUSER NOCREATEDB NOCREATEROLE`);
    await su.query(`CREATE DATABASE region OWNER onestop`);
    await su.end();
    expect(redis.url).toMatch(/^redis:\/\/:redis-pw-0123456789abcdef@127\.0\.0\.1:\d+$/);

    const [exec] = lines('ExecStart');
    const [bin, ...args] = exec.replaceAll('/opt/onestop', ROOT).split(' ');
    expect(bin).toBe('/usr/bin/node');
    const env: Record<string, string> = Object.fromEntries(lines('Environment').map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
    const port = await freePort();
    const child = spawn(process.execPath, args, {
      cwd: lines('WorkingDirectory')[0].replace('/opt/onestop', ROOT),
      env: {
        PATH: process.env.PATH!, ...env, PORT: String(port), HOST: '127.0.0.1',
        DATABASE_URL: `postgres://onestop:onestop-pw@127.0.0.1:${cluster.port}/region`, REDIS_URL: redis.url, REGION_ADMIN_PASSWORD: 'unit-admin-pw',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor('the region node to answer', async () => {
        if (child.exitCode !== null) throw new Error(out);
        return (await fetch(`${base}/region/v1/health`)).ok;
      }, 60_000);
      expect(out).toContain('region ready');
      const api = new Api(base);
      const login = await api.post('/region/v1/auth/login', { username: 'admin', password: 'unit-admin-pw' });
      expect(login.status, JSON.stringify(login.body)).toBe(200);
      api.token = login.body.token;
      expect((await api.post('/region/v1/halls', { id: 'unit-hall', name: 'Unit hall', area: 'north' })).status).toBe(201);
      // the tables are the ordinary role's: it ran the migrations itself
      const c = new pg.Client({ connectionString: cluster.url('region') });
      await c.connect();
      const owners = (await c.query(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.tableowner);
      await c.end();
      expect(owners).toEqual(['onestop']);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
