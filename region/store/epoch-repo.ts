/** The SQL of a hall's new epoch (see migration 005): problems, requests, heads, superseding and recomputing. */
import type { EpochProposalView, UplinkEvent, UplinkProblem } from '../../common/region.js';
import type { Client, Pool } from './db.js';

type Q = Pick<Client, 'query'> | Pool;

/** Notes why the hall's log was refused (outside the refused batch's transaction). */
export async function recordProblem(c: Q, hallId: string, problem: UplinkProblem, floor: number): Promise<void> {
  // the floor only goes down: the lowest point the hall itself reported bounds what it may later propose
  await c.query(
    `INSERT INTO hall_uplink (hall_id, problem, problem_at, problem_floor) VALUES ($1, $2, now(), $3)
     ON CONFLICT (hall_id) DO UPDATE SET problem = $2, problem_at = COALESCE(hall_uplink.problem_at, now()),
       problem_floor = LEAST(hall_uplink.problem_floor, $3)
     WHERE hall_uplink.problem IS DISTINCT FROM $2 OR hall_uplink.problem_floor IS NULL OR hall_uplink.problem_floor > $3`,
    [hallId, problem, floor],
  );
}

/** How long an admin's request for a new epoch, and a hall's proposal, stay valid. */
export const EPOCH_REQUEST_TTL = '1 hour';

export async function requestResync(c: Q, hallId: string, by: string): Promise<void> {
  await c.query(
    `INSERT INTO hall_uplink (hall_id, resync_requested_at, resync_requested_by) VALUES ($1, now(), $2)
     ON CONFLICT (hall_id) DO UPDATE SET resync_requested_at = now(), resync_requested_by = $2, proposal = NULL`,
    [hallId, by],
  );
}

/** What the hall proposes: set aside its events after `commonPoint` (stored with what that means, for the admin to confirm). */
export interface EpochProposal extends EpochProposalView {
  /** Fingerprint of the hall token that proposed it. */
  proposedBy: string;
}

/** What setting aside the hall's events after `commonPoint` would touch. */
export async function wouldSupersede(c: Q, hallId: string, commonPoint: number): Promise<{ count: number; from: string | null; to: string | null }> {
  const r = await c.query('SELECT count(*)::int AS n, min(at) AS lo, max(at) AS hi FROM events WHERE hall_id = $1 AND seq > $2', [hallId, commonPoint]);
  const x = r.rows[0];
  return { count: x.n, from: x.lo ? (x.lo as Date).toISOString() : null, to: x.hi ? (x.hi as Date).toISOString() : null };
}

export async function saveProposal(c: Q, hallId: string, p: Omit<EpochProposal, 'proposedAt' | 'expiresAt'>): Promise<EpochProposal> {
  const r = await c.query(
    `UPDATE hall_uplink SET proposal = jsonb_build_object('proposedAt', now(), 'expiresAt', now() + interval '${EPOCH_REQUEST_TTL}') || $2::jsonb
     WHERE hall_id = $1 RETURNING proposal`,
    [hallId, JSON.stringify(p)],
  );
  const x = r.rows[0].proposal;
  return { ...p, proposedAt: new Date(x.proposedAt).toISOString(), expiresAt: new Date(x.expiresAt).toISOString() };
}

/** The hall's stream: epoch, whether an unexpired request is pending, the floor its reports allow, an unexpired proposal. */
export async function streamState(c: Q, hallId: string): Promise<{ epoch: number; resync: boolean; requestedBy: string | null; floor: number; proposal: EpochProposal | null }> {
  const r = await c.query(
    `SELECT epoch, resync_requested_by, COALESCE(problem_floor, high_water, 0) AS floor,
       resync_requested_at > now() - interval '${EPOCH_REQUEST_TTL}' AS resync,
       CASE WHEN (proposal->>'expiresAt')::timestamptz > now() THEN proposal END AS proposal
     FROM hall_uplink WHERE hall_id = $1`,
    [hallId],
  );
  const x = r.rows[0];
  return { epoch: Number(x?.epoch ?? 0), resync: x?.resync === true, requestedBy: x?.resync_requested_by ?? null, floor: Number(x?.floor ?? 0), proposal: x?.proposal ?? null };
}

export async function storedHeadsOf(c: Q, hallId: string, seqs: number[]): Promise<{ seq: number; type: string; at: string }[]> {
  const r = await c.query('SELECT seq, type, at FROM events WHERE hall_id = $1 AND seq = ANY($2::bigint[]) ORDER BY seq', [hallId, seqs]);
  return r.rows.map((x) => ({ seq: Number(x.seq), type: x.type, at: (x.at as Date).toISOString() }));
}

