/**
 * Resolving a hall restored from an older backup (UPLINK_BEHIND / UPLINK_DIVERGED).
 *
 * 1. A region admin asks for a new epoch (`request`, audited). Nothing changes yet.
 * 2. The hall's uplink sees `resync` in its position (for an hour), finds the last event its
 *    log shares with the region's (comparing the region's stored heads with its own) and
 *    PROPOSES that common point (`propose`): the region refuses one below what the hall itself
 *    reported (the head it reported when BEHIND, the diverged seq − 1), and stores the proposal
 *    with how many events and which dates it would set aside. Nothing changes yet.
 * 3. A region admin sees the proposal and CONFIRMS it within the hour, naming the common point
 *    seen (`confirm`, audited with the proposing token's fingerprint). Then, in one transaction: the region's events after the common point move to
 *    superseded_events (kept under the old epoch, no longer counted); the projections
 *    of the business days they touched are recomputed from the events that remain
 *    (from two days before the first superseded event, so a ticket issued earlier
 *    keeps its counts); the high-water mark goes back to the common point; the hall
 *    then streams its own log from there as usual.
 */
import type { UplinkEpoch } from '../../common/region.js';
import { newProjection, project } from '../domain/projection.js';
import { writeAudit } from '../store/admin-repo.js';
import { inTx, type Pool } from '../store/db.js';
import { eventsToReplay, finishEpoch, requestResync, resetProjections, saveProposal, storedHeadsOf, streamState, supersede, wouldSupersede, type EpochProposal } from '../store/epoch-repo.js';
import { writeProjection } from '../store/batch-write.js';
import { lockStream } from '../store/ingest-repo.js';
import { AuthRepo, type RegionUser } from '../store/auth-repo.js';
import { RegionError } from './errors.js';
import { MAX_EVENT_AGE_DAYS } from './ingest.js';

const DAY = 86_400_000;
const REPLAY_CHUNK = 5000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export class Epochs {
  constructor(
    private pool: Pool,
    private changed: (hallId: string) => void,
  ) {}

  async request(actor: RegionUser, hallId: string): Promise<void> {
    await inTx(this.pool, async (c) => {
      if (!(await new AuthRepo(c).hallExists(hallId))) throw new RegionError(404, 'HALL_NOT_FOUND', `No hall ${hallId}`);
      await requestResync(c, hallId, actor.username);
      await writeAudit(c, actor.username, 'hall.resync_requested', hallId);
    });
    this.changed(hallId);
  }

  /** The region's stored (seq, type, at) of these events of the hall. */
  heads(hallId: string, seqs: number[]) {
    return storedHeadsOf(this.pool, hallId, seqs);
  }

  /** The hall (token `tokenFp`) proposes a common point; the region stores what it would set aside, for an admin to confirm. */
  async propose(hallId: string, commonPoint: number, tokenFp: string): Promise<EpochProposal> {
    const result = await inTx(this.pool, async (c) => {
      const { highWater } = await lockStream(c, hallId);
      const st = await streamState(c, hallId);
      if (!st.resync) throw new RegionError(409, 'RESYNC_NOT_REQUESTED', 'No region admin asked this hall to start a new epoch (or the request is more than an hour old)');
      if (commonPoint > highWater) throw new RegionError(409, 'INVALID_EPOCH', `The region has this hall's events only up to ${highWater}`, { expected: highWater });
      if (commonPoint < st.floor) {
        throw new RegionError(409, 'INVALID_EPOCH', `The hall reported its log reaches ${st.floor}: it cannot propose a common point below that`, { expected: st.floor });
      }
      const w = await wouldSupersede(c, hallId, commonPoint);
      const proposal = await saveProposal(c, hallId, { commonPoint, superseded: w.count, from: w.from, to: w.to, proposedBy: tokenFp });
      await writeAudit(c, `token:${tokenFp}`, 'hall.epoch_proposed', hallId, { commonPoint, superseded: w.count, from: w.from, to: w.to });
      return proposal;
    });
    this.changed(hallId);
    return result;
  }

  /** A region admin confirms the hall's proposal (the common point they saw): the new epoch starts. */
  async confirm(actor: RegionUser, hallId: string, commonPoint: number): Promise<UplinkEpoch & { highWater: number }> {
    const result = await inTx(this.pool, async (c) => {
      if (!(await new AuthRepo(c).hallExists(hallId))) throw new RegionError(404, 'HALL_NOT_FOUND', `No hall ${hallId}`);
      const { highWater } = await lockStream(c, hallId);
      const st = await streamState(c, hallId);
      const p = st.proposal;
      if (!p) throw new RegionError(409, 'NO_EPOCH_PROPOSAL', 'The hall has not proposed a common point (or its proposal is more than an hour old): ask for a new epoch again');
      if (p.commonPoint !== commonPoint) {
        throw new RegionError(409, 'PROPOSAL_CHANGED', `The hall's proposal changed (common point ${p.commonPoint}, not ${commonPoint}): look at it again`, { expected: p.commonPoint });
      }
      if (commonPoint > highWater || commonPoint < st.floor) throw new RegionError(409, 'INVALID_EPOCH', 'The proposal no longer fits the hall\'s stream: ask for a new epoch again');
      const epoch = st.epoch + 1;
      const moved = await supersede(c, hallId, commonPoint, st.epoch);
      if (moved.earliest) {
        // capped: days older than the ingest floor keep what they counted (their raw events may be gone)
        const from = Math.max(moved.earliest.getTime(), Date.now() - MAX_EVENT_AGE_DAYS * DAY);
        const cutoffDay = day(from - 2 * DAY);
        const replayFrom = new Date(from - 4 * DAY);
        await resetProjections(c, hallId, commonPoint, cutoffDay, day(replayFrom.getTime()));
        const p = newProjection([]);
        for (let after = 0; ; ) {
          const events = await eventsToReplay(c, hallId, replayFrom, after, commonPoint, REPLAY_CHUNK);
          for (const e of events) project(p, e);
          if (events.length < REPLAY_CHUNK) break;
          after = events[events.length - 1].seq;
        }
        // only the days recomputed are written; older days keep what they counted; ratings of kept events are kept
        for (const [k, d] of p.daily) if (d.businessDay < cutoffDay) p.daily.delete(k);
        p.samples = p.samples.filter((s) => s.businessDay >= cutoffDay);
        p.ratings = [];
        for (const id of [...p.changedTickets]) if (p.tickets.get(id)!.businessDay < day(replayFrom.getTime())) p.changedTickets.delete(id);
        await writeProjection(c, hallId, p);
      }
      const info: UplinkEpoch = { epoch, commonPoint, superseded: moved.count, at: new Date().toISOString(), requestedBy: actor.username };
      await finishEpoch(c, hallId, commonPoint, epoch, info);
      await writeAudit(c, actor.username, 'hall.epoch_started', hallId, {
        epoch, commonPoint, superseded: moved.count, previousHighWater: highWater, proposedBy: `token:${p.proposedBy}`, requestedBy: st.requestedBy,
      });
      return { ...info, highWater: commonPoint };
    });
    this.changed(hallId);
    return result;
  }
}
