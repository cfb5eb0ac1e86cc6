/** The SQL of ingest: every function runs inside the batch's transaction. */
import type { RegionConfigSnapshot, UplinkEpoch, UplinkEvent } from '../../common/region.js';
import type { LiveTicket, Projection } from '../domain/projection.js';
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

/**
 * The batch's events in one statement. Every multi-row statement here takes its rows as
 * one JSON array (json_to_recordset): PostgreSQL parses it once, where a text[] per column
 * made the node escape every element (the JSON data twice) and PostgreSQL unescape it.
 */
export async function insertEvents(c: Client, hallId: string, events: UplinkEvent[]): Promise<void> {
  if (!events.length) return;
  await c.query(
    `INSERT INTO events (hall_id, seq, at, type, window_id, ticket_id, data)
     SELECT $1, x.seq, x.at, x.type, x."windowId", x."ticketId", x.data
     FROM json_to_recordset($2::json) AS x(seq bigint, at timestamptz, type text, "windowId" text, "ticketId" text, data jsonb)`,
    [hallId, JSON.stringify(events.map((e) => ({ seq: e.seq, at: e.at, type: e.type, windowId: e.windowId, ticketId: e.ticketId, data: e.data })))],
  );
}

export async function loadTickets(c: Client, hallId: string, ids: string[]): Promise<LiveTicket[]> {
  if (!ids.length) return [];
  const r = await c.query(
    'SELECT ticket_id, service_id, business_day, status, queued_at, called_at, serving_at, number, window_id FROM live_tickets WHERE hall_id = $1 AND ticket_id = ANY($2::text[])',
    [hallId, ids],
  );
  return r.rows.map((x) => ({
    ticketId: x.ticket_id,
    serviceId: x.service_id,
    businessDay: x.business_day,
    status: x.status,
    queuedAt: (x.queued_at as Date).toISOString(),
    calledAt: x.called_at ? (x.called_at as Date).toISOString() : null,
    servingAt: x.serving_at ? (x.serving_at as Date).toISOString() : null,
    number: x.number ?? null,
    windowId: x.window_id ?? null,
  }));
}

