/**
 * Ingest of one hall's batch: idempotent by (hall, seq), refused on a gap, and
 * committed in one transaction with the projections it moves.
 */
import type { UplinkAck, UplinkBatch } from '../../common/region.js';
import { newProjection, project, ticketIdsOf } from '../domain/projection.js';
import { inTx, type Pool } from '../store/db.js';
import { writeBatch } from '../store/batch-write.js';
import { lockStreamWithTickets, saveConfig, storedHeads } from '../store/ingest-repo.js';
import { recordProblem } from '../store/epoch-repo.js';
import { monthsOf, type Partitions } from '../store/partitions.js';
import { BatchGate } from './batch-gate.js';
import { RegionError } from './errors.js';

/** A hall clock may run ahead a little; an event dated further ahead is refused (it would also create far partitions). */
const MAX_CLOCK_AHEAD_MS = 24 * 3600_000;
/** The oldest an event may be: older ones are refused (a hall clock reset, or raw rows retention would drop at once). */
export const MAX_EVENT_AGE_DAYS = 400;

/** The earliest time an event may carry now: 400 days back, or the first day of the oldest month retention keeps. */
export function eventFloor(now: number, retentionMonths?: number): number {
  const byAge = now - MAX_EVENT_AGE_DAYS * 86_400_000;
  if (!retentionMonths) return byAge;
  const d = new Date(now);
  return Math.max(byAge, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - retentionMonths, 1));
}

/** A batch of at most this many events is a live one (a caught-up hall sends what its last second made): it goes before bulk batches. */
export const LIVE_BATCH = 50;

/**
 * Batches of one hall that may wait on a node behind the one being written. The hall's uplink
 * sends one batch at a time (a resend after a timeout may find the first still running), so
 * only a token holder sending in parallel meets this: more would each hold a parsed body of
 * up to 8 MB in memory for as long as the queue lasts.
 */
export const MAX_QUEUED_PER_HALL = 2;

/** PostgreSQL's "no partition of relation … found for row" (check_violation). */
const isNoPartition = (err: unknown) => (err as { code?: string })?.code === '23514' && /no partition/i.test(String((err as Error).message));

/**
 * A PostgreSQL data exception (SQLSTATE class 22: a value out of range, a character it cannot
 * hold, …) or 54001 (statement too complex: a value nested too deep) while writing a batch is
 * the batch's fault, not the store's: it fails the same way on every resend. The transaction
 * rolled back (nothing stored); the hall is told what PostgreSQL said, with 400, not a 503
 * that it would retry for ever.
 */
export function batchFault(err: unknown): RegionError | null {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string' || !(code.startsWith('22') || code === '54001')) return null;
  return new RegionError(400, 'INVALID_BATCH', `The region cannot store this batch (PostgreSQL ${code}: ${(err as Error).message}): nothing of it was stored; fix it at the hall`, { sqlState: code });
}

export class Ingest {
  constructor(
    private pool: Pool,
    private partitions: Partitions,
    /** Called after a commit that changed what the hall's live view shows. */
    private changed: (hallId: string) => void,
    /** Raw rows kept this many months before the current one (REGION_RETENTION_MONTHS); unset keeps all. */
    private retentionMonths?: number,
    /** Admission of batches to the pool (live before bulk); by default as many as the pool has connections, bulk ones two fewer. */
    private gate = new BatchGate(pool.options.max ?? 10),
  ) {}

  private perHall = new Map<string, { tail: Promise<void>; waiting: number }>();

