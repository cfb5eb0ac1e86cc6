/**
 * What a batch writes: its fresh events (a bulk batch's by COPY, PostgreSQL's bulk path, with the
 * samples and ratings they made), and in ONE statement the projections they move (live tickets, samples, ratings, windows, alerts, daily aggregates)
 * and the stream's new high-water mark, as data-modifying CTEs (PostgreSQL runs each exactly
 * once, all in the statement's snapshot; no two touch the same table). Projection rows travel as
 * JSON arrays (jsonb_to_recordset: parsed once into jsonb when the parameter is bound;
 * json_to_recordset re-parsed each object's text and cost ~15 % more of PostgreSQL's time per
 * event). Two round trips instead of one per table: under load every round trip waits for a
 * core again. Runs inside the batch's transaction.
 */
import type { UplinkEvent, UplinkHead } from '../../common/region.js';
import type { Projection } from '../domain/projection.js';
import { copyField, copyIn } from './copy-in.js';
import type { Client } from './db.js';

/**
 * The projection's CTEs and their parameters, numbered from `$first`; `$1` is the hall.
 * `fresh`: every event is after the stream's high-water mark, read under its lock. Samples and
 * ratings are keyed by the seq of the event that made them, and none exists above the high-water
 * mark (a batch advances it with them; a new epoch deletes those above its common point), so they
 * are plain inserts: ON CONFLICT's speculative insertion (a probe and an extra WAL record per row)
 * cost ~30 % of their time. A conflict would be a broken invariant and fails the batch. An epoch's
 * replay (not fresh) re-derives samples that may exist and skips those.
 */
function projectionCtes(p: Projection, epoch: number, first: number, fresh: boolean, copied = false): { ctes: string[]; params: unknown[] } {
  const skipStored = fresh ? '' : '\n       ON CONFLICT DO NOTHING';
  const params: unknown[] = [];
  const $ = (v: unknown, cast: string) => (params.push(v), `$${first + params.length - 1}::${cast}`);
  const tickets = [...p.changedTickets].map((id) => p.tickets.get(id)!);
  const ctes = [
    `live_t AS (INSERT INTO live_tickets (hall_id, ticket_id, service_id, business_day, status, queued_at, wait_from, called_at, serving_at, number, window_id)
       SELECT $1, x."ticketId", x."serviceId", x."businessDay", x.status, x."queuedAt", x."waitFrom", x."calledAt", x."servingAt", x.number, x."windowId"
       FROM jsonb_to_recordset(${$(JSON.stringify(tickets), 'jsonb')}) AS x("ticketId" text, "serviceId" text, "businessDay" text, status text,
            "queuedAt" timestamptz, "waitFrom" timestamptz, "calledAt" timestamptz, "servingAt" timestamptz, number text, "windowId" text)
       ON CONFLICT (hall_id, ticket_id) DO UPDATE SET status = EXCLUDED.status, queued_at = EXCLUDED.queued_at, wait_from = EXCLUDED.wait_from,
         called_at = EXCLUDED.called_at, serving_at = EXCLUDED.serving_at, window_id = EXCLUDED.window_id)`,
    ...(copied ? [] : [`samples AS (INSERT INTO ticket_samples (hall_id, seq, kind, business_day, service_id, seconds, at)
       SELECT $1, x.seq, x.kind, x."businessDay", x."serviceId", x.seconds, x.at
       FROM jsonb_to_recordset(${$(JSON.stringify(p.samples), 'jsonb')}) AS x(seq bigint, kind char, "businessDay" text, "serviceId" text, seconds float8, at timestamptz)${skipStored})`]),
    ...(copied ? [] : [`rated AS (INSERT INTO ratings (hall_id, seq, at, business_day, service_id, window_id, grade, reasons, source, epoch)
       SELECT $1, x.seq, x.at, x."businessDay", x."serviceId", x."windowId", x.grade, x.reasons, x.source, ${$(epoch, 'int')}
       FROM jsonb_to_recordset(${$(JSON.stringify(p.ratings), 'jsonb')}) AS x(seq bigint, at timestamptz, "businessDay" text, "serviceId" text,
            "windowId" text, grade smallint, reasons text[], source text)${skipStored})`]),
    `wins AS (INSERT INTO live_windows (hall_id, window_id, status)
       SELECT $1, x.key, x.value FROM json_each_text(${$(JSON.stringify(Object.fromEntries(p.windows)), 'json')}) AS x
       ON CONFLICT (hall_id, window_id) DO UPDATE SET status = EXCLUDED.status)`,
    // the keys resolved and the keys raised are disjoint (the projection keeps the last of each key)
    `resolved AS (DELETE FROM live_alerts WHERE hall_id = $1 AND key IN (SELECT json_array_elements_text(${$(JSON.stringify([...p.alertsResolved]), 'json')})))`,
    `raised AS (INSERT INTO live_alerts (hall_id, key, kind, raised_at)
       SELECT $1, x.key, x.kind, x.at FROM jsonb_to_recordset(${$(JSON.stringify([...p.alertsRaised].map(([key, a]) => ({ key, kind: a.kind, at: a.at }))), 'jsonb')})
            AS x(key text, kind text, at timestamptz)
       ON CONFLICT (hall_id, key) DO NOTHING)`,
    `daily AS (INSERT INTO daily_service AS d (hall_id, business_day, service_id, issued, served, no_shows, cancelled, transferred, restored, remote, expired, waits, wait_seconds, ratings)
       SELECT $1, x."businessDay", x."serviceId", x.issued, x.served, x."noShows", x.cancelled, x.transferred, x.restored, x.remote, x.expired, x.waits, x."waitSeconds", x.ratings
       FROM jsonb_to_recordset(${$(JSON.stringify([...p.daily.values()]), 'jsonb')}) AS x("businessDay" text, "serviceId" text, issued int, served int,
            "noShows" int, cancelled int, transferred int, restored int, remote int, expired int, waits int, "waitSeconds" float8, ratings int[])
       ON CONFLICT (hall_id, business_day, service_id) DO UPDATE SET
         issued = d.issued + EXCLUDED.issued, served = d.served + EXCLUDED.served, no_shows = d.no_shows + EXCLUDED.no_shows,
         cancelled = d.cancelled + EXCLUDED.cancelled, transferred = d.transferred + EXCLUDED.transferred,
         restored = d.restored + EXCLUDED.restored, remote = d.remote + EXCLUDED.remote, expired = d.expired + EXCLUDED.expired,
         waits = d.waits + EXCLUDED.waits, wait_seconds = d.wait_seconds + EXCLUDED.wait_seconds,
         ratings = ARRAY[d.ratings[1] + EXCLUDED.ratings[1], d.ratings[2] + EXCLUDED.ratings[2], d.ratings[3] + EXCLUDED.ratings[3],
                         d.ratings[4] + EXCLUDED.ratings[4], d.ratings[5] + EXCLUDED.ratings[5]])`,
  ];
  return { ctes, params };
}

