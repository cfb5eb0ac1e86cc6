/** The SQL of ingest: every function runs inside the batch's transaction. */
import type { RegionConfigSnapshot, UplinkEpoch, UplinkEvent } from '../../common/region.js';
import type { LiveTicket } from '../domain/projection.js';
import type { Client } from './db.js';

/** Locks the hall's stream row for this transaction and returns its high-water mark and epoch. */
export async function lockStream(c: Client, hallId: string): Promise<{ highWater: number; epoch: number }> {
  await c.query('INSERT INTO hall_uplink (hall_id) VALUES ($1) ON CONFLICT (hall_id) DO NOTHING', [hallId]);
  const r = await c.query('SELECT high_water, epoch FROM hall_uplink WHERE hall_id = $1 FOR UPDATE', [hallId]);
  return { highWater: Number(r.rows[0].high_water), epoch: Number(r.rows[0].epoch) };
}

/**
 * (seq, type, at) of the stored copies of resent events, to tell a resend from a
 * diverged log. Looked up within the resent events' time range first, so PostgreSQL
 * reads only the partitions of those months instead of every month the hall ever sent;
 * a seq not found there (its stored copy has another time: a replaced log) is looked up
 * across all partitions.
 */
export async function storedHeads(c: Client, hallId: string, resent: UplinkEvent[]): Promise<Map<number, { type: string; at: number }>> {
  if (!resent.length) return new Map();
  const times = resent.map((e) => Date.parse(e.at));
  const seqs = resent.map((e) => e.seq);
  const sql = 'SELECT seq, type, at FROM events WHERE hall_id = $1 AND seq = ANY($2::bigint[])';
  const toMap = (rows: any[]) => rows.map((x) => [Number(x.seq), { type: x.type as string, at: (x.at as Date).getTime() }] as const);
  const found = new Map(toMap((await c.query(`${sql} AND at BETWEEN $3 AND $4`, [hallId, seqs, new Date(Math.min(...times)), new Date(Math.max(...times))])).rows));
  const missing = seqs.filter((s) => !found.has(s));
  if (missing.length) for (const [k, v] of toMap((await c.query(sql, [hallId, missing])).rows)) found.set(k, v);
  return found;
}

/** A live ticket as the lock query returns it (JSON: times as text). */
type TicketJson = { ticketId: string; serviceId: string; businessDay: string; status: LiveTicket['status']; queuedAt: string; waitFrom: string | null; calledAt: string | null; servingAt: string | null; number: string | null; windowId: string | null };
/** A time of the JSON as ISO text; null when none or not a finite time ("infinity", stored before the projection checked hall-given times). */
const iso = (t: string | null): string | null => {
  const ms = t === null ? NaN : Date.parse(t);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
};

const TICKETS_JSON = `SELECT json_agg(json_build_object('ticketId', t.ticket_id, 'serviceId', t.service_id, 'businessDay', t.business_day, 'status', t.status,
              'queuedAt', t.queued_at, 'waitFrom', t.wait_from, 'calledAt', t.called_at, 'servingAt', t.serving_at, 'number', t.number, 'windowId', t.window_id))
       FROM live_tickets t WHERE t.hall_id = $1 AND t.ticket_id = ANY($2::text[])`;

/**
 * Locks the hall's stream row and, in the same round trip, reads the live tickets of
 * `ticketIds` (the batch refers to them). Creates the row on the hall's first batch.
 *
 * The tickets are read with the statement's snapshot, taken before the lock. When the
 * lock had to wait for another batch (or an epoch) of the same hall, that one committed
 * after the snapshot: the row comes back in its new version, the tickets as they were
 * before it. Then the row's version (xmin) differs from the one the snapshot saw, and
 * the tickets are read again in a statement of their own, which sees that commit.
 * This rests on a rule: whatever writes a hall's live tickets holds this lock and updates
 * the hall's hall_uplink row in the same transaction (a batch advances it, an epoch resets it).
 */