/** Moves the hall's events after `commonPoint` into superseded_events under `epoch`; returns how many and the earliest time. */
export async function supersede(c: Client, hallId: string, commonPoint: number, epoch: number): Promise<{ count: number; earliest: Date | null }> {
  const r = await c.query(
    `WITH moved AS (DELETE FROM events WHERE hall_id = $1 AND seq > $2 RETURNING *)
     INSERT INTO superseded_events (hall_id, epoch, seq, at, type, window_id, ticket_id, data, received_at)
     SELECT hall_id, $3, seq, at, type, window_id, ticket_id, data, received_at FROM moved
     RETURNING at`,
    [hallId, commonPoint, epoch],
  );
  const times = r.rows.map((x) => (x.at as Date).getTime());
  return { count: r.rowCount ?? 0, earliest: times.length ? new Date(Math.min(...times)) : null };
}

/**
 * Forgets what is to be recomputed: the projections of business days from `cutoffDay`
 * (daily aggregates only of months whose events partition still exists),
 * every sample and rating of a superseded event, the live tickets from `liveFromDay`,
 * and the hall's window and alert states (rebuilt by the replay). Each rating forgotten is
 * retracted in the ratings feed (rating_retractions, migration 009), in this transaction.
 */
export async function resetProjections(c: Client, hallId: string, commonPoint: number, cutoffDay: string, liveFromDay: string): Promise<void> {
  // never the aggregates of a month whose raw events retention dropped: nothing could rebuild them
  await c.query(
    `DELETE FROM daily_service WHERE hall_id = $1 AND business_day >= $2
       AND to_regclass(format('%I', 'events_y' || substr(business_day, 1, 4) || 'm' || substr(business_day, 6, 2))) IS NOT NULL`,
    [hallId, cutoffDay],
  );
  await c.query('DELETE FROM ticket_samples WHERE hall_id = $1 AND (business_day >= $2 OR seq > $3)', [hallId, cutoffDay, commonPoint]);
  await c.query(
    `WITH gone AS (DELETE FROM ratings WHERE hall_id = $1 AND seq > $2 RETURNING hall_id, seq, epoch, at, business_day)
     INSERT INTO rating_retractions (hall_id, seq, epoch, rated_at, business_day) SELECT hall_id, seq, epoch, at, business_day FROM gone
     ON CONFLICT DO NOTHING`,
    [hallId, commonPoint],
  );
  await c.query('DELETE FROM live_tickets WHERE hall_id = $1 AND business_day >= $2', [hallId, liveFromDay]);
  await c.query('DELETE FROM live_windows WHERE hall_id = $1', [hallId]);
  await c.query('DELETE FROM live_alerts WHERE hall_id = $1', [hallId]);
}

/** Up to `limit` stored events of the hall after `afterSeq` up to `maxSeq`, from time `from`, in seq order. */
export async function eventsToReplay(c: Client, hallId: string, from: Date, afterSeq: number, maxSeq: number, limit: number): Promise<UplinkEvent[]> {
  const r = await c.query(
    `SELECT seq, at, type, window_id, ticket_id, data FROM events
     WHERE hall_id = $1 AND at >= $2 AND seq > $3 AND seq <= $4 ORDER BY seq LIMIT $5`,
    [hallId, from, afterSeq, maxSeq, limit],
  );
  return r.rows.map((x) => ({ seq: Number(x.seq), at: (x.at as Date).toISOString(), type: x.type, windowId: x.window_id, ticketId: x.ticket_id, data: x.data }));
}

/** The stream after the new epoch: high-water at the common point, request and problem cleared. */
export async function finishEpoch(c: Client, hallId: string, commonPoint: number, epoch: number, info: object): Promise<void> {
  await c.query(
    `UPDATE hall_uplink SET high_water = $2, epoch = $3, last_epoch = $4, problem = NULL, problem_at = NULL, problem_floor = NULL, proposal = NULL,
       resync_requested_at = NULL, resync_requested_by = NULL,
       last_event_at = (SELECT max(at) FROM events WHERE hall_id = $1 AND seq = $2),
       business_day = (SELECT max(business_day) FROM daily_service WHERE hall_id = $1 AND issued > 0)
     WHERE hall_id = $1`,
    [hallId, commonPoint, epoch, JSON.stringify(info)],
  );
}
