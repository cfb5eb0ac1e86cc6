/**
 * `npm run region` refuses a database that is not UTF8 (node-pg names no client_encoding: a
 * SQL_ASCII database from a C-locale createdb would store mojibake) with a clear message and
 * exit code 2, before it creates anything there.
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEncoding, openPool } from '../../region/store/db.js';
import { requirePostgres, TestPostgres } from '../helpers/pg.js';

const root = new URL('../..', import.meta.url).pathname;

/**
 * `npm run region` as the operator runs it, until it exits; a node that started instead
 * (it logs "region ready") is stopped, its process group killed, and reported as code null.
 */
function runRegion(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const proc = spawn('npm', ['run', '--silent', 'region'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: 'redis://127.0.0.1:1', PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const stop = () => {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        // gone already
      }
    };
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes('region ready')) stop();
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    const timer = setTimeout(stop, 60_000);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.runIf(requirePostgres())('region database encoding', () => {
  let cluster: TestPostgres;
  let admin: pg.Client;
  beforeAll(async () => {
    cluster = await TestPostgres.start();
    admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ascii ENCODING 'SQL_ASCII' TEMPLATE template0`);
  }, 90_000);
  afterAll(async () => {
    await admin?.end();
    await cluster?.stop();
  });

  it('refuses a SQL_ASCII database: exit 2, a message naming the fix, nothing created', async () => {
    const r = await runRegion(cluster.url('ascii'));
    expect(r.code, r.output).toBe(2);
    expect(r.output).toContain("The region database's encoding is SQL_ASCII, not UTF8");
    expect(r.output).toContain('createdb -E UTF8 -T template0');
    const c = new pg.Client({ connectionString: cluster.url('ascii') });
    await c.connect();
    try {
      const tables = await c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`);
      expect(tables.rows[0].n).toBe(0);
    } finally {
      await c.end();
    }
  }, 90_000);

  it('takes a UTF8 database', async () => {
    const pool = openPool(await cluster.createDatabase('utf8ok'), 1);
    try {
      await expect(checkEncoding(pool)).resolves.toBeUndefined();
    } finally {
      await pool.end();
    }
  });
});