/** Writes what a projection moved (live tickets, samples, ratings, windows, alerts, daily aggregates). */
export async function writeProjection(c: Client, hallId: string, p: Projection, epoch = 0): Promise<void> {
  const { ctes, params } = projectionCtes(p, epoch, 2, false);
  await c.query(`WITH ${ctes.join(',\n')} SELECT 1`, [hallId, ...params]);
}

/** The stream after the batch: its high-water mark, when it was last heard of, the hall's business day. */
export interface StreamAdvance {
  highWater: number;
  lastEventAt: string | null;
  businessDay: string | null;
  /** Where the hall's own log ends, as its uplink sent it with the batch (none from older halls). */
  head: UplinkHead | null;
}

/** Events as `COPY events` rows (text format). */
const EVENT_COLUMNS = 'hall_id, seq, at, type, window_id, ticket_id, data';
function eventRows(hallId: string, events: UplinkEvent[]): string {
  const hall = copyField(hallId);
  let out = '';
  for (const e of events) out += `${hall}\t${e.seq}\t${copyField(e.at)}\t${copyField(e.type)}\t${copyField(e.windowId)}\t${copyField(e.ticketId)}\t${copyField(JSON.stringify(e.data))}\n`;
  return out;
}

/** Samples as `COPY ticket_samples` rows. */
const SAMPLE_COLUMNS = 'hall_id, seq, kind, business_day, service_id, seconds, at';
function sampleRows(hallId: string, p: Projection): string {
  const hall = copyField(hallId);
  let out = '';
  for (const x of p.samples) out += `${hall}\t${x.seq}\t${x.kind}\t${copyField(x.businessDay)}\t${copyField(x.serviceId)}\t${x.seconds}\t${copyField(x.at)}\n`;
  return out;
}

/** Ratings as `COPY ratings` rows (feed_xid: the column's default, this transaction). */
const RATING_COLUMNS = 'hall_id, seq, at, business_day, service_id, window_id, grade, reasons, source, epoch';
function ratingRows(hallId: string, p: Projection, epoch: number): string {
  const hall = copyField(hallId);
  let out = '';
  for (const x of p.ratings) {
    out += `${hall}\t${x.seq}\t${copyField(x.at)}\t${copyField(x.businessDay)}\t${copyField(x.serviceId)}\t${copyField(x.windowId)}\t${x.grade}\t${copyField(arrayLiteral(x.reasons))}\t${copyField(x.source)}\t${epoch}\n`;
  }
  return out;
}