/** Writes what the batch moved: live tickets, windows, alerts and the daily aggregates. */
export async function writeProjection(c: Client, hallId: string, p: Projection, epoch = 0): Promise<void> {
  const tickets = [...p.changedTickets].map((id) => p.tickets.get(id)!);
  if (tickets.length) {
    await c.query(
      `INSERT INTO live_tickets (hall_id, ticket_id, service_id, business_day, status, queued_at, called_at, serving_at, number, window_id)
       SELECT $1, x."ticketId", x."serviceId", x."businessDay", x.status, x."queuedAt", x."calledAt", x."servingAt", x.number, x."windowId"
       FROM json_to_recordset($2::json) AS x("ticketId" text, "serviceId" text, "businessDay" text, status text, "queuedAt" timestamptz,
            "calledAt" timestamptz, "servingAt" timestamptz, number text, "windowId" text)
       ON CONFLICT (hall_id, ticket_id) DO UPDATE SET status = EXCLUDED.status, queued_at = EXCLUDED.queued_at,
         called_at = EXCLUDED.called_at, serving_at = EXCLUDED.serving_at, window_id = EXCLUDED.window_id`,
      [hallId, JSON.stringify(tickets)],
    );
  }
  if (p.samples.length) {
    await c.query(
      `INSERT INTO ticket_samples (hall_id, seq, kind, business_day, service_id, seconds, at)
       SELECT $1, x.seq, x.kind, x."businessDay", x."serviceId", x.seconds, x.at
       FROM json_to_recordset($2::json) AS x(seq bigint, kind char, "businessDay" text, "serviceId" text, seconds float8, at timestamptz)
       ON CONFLICT DO NOTHING`,
      [hallId, JSON.stringify(p.samples)],
    );
  }
  if (p.ratings.length) {
    await c.query(
      `INSERT INTO ratings (hall_id, seq, at, business_day, service_id, window_id, grade, reasons, source, epoch)
       SELECT $1, x.seq, x.at, x."businessDay", x."serviceId", x."windowId", x.grade, x.reasons, x.source, $3
       FROM json_to_recordset($2::json) AS x(seq bigint, at timestamptz, "businessDay" text, "serviceId" text, "windowId" text, grade smallint,
            reasons text[], source text)
       ON CONFLICT DO NOTHING`,
      [hallId, JSON.stringify(p.ratings), epoch],
    );
  }
  if (p.windows.size) {
    await c.query(
      `INSERT INTO live_windows (hall_id, window_id, status) SELECT $1, * FROM unnest($2::text[], $3::text[])
       ON CONFLICT (hall_id, window_id) DO UPDATE SET status = EXCLUDED.status`,
      [hallId, [...p.windows.keys()], [...p.windows.values()]],
    );
  }
  if (p.alertsResolved.size) {
    await c.query('DELETE FROM live_alerts WHERE hall_id = $1 AND key = ANY($2::text[])', [hallId, [...p.alertsResolved]]);
  }
  if (p.alertsRaised.size) {
    const raised = [...p.alertsRaised];
    await c.query(
      `INSERT INTO live_alerts (hall_id, key, kind, raised_at) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::timestamptz[])
       ON CONFLICT (hall_id, key) DO NOTHING`,
      [hallId, raised.map(([k]) => k), raised.map(([, a]) => a.kind), raised.map(([, a]) => a.at)],
    );
  }
  const daily = [...p.daily.values()];
  if (daily.length) {
    await c.query(
      `INSERT INTO daily_service AS d (hall_id, business_day, service_id, issued, served, no_shows, cancelled, transferred, waits, wait_seconds, ratings)
       SELECT $1, x."businessDay", x."serviceId", x.issued, x.served, x."noShows", x.cancelled, x.transferred, x.waits, x."waitSeconds", x.ratings
       FROM json_to_recordset($2::json) AS x("businessDay" text, "serviceId" text, issued int, served int, "noShows" int, cancelled int,
            transferred int, waits int, "waitSeconds" float8, ratings int[])
       ON CONFLICT (hall_id, business_day, service_id) DO UPDATE SET
         issued = d.issued + EXCLUDED.issued, served = d.served + EXCLUDED.served, no_shows = d.no_shows + EXCLUDED.no_shows,
         cancelled = d.cancelled + EXCLUDED.cancelled, transferred = d.transferred + EXCLUDED.transferred,
         waits = d.waits + EXCLUDED.waits, wait_seconds = d.wait_seconds + EXCLUDED.wait_seconds,
         ratings = ARRAY[d.ratings[1] + EXCLUDED.ratings[1], d.ratings[2] + EXCLUDED.ratings[2], d.ratings[3] + EXCLUDED.ratings[3],
                         d.ratings[4] + EXCLUDED.ratings[4], d.ratings[5] + EXCLUDED.ratings[5]]`,
      [hallId, JSON.stringify(daily)],
    );
  }
}

export async function advanceStream(c: Client, hallId: string, highWater: number, lastEventAt: string | null, businessDay: string | null): Promise<void> {
  await c.query(
    // events taken after the high-water mark: whatever problem the stream had is over
    `UPDATE hall_uplink SET high_water = $2, last_received_at = now(),
       problem = CASE WHEN $2 > high_water THEN NULL ELSE problem END,
       problem_at = CASE WHEN $2 > high_water THEN NULL ELSE problem_at END,
       last_event_at = COALESCE($3::timestamptz, last_event_at),
       business_day = GREATEST(COALESCE(business_day, ''), COALESCE($4::text, '')) WHERE hall_id = $1`,
    [hallId, highWater, lastEventAt, businessDay],
  );
}

/** Stores the snapshot as a new version when it differs from the latest; returns the latest version. */
export async function saveConfig(c: Client, hallId: string, snapshot: RegionConfigSnapshot): Promise<number> {
  const last = await c.query('SELECT version, snapshot FROM hall_config WHERE hall_id = $1 ORDER BY version DESC LIMIT 1', [hallId]);
  const prev = last.rows[0];
  const same = await c.query('SELECT $1::jsonb = $2::jsonb AS same', [JSON.stringify(snapshot), prev ? JSON.stringify(prev.snapshot) : null]);
  if (prev && same.rows[0].same) return Number(prev.version);
  const version = prev ? Number(prev.version) + 1 : 1;
  await c.query('INSERT INTO hall_config (hall_id, version, snapshot) VALUES ($1, $2, $3)', [hallId, version, JSON.stringify(snapshot)]);
  await c.query('UPDATE halls SET name = $2 WHERE id = $1', [hallId, snapshot.hallName]);
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
