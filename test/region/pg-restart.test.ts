/**
 * A region node (`npm run region`, a child process) survives PostgreSQL going away while
 * one of its transactions holds a connection: the lost connection is emitted as an 'error'
 * on the checked-out pg client, which used to have no listener, so the node died with an
 * uncaught "Connection terminated unexpectedly" (the region chaos run's hall then saw
 * "fetch failed" for good). Made certain here: the test holds the hall's stream row, so the
 * node's ingest transaction waits on it, inside a transaction, when PostgreSQL stops.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirePostgres } from '../helpers/pg.js';
import { waitFor } from '../helpers/ports.js';
import { requireRedis } from '../helpers/redis.js';
import { regionStore } from './rig.js';
import { Events, RegionProcess, regionAdmin, registerHall, TEST_DAY } from './support.js';

const T = (hhmm: string) => `${TEST_DAY}T${hhmm}:00.000Z`;

describe.runIf(requirePostgres() && requireRedis())('a region node when PostgreSQL stops mid-transaction', () => {
  const store = regionStore('restart');
  let node: RegionProcess;

  beforeAll(async () => {
    node = await RegionProcess.start(store.url, store.redis.url);
  }, 60_000);
  afterAll(async () => {
    await node?.stop();
  });

  it('answers the batch in flight with an error, stays up, and takes the batch again once PostgreSQL is back', async () => {
    const hall = await registerHall(await regionAdmin(node.url), 'pg-gone');
    const ev = new Events();
    ev.issued('t1', 's1', T('01:01'));
    ev.issued('t2', 's1', T('01:02'));
    ev.called('t1', 'w1', T('01:05'));
    expect((await hall.post('/region/v1/halls/pg-gone/events', { after: 0, events: ev.list.slice(0, 2) })).body.highWater).toBe(2);

    // the test holds the hall's stream row: the node's ingest transaction waits for it
    const holder = new pg.Client({ connectionString: store.url });
    holder.on('error', () => undefined);
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query("SELECT 1 FROM hall_uplink WHERE hall_id = 'pg-gone' FOR UPDATE");
    const inFlight = hall.post('/region/v1/halls/pg-gone/events', { after: 2, events: ev.list.slice(2) }).catch((e: Error) => e);
    await waitFor('the node to wait on the row inside its transaction', async () => {
      const r = await holder.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'restart' AND wait_event_type = 'Lock'");
      return r.rows[0].n === 1;
    });

    await store.cluster.stopServer('immediate');
    const answer = await inFlight;
    await store.cluster.startServer();
    await holder.end().catch(() => undefined);

    expect(answer instanceof Error ? answer.message : answer.status, `node exit ${node.proc?.exitCode}: ${node.output.slice(-1500)}`).toBe(503);
    await waitFor('the node to answer again', async () => (await fetch(`${node.url}/region/v1/health`)).ok, 30_000).catch((e) => {
      throw new Error(`${(e as Error).message} (node exit ${node.proc?.exitCode}): ${node.output.slice(-1500)}`);
    });
    expect(node.proc?.exitCode).toBe(null);
    const again = await hall.post('/region/v1/halls/pg-gone/events', { after: 2, events: ev.list.slice(2) });
    expect([again.status, again.body.highWater]).toEqual([200, 3]);
  });
});