/** A text[] literal: every element double-quoted, its quotes and backslashes escaped (then the COPY field escapes again). */
export function arrayLiteral(xs: string[]): string {
  return `{${xs.map((x) => `"${x.replace(/["\\]/g, (ch) => `\\${ch}`)}"`).join(',')}}`;
}

/**
 * Below this many fresh events a batch's events go into the one statement (a live batch: a
 * caught-up hall's last second) instead of a COPY of their own. A COPY is two more round trips,
 * each waiting for a core on a loaded machine: on the live path that lengthened the dashboard
 * lag p99 (3.2 s against 1.5 s at load 12); for a bulk batch it saves PostgreSQL ~5 µs per event.
 */
export const COPY_MIN_EVENTS = 51;

/**
 * Stores the batch's fresh events (a bulk batch by `COPY`, PostgreSQL's bulk path, with its samples
 * and ratings; a live one as a CTE of the statement) and, in one statement, the rest of the projection
 * they moved (the upserts), the stream's advance
 * and the hall's head (in the batch's transaction: no commit of its own per batch).
 */
export async function writeBatch(c: Client, hallId: string, events: UplinkEvent[], p: Projection, epoch: number, s: StreamAdvance): Promise<void> {
  const copied = events.length >= COPY_MIN_EVENTS;
  if (copied) {
    // a bulk batch's plain inserts go by COPY: its events, and the samples and ratings they made
    // (each a plain insert, see projectionCtes); the upserts stay in the statement
    await copyIn(c, `COPY events (${EVENT_COLUMNS}) FROM STDIN`, eventRows(hallId, events));
    if (p.samples.length) await copyIn(c, `COPY ticket_samples (${SAMPLE_COLUMNS}) FROM STDIN`, sampleRows(hallId, p));
    if (p.ratings.length) await copyIn(c, `COPY ratings (${RATING_COLUMNS}) FROM STDIN`, ratingRows(hallId, p, epoch));
  }
  const first = copied ? 8 : 9;
  const { ctes, params } = projectionCtes(p, epoch, first, true, copied);
  const stored = copied
    ? []
    : [
        `stored AS (INSERT INTO events (${EVENT_COLUMNS})
       SELECT $1, x.seq, x.at, x.type, x."windowId", x."ticketId", x.data
       FROM jsonb_to_recordset($${first - 1}::jsonb) AS x(seq bigint, at timestamptz, type text, "windowId" text, "ticketId" text, data jsonb))`,
      ];
  const rows = copied ? [] : [JSON.stringify(events.map((e) => ({ seq: e.seq, at: e.at, type: e.type, windowId: e.windowId, ticketId: e.ticketId, data: e.data })))];
  // named: each connection parses and plans each of the two texts once
  await c.query({
    name: copied ? 'region-write-batch-copied' : 'region-write-batch',
    text: `WITH ${[...stored, ...ctes].join(',\n')},
     -- events taken after the high-water mark: whatever problem the stream had is over
     advanced AS (UPDATE hall_uplink SET high_water = $2::bigint, last_received_at = now(),
       problem = CASE WHEN $2::bigint > high_water THEN NULL ELSE problem END,
       problem_at = CASE WHEN $2::bigint > high_water THEN NULL ELSE problem_at END,
       last_event_at = COALESCE($3::timestamptz, last_event_at),
       business_day = GREATEST(COALESCE(business_day, ''), COALESCE($4::text, '')) WHERE hall_id = $1),
     -- the hall's head, under its epoch: forward only within an epoch (a late resend does not take it back)
     headed AS (INSERT INTO hall_heads AS h (hall_id, seq, at, epoch)
       SELECT $1, $5::bigint, $6::timestamptz, $7::int WHERE $5::bigint IS NOT NULL
       ON CONFLICT (hall_id) DO UPDATE SET seq = EXCLUDED.seq, at = EXCLUDED.at, epoch = EXCLUDED.epoch, reported_at = now()
       WHERE h.epoch <> EXCLUDED.epoch OR h.seq <= EXCLUDED.seq)
     SELECT 1`,
    values: [hallId, s.highWater, s.lastEventAt, s.businessDay, s.head?.seq ?? null, s.head?.at ?? null, epoch, ...rows, ...params],
  });
}
