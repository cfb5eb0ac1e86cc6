/**
 * Two batches of one hall at once (review of the ingest rework): a hall whose request timed
 * out resends from its last acknowledged point with more events while the first request is
 * still being written (on another node: one node runs one batch of a hall at a time). The second batch's lock waits for the first; its events above the new
 * high-water mark must be projected onto the tickets as the first batch left them, not as
 * they were before it (the lock statement's own snapshot).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchGate } from '../../region/app/batch-gate.js';
import { Ingest } from '../../region/app/ingest.js';
import { migrate, openPool } from '../../region/store/db.js';
import { Partitions } from '../../region/store/partitions.js';
import { requirePostgres } from '../helpers/pg.js';
import { requireRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/ports.js';
import { Events, TEST_DAY } from './support.js';
import { regionStore } from './rig.js';

describe.runIf(requirePostgres() && requireRedis())('overlapping batches of one hall', () => {
  const store = regionStore('overlap', 3);
  beforeAll(async () => {
    const pool = openPool(store.url, 1);
    await migrate(pool);
    await pool.end();
  });

  it("the later batch sees the earlier one's tickets: a call in it is counted, nothing is undone", { timeout: 60_000 }, async () => {
    const pool = openPool(store.url, 4);
    pool.on('error', () => undefined);
    try {
      const partitions = new Partitions(pool);
      await partitions.ensureAhead(new Date(`${TEST_DAY}T00:00:00Z`));
      await pool.query(`INSERT INTO halls (id, name) VALUES ('h1', 'H')`);
      await pool.query(`INSERT INTO hall_uplink (hall_id) VALUES ('h1')`);
      // two nodes: a node runs one batch of a hall at a time, but a resend may reach the other node
      const nodeA = new Ingest(pool, partitions, () => undefined);
      const nodeB = new Ingest(pool, partitions, () => undefined);
      const ev = new Events();
      ev.issued('T1', 's1', `${TEST_DAY}T01:00:00.000Z`);
      ev.called('T1', 'w1', `${TEST_DAY}T01:05:00.000Z`);

      // Another transaction holds an uncommitted live ticket T1: batch A (the issue) takes the
      // stream lock and then waits on that row inside its transaction; batch B (the issue
      // again and the call) starts meanwhile, and its lock statement waits for A.
      const blocker = await store.db.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query(`INSERT INTO live_tickets (hall_id, ticket_id, service_id, business_day, status, queued_at) VALUES ('h1', 'T1', 's1', $1, 'waiting', now())`, [TEST_DAY]);
        const a = nodeA.batch('h1', { after: 0, events: ev.list.slice(0, 1) });
        const waiting = async (what: RegExp) =>
          (await store.db.query(`SELECT query FROM pg_stat_activity WHERE wait_event_type = 'Lock'`)).rows.some((r) => what.test(r.query));
        await waitFor('batch A waiting inside its transaction', () => waiting(/INSERT INTO events|live_tickets/), 10_000);
        const b = nodeB.batch('h1', { after: 0, events: ev.list });
        await waitFor('batch B waiting for the stream lock', () => waiting(/FOR UPDATE OF u/), 10_000);
        await blocker.query('ROLLBACK');
        expect(await a).toMatchObject({ ok: true, highWater: 1, accepted: 1 });
        expect(await b).toMatchObject({ ok: true, highWater: 2, accepted: 1, duplicates: 1 });
      } finally {
        blocker.release();
      }
      const live = (await store.db.query(`SELECT status, called_at IS NOT NULL AS called FROM live_tickets WHERE hall_id = 'h1' AND ticket_id = 'T1'`)).rows;
      expect(live).toEqual([{ status: 'called', called: true }]);
      const daily = (await store.db.query(`SELECT issued, waits, wait_seconds FROM daily_service WHERE hall_id = 'h1'`)).rows;
      expect(daily).toEqual([{ issued: 1, waits: 1, wait_seconds: 300 }]);
      expect(Number((await store.db.query(`SELECT count(*) FROM ticket_samples WHERE hall_id = 'h1'`)).rows[0].count)).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it("a hall's second batch waits on the node without a slot, so another hall is not held up", { timeout: 60_000 }, async () => {
    const pool = openPool(store.url, 4);
    pool.on('error', () => undefined);
    try {
      const partitions = new Partitions(pool);
      await partitions.ensureAhead(new Date(`${TEST_DAY}T00:00:00Z`));
      await pool.query(`INSERT INTO halls (id, name) VALUES ('h2', 'H2'), ('h3', 'H3') ON CONFLICT DO NOTHING`);
      // two slots: one for h2's first batch, one left for everybody else
      const gate = new BatchGate(2, 2);
      const ingest = new Ingest(pool, partitions, () => undefined, undefined, gate);
      const h2 = new Events();
      h2.issued('U1', 's1', `${TEST_DAY}T02:00:00.000Z`);
      h2.called('U1', 'w1', `${TEST_DAY}T02:05:00.000Z`);
      const h3 = new Events();
      h3.issued('V1', 's1', `${TEST_DAY}T02:00:00.000Z`);
      const blocker = await store.db.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query(`INSERT INTO live_tickets (hall_id, ticket_id, service_id, business_day, status, queued_at) VALUES ('h2', 'U1', 's1', $1, 'waiting', now())`, [TEST_DAY]);
        const a = ingest.batch('h2', { after: 0, events: h2.list.slice(0, 1) });
        await waitFor('h2 batch A holding its slot', () => gate.state.running === 1, 10_000);
        const b = ingest.batch('h2', { after: 0, events: h2.list });
        // B is either queued behind A on this node (the rule) or holding the second slot
        await waitFor('h2 batch B admitted or queued', () => ingest.queuedBehind('h2') === 1 || gate.state.running === 2, 10_000);
        // h3 needs a slot while h2's first batch is still stuck: it must not wait for h2
        expect(await ingest.batch('h3', { after: 0, events: h3.list })).toMatchObject({ ok: true, highWater: 1 });
        await blocker.query('ROLLBACK');
        expect(await a).toMatchObject({ ok: true, highWater: 1 });
        expect(await b).toMatchObject({ ok: true, highWater: 2, accepted: 1 });
      } finally {
        blocker.release();
      }
    } finally {
      await pool.end();
    }
  });
});
