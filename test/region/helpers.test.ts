import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirePostgres, TestPostgres } from '../helpers/pg.js';
import { requireRedis, TestRedis } from '../helpers/redis.js';
import { Redis } from 'ioredis';

describe.runIf(requirePostgres())('private PostgreSQL cluster', () => {
  let cluster: TestPostgres;
  beforeAll(async () => {
    cluster = await TestPostgres.start();
  }, 60_000);
  afterAll(async () => cluster?.stop());

  it('runs as a non-root user and keeps data across a restart', async () => {
    const url = await cluster.createDatabase('helper_check');
    let c = new pg.Client({ connectionString: url });
    await c.connect();
    const who = await c.query(`SELECT current_setting('data_directory') AS dir`);
    expect(who.rows[0].dir).toBe(cluster.dataDir);
    await c.query('CREATE TABLE t (x int)');
    await c.query('INSERT INTO t VALUES (42)');
    await c.end();
    await cluster.stopServer('immediate');
    await cluster.startServer();
    c = new pg.Client({ connectionString: url });
    await c.connect();
    expect((await c.query('SELECT x FROM t')).rows).toEqual([{ x: 42 }]);
    await c.end();
  });
});

describe.runIf(requireRedis())('private redis-server', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => redis?.stop());

  it('answers on its own port', async () => {
    const c = new Redis(redis.url);
    await c.set('k', 'v');
    expect(await c.get('k')).toBe('v');
    c.disconnect();
  });
});