export async function lockStreamWithTickets(c: Client, hallId: string, ticketIds: string[]): Promise<{ highWater: number; epoch: number; tickets: LiveTicket[] }> {
  const sql = `SELECT u.high_water, u.epoch, u.xmin::text AS locked,
      (SELECT s.xmin::text FROM hall_uplink s WHERE s.hall_id = $1) AS seen,
      (${TICKETS_JSON}) AS tickets
    FROM hall_uplink u WHERE u.hall_id = $1 FOR UPDATE OF u`;
  let r = await c.query({ name: 'region-lock-stream', text: sql, values: [hallId, ticketIds] });
  if (!r.rows.length) {
    await c.query('INSERT INTO hall_uplink (hall_id) VALUES ($1) ON CONFLICT (hall_id) DO NOTHING', [hallId]);
    r = await c.query(sql, [hallId, ticketIds]);
  }
  const x = r.rows[0];
  // the lock waited for a commit the snapshot does not show: read the tickets as they are now
  const json = x.locked === x.seen ? x.tickets : (await c.query(TICKETS_JSON, [hallId, ticketIds])).rows[0].json_agg;
  const tickets = ((json ?? []) as TicketJson[]).map((t) => {
    const waitFrom = iso(t.waitFrom);
    const calledAt = iso(t.calledAt);
    // a place in the queue that is not a time: the ticket's wait start stands for it (the batch writes it back)
    const queuedAt = iso(t.queuedAt) ?? waitFrom ?? calledAt ?? iso(t.servingAt) ?? new Date(0).toISOString();
    return { ...t, queuedAt, waitFrom, calledAt, servingAt: iso(t.servingAt) };
  });
  return { highWater: Number(x.high_water), epoch: Number(x.epoch), tickets };
}

/** Stores the snapshot as a new version when it differs from the latest; returns the latest version. */
export async function saveConfig(c: Client, hallId: string, snapshot: RegionConfigSnapshot): Promise<number> {
  const last = await c.query('SELECT version, snapshot FROM hall_config WHERE hall_id = $1 ORDER BY version DESC LIMIT 1', [hallId]);
  const prev = last.rows[0];
  const same = await c.query('SELECT $1::jsonb = $2::jsonb AS same', [JSON.stringify(snapshot), prev ? JSON.stringify(prev.snapshot) : null]);
  if (prev && same.rows[0].same) return Number(prev.version);
  const version = prev ? Number(prev.version) + 1 : 1;
  await c.query('INSERT INTO hall_config (hall_id, version, snapshot) VALUES ($1, $2, $3)', [hallId, version, JSON.stringify(snapshot)]);
  await c.query('UPDATE halls SET name = $2, names = $3 WHERE id = $1', [hallId, snapshot.hallName, snapshot.hallNames ? JSON.stringify(snapshot.hallNames) : null]);
  return version;
}

export async function position(
  c: Client | { query: Client['query'] },
  hallId: string,
): Promise<{ highWater: number; configVersion: number | null; epoch: number; resync: boolean; proposed: boolean; lastEpoch: UplinkEpoch | null }> {
  // a request for a new epoch, and the hall's proposal, hold for an hour (EPOCH_REQUEST_TTL)
  const r = await c.query(
    `SELECT COALESCE(u.high_water, 0) AS hw, COALESCE(u.epoch, 0) AS epoch, u.last_epoch,
            COALESCE(u.resync_requested_at > now() - interval '1 hour', false) AS resync,
            COALESCE((u.proposal->>'expiresAt')::timestamptz > now(), false) AS proposed,
            (SELECT max(version) FROM hall_config WHERE hall_id = $1) AS v
     FROM (SELECT 1) one LEFT JOIN hall_uplink u ON u.hall_id = $1`,
    [hallId],
  );
  const x = r.rows[0];
  return { highWater: Number(x.hw), configVersion: x.v === null ? null : Number(x.v), epoch: Number(x.epoch), resync: x.resync === true, proposed: x.proposed === true, lastEpoch: x.last_epoch ?? null };
}