  async batch(hallId: string, batch: UplinkBatch): Promise<UplinkAck> {
    let prev = batch.after;
    const latest = Date.now() + MAX_CLOCK_AHEAD_MS;
    const earliest = eventFloor(Date.now(), this.retentionMonths);
    for (const e of batch.events) {
      if (Date.parse(e.at) < earliest) {
        throw new RegionError(400, 'EVENT_TOO_OLD', `Event ${e.seq} is dated ${e.at}, before ${new Date(earliest).toISOString()} (the oldest the region takes: ${MAX_EVENT_AGE_DAYS} days, or the retention limit): check the hall's clock`, { seq: e.seq, earliest: new Date(earliest).toISOString() });
      }
      if (Date.parse(e.at) > latest) throw new RegionError(400, 'INVALID_BATCH', `Event ${e.seq} is dated ${e.at}, more than a day ahead of the region's clock: check the hall's clock`);
      if (e.seq <= prev) throw new RegionError(400, 'INVALID_BATCH', `Event seq ${e.seq} does not follow ${prev}: seqs must increase after "after"`);
      prev = e.seq;
    }
    if (batch.head && batch.head.seq < prev) {
      throw new RegionError(400, 'INVALID_BATCH', `The head ${batch.head.seq} is before the batch's last event ${prev}: the head is where the hall's log ends`);
    }
    const months = monthsOf(batch.events.map((e) => e.at));
    await this.partitions.ensure(months);
    if (this.queuedBehind(hallId) >= MAX_QUEUED_PER_HALL) {
      throw new RegionError(429, 'UPLINK_BUSY', `This hall already has ${MAX_QUEUED_PER_HALL} batches waiting on this node behind the one being written: send one batch at a time and wait for its answer`);
    }
    const live = batch.events.length <= LIVE_BATCH;
    const commit = () => this.oneAtATime(hallId, () => this.gate.run(live, () => this.commit(hallId, batch)));
    const ack = await commit().catch(async (err) => {
      // another node's retention dropped a month this node thought it had: check again and retry once
      if (!isNoPartition(err)) throw err;
      this.partitions.forget(months);
      await this.partitions.ensure(months);
      return commit();
    }).catch(async (err) => {
      if (err instanceof RegionError && err.code === 'UPLINK_DIVERGED') {
        // shown to the region admin, who can start a new epoch for the hall
        await recordProblem(this.pool, hallId, 'UPLINK_DIVERGED', Number(err.details?.seq ?? 1) - 1).catch(() => {});
        this.changed(hallId);
      }
      throw batchFault(err) ?? err;
    });
    if (ack.accepted > 0) this.changed(hallId);
    return ack;
  }

  /** Batches of this hall waiting on this node for an earlier one of the same hall. */
  queuedBehind(hallId: string): number {
    return this.perHall.get(hallId)?.waiting ?? 0;
  }

  /**
   * One batch of a hall at a time on this node. A second one (a resend after a timeout, or a
   * token holder sending in parallel) would only wait for the first's stream lock while holding
   * a gate slot and a connection that other halls need: it waits here instead, holding neither.
   */
  private oneAtATime<T>(hallId: string, fn: () => Promise<T>): Promise<T> {
    const entry = this.perHall.get(hallId) ?? { tail: Promise.resolve(), waiting: 0 };
    this.perHall.set(hallId, entry);
    entry.waiting++;
    const run = entry.tail.then(() => {
      entry.waiting--;
      return fn();
    });
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    entry.tail = tail;
    void tail.then(() => {
      if (entry.tail === tail) this.perHall.delete(hallId);
    });
    return run;
  }

  /** The hall told the region where its log ends: a log shorter than what the region has is a restored hall. */
  async reportHead(hallId: string, head: number, highWater: number): Promise<void> {
    if (head >= highWater) return;
    await recordProblem(this.pool, hallId, 'UPLINK_BEHIND', head);
    this.changed(hallId);
  }

  private commit(hallId: string, batch: UplinkBatch): Promise<UplinkAck> {
    return inTx(this.pool, async (c) => {
      // the live tickets of every event of the batch (a resent event's ticket is read but not moved)
      const { highWater, epoch, tickets } = await lockStreamWithTickets(c, hallId, ticketIdsOf(batch.events));
      if (batch.after > highWater) {
        throw new RegionError(409, 'UPLINK_GAP', `The region has this hall's events up to ${highWater}; send the events after it`, { expected: highWater });
      }
      const fresh = batch.events.filter((e) => e.seq > highWater);
      const resent = batch.events.filter((e) => e.seq <= highWater);
      const heads = await storedHeads(c, hallId, resent);
      for (const e of resent) {
        const h = heads.get(e.seq);
        if (h && (h.type !== e.type || h.at !== Date.parse(e.at))) {
          throw new RegionError(409, 'UPLINK_DIVERGED', `Event ${e.seq} differs from the one the region stored: the hall's log was replaced (restored from an older backup?)`, { seq: e.seq });
        }
      }
      const p = newProjection(tickets);
      for (const e of fresh) project(p, e);
      const last = fresh.at(-1);
      await writeBatch(c, hallId, fresh, p, epoch, { highWater: last ? last.seq : highWater, lastEventAt: last?.at ?? null, businessDay: p.businessDay, head: batch.head ?? null });
      const configVersion = batch.config ? await saveConfig(c, hallId, batch.config) : null;
      return { ok: true as const, highWater: last ? last.seq : highWater, accepted: fresh.length, duplicates: resent.length, configVersion };
    });
  }
}
