/**
 * A migration run by another node (a rolling upgrade) that changes a column's type under a
 * connection holding a named statement: the statement fails once with "cached plan must not
 * change result type" (0A000), and the connection is not handed out again, so the next batch
 * on this node prepares its statements anew instead of failing on that connection for ever.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPool, withClient, type Pool } from '../../region/store/db.js';
import { requirePostgres, TestPostgres } from '../helpers/pg.js';

describe.runIf(requirePostgres())('a named statement whose table another node migrated', () => {
  let cluster: TestPostgres;
  let pool: Pool;
  let url: string;

  beforeAll(async () => {
    cluster = await TestPostgres.start();
    url = await cluster.createDatabase('stale');
    pool = openPool(url, 1); // one connection: the one holding the prepared statement is the one handed out next
    await pool.query('CREATE TABLE t (a INT NOT NULL)');
    await pool.query('INSERT INTO t VALUES (7)');
  });
  afterAll(async () => {
    await pool?.end();
    await cluster?.stop();
  });

  const read = () => withClient(pool, async (c) => Number((await c.query({ name: 'stale-read', text: 'SELECT a FROM t', values: [] })).rows[0].a));

  it('fails once, then works on a fresh connection', async () => {
    expect(await read()).toBe(7);
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query('ALTER TABLE t ALTER COLUMN a TYPE BIGINT');
    await other.end();
    await expect(read()).rejects.toMatchObject({ code: '0A000' });
    expect(await read()).toBe(7);
    expect(await read()).toBe(7);
  });
});
