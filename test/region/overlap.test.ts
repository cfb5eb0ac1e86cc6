/**
 * Two batches of one hall at once (review of the ingest rework): a hall whose request timed
 * out resends from its last acknowledged point with more events while the first request is
 * still being written (on another node: one node runs one batch of a hall at a time). The second batch's lock waits for the first; its events above the new
 * high-water mark must be projected onto the tickets as the first batch left them, not as
 * they were before it (the lock statement's own snapshot).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchGate } from '../../region/app/batch-gate.js';
import type { Pool } from 'pg';
import { Ingest, MAX_QUEUED_PER_HALL } from '../../region/app/ingest.js';
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

  /** A pool with this month's partitions for the test's "nodes" (Ingest instances), ended afterwards. */
  async function withPool(fn: (pool: Pool, partitions: Partitions) => Promise<void>): Promise<void> {
    const pool = openPool(store.url, 4);
    pool.on('error', () => undefined);
    try {
      const partitions = new Partitions(pool);
      await partitions.ensureAhead(new Date(`${TEST_DAY}T00:00:00Z`));
      await fn(pool, partitions);
    } finally {
      await pool.end();
    }
  }

  /**
   * Runs `fn` while another transaction holds an uncommitted live ticket of the hall: a batch
   * that writes that ticket waits for it inside its own transaction, holding the stream lock.
   * `fn` gets the rollback that lets it go on.
   */
  async function whileTicketHeld(hallId: string, ticketId: string, fn: (letGo: () => Promise<unknown>) => Promise<void>): Promise<void> {
    const blocker = await store.db.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`INSERT INTO live_tickets (hall_id, ticket_id, service_id, business_day, status, queued_at) VALUES ($1, $2, 's1', $3, 'waiting', now())`, [hallId, ticketId, TEST_DAY]);
      await fn(() => blocker.query('ROLLBACK'));
    } finally {
      blocker.release();
    }
  }

  it("the later batch sees the earlier one's tickets: a call in it is counted, nothing is undone", { timeout: 60_000 }, async () => {
    await withPool(async (pool, partitions) => {
      await pool.query(`INSERT INTO halls (id, name) VALUES ('h1', 'H')`);
      await pool.query(`INSERT INTO hall_uplink (hall_id) VALUES ('h1')`);
      // two nodes: a node runs one batch of a hall at a time, but a resend may reach the other node
      const nodeA = new Ingest(pool, partitions, () => undefined);
      const nodeB = new Ingest(pool, partitions, () => undefined);
      const ev = new Events();
      ev.issued('T1', 's1', `${TEST_DAY}T01:00:00.000Z`);
      ev.called('T1', 'w1', `${TEST_DAY}T01:05:00.000Z`);
      // batch A (the issue) takes the stream lock and waits on the held ticket; batch B (the
      // issue again and the call) starts meanwhile, and its lock statement waits for A
      await whileTicketHeld('h1', 'T1', async (letGo) => {
        const a = nodeA.batch('h1', { after: 0, events: ev.list.slice(0, 1) });
        const waiting = async (what: RegExp) =>
          (await store.db.query(`SELECT query FROM pg_stat_activity WHERE wait_event_type = 'Lock'`)).rows.some((r) => what.test(r.query));
        await waitFor('batch A waiting inside its transaction', () => waiting(/INSERT INTO live_tickets/), 10_000);
        const b = nodeB.batch('h1', { after: 0, events: ev.list });
        await waitFor('batch B waiting for the stream lock', () => waiting(/FOR UPDATE OF u/), 10_000);
        await letGo();
        expect(await a).toMatchObject({ ok: true, highWater: 1, accepted: 1 });
        expect(await b).toMatchObject({ ok: true, highWater: 2, accepted: 1, duplicates: 1 });
      });
      const live = (await store.db.query(`SELECT status, called_at IS NOT NULL AS called FROM live_tickets WHERE hall_id = 'h1' AND ticket_id = 'T1'`)).rows;
      expect(live).toEqual([{ status: 'called', called: true }]);
      const daily = (await store.db.query(`SELECT issued, waits, wait_seconds FROM daily_service WHERE hall_id = 'h1'`)).rows;
      expect(daily).toEqual([{ issued: 1, waits: 1, wait_seconds: 300 }]);
      expect(Number((await store.db.query(`SELECT count(*) FROM ticket_samples WHERE hall_id = 'h1'`)).rows[0].count)).toBe(1);
    });
  });

  it("a hall's second batch waits on the node without a slot, so another hall is not held up", { timeout: 60_000 }, async () => {
    await withPool(async (pool, partitions) => {
      await pool.query(`INSERT INTO halls (id, name) VALUES ('h2', 'H2'), ('h3', 'H3') ON CONFLICT DO NOTHING`);
      // two slots: one for h2's first batch, one left for everybody else
      const gate = new BatchGate(2, 2);
      const ingest = new Ingest(pool, partitions, () => undefined, undefined, gate);
      const h2 = new Events();
      h2.issued('U1', 's1', `${TEST_DAY}T02:00:00.000Z`);
      h2.called('U1', 'w1', `${TEST_DAY}T02:05:00.000Z`);
      const h3 = new Events();
      h3.issued('V1', 's1', `${TEST_DAY}T02:00:00.000Z`);
      await whileTicketHeld('h2', 'U1', async (letGo) => {
        const a = ingest.batch('h2', { after: 0, events: h2.list.slice(0, 1) });
        await waitFor('h2 batch A holding its slot', () => gate.state.running === 1, 10_000);
        const b = ingest.batch('h2', { after: 0, events: h2.list });
        // B waits behind A on this node, without a slot
        await waitFor('h2 batch B queued behind A', () => ingest.queuedBehind('h2') === 1, 10_000);
        expect(gate.state.running).toBe(1);
        // h3 needs a slot while h2's first batch is still stuck: it must not wait for h2
        expect(await ingest.batch('h3', { after: 0, events: h3.list })).toMatchObject({ ok: true, highWater: 1 });
        await letGo();
        expect(await a).toMatchObject({ ok: true, highWater: 1 });
        expect(await b).toMatchObject({ ok: true, highWater: 2, accepted: 1 });
      });
    });
  });

  it(`a hall's batches beyond ${MAX_QUEUED_PER_HALL} waiting on a node are refused at once (429 UPLINK_BUSY), the waiting ones still land`, { timeout: 60_000 }, async () => {
    await withPool(async (pool, partitions) => {
      await pool.query(`INSERT INTO halls (id, name) VALUES ('h4', 'H4') ON CONFLICT DO NOTHING`);
      const ingest = new Ingest(pool, partitions, () => undefined);
      const ev = new Events();
      ev.issued('W1', 's1', `${TEST_DAY}T03:00:00.000Z`);
      ev.called('W1', 'w1', `${TEST_DAY}T03:05:00.000Z`);
      await whileTicketHeld('h4', 'W1', async (letGo) => {
        const first = ingest.batch('h4', { after: 0, events: ev.list.slice(0, 1) });
        await waitFor('the first batch inside its transaction', async () => (await store.db.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ~ 'INSERT INTO events'`)).rows.length > 0, 10_000);
        const queued = Array.from({ length: MAX_QUEUED_PER_HALL }, () => ingest.batch('h4', { after: 0, events: ev.list }));
        await waitFor('the resends queued behind it', () => ingest.queuedBehind('h4') === MAX_QUEUED_PER_HALL, 10_000);
        await expect(ingest.batch('h4', { after: 0, events: ev.list })).rejects.toMatchObject({ status: 429, code: 'UPLINK_BUSY' });
        await letGo();
        expect(await first).toMatchObject({ ok: true, highWater: 1 });
        const acks = await Promise.all(queued);
        expect(acks.map((a) => a.highWater)).toEqual(Array(MAX_QUEUED_PER_HALL).fill(2));
      });
      expect(ingest.queuedBehind('h4')).toBe(0);
      expect((await ingest.batch('h4', { after: 2, events: [] })).highWater).toBe(2);
    });
  });
});
