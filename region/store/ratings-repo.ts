/**
 * Every rating across halls, labelled from each hall's latest configuration. The feed
 * reads in (feed_xid, hall, seq) order and only rows whose transaction is older than
 * every transaction still running: a batch committing late can never land behind a
 * cursor already handed out (no gaps), and the order never changes (no repeats).
 */
import type { Pool } from './db.js';
import type { Scope } from './live-repo.js';

export interface RatingSqlRow {
  feed_xid: string;
  hall_id: string;
  hall_name: string;
  area: string;
  seq: string;
  at: Date;
  business_day: string | null;
  service_id: string | null;
  service_name: string | null;
  catalogue_code: string | null;
  department_name: string | null;
  window_id: string | null;
  window_name: string | null;
  grade: number;
  reasons: string[];
  source: string | null;
  epoch: number;
}

const SELECT = `
SELECT r.feed_xid::text AS feed_xid, r.hall_id, h.name AS hall_name, h.area, r.seq, r.at, r.business_day, r.service_id,
  s->>'name' AS service_name, NULLIF(s->>'catalogueCode', '') AS catalogue_code,
  (SELECT d->>'name' FROM jsonb_array_elements(c.snapshot->'departments') d WHERE d->>'id' = s->>'departmentId' LIMIT 1) AS department_name,
  r.window_id, (SELECT w->>'name' FROM jsonb_array_elements(c.snapshot->'windows') w WHERE w->>'id' = r.window_id LIMIT 1) AS window_name,
  r.grade, r.reasons, r.source, r.epoch
FROM ratings r
JOIN halls h ON h.id = r.hall_id
LEFT JOIN LATERAL (SELECT snapshot FROM hall_config WHERE hall_id = r.hall_id ORDER BY version DESC LIMIT 1) c ON true
LEFT JOIN LATERAL (SELECT x AS s FROM jsonb_array_elements(c.snapshot->'services') x WHERE x->>'id' = r.service_id LIMIT 1) sv ON true`;

const SCOPE = '($1::boolean OR h.area = ANY($2::text[]) OR h.id = ANY($3::text[]))';
const scopeArgs = (s: Scope) => [s.all, s.all ? [] : s.areas, s.all ? [] : s.hallIds];

export interface FeedPosition {
  xid: string;
  hallId: string;
  seq: number;
}

/** Up to `limit` ratings after `after` (from the start when null) that no running transaction can still precede. */
export async function ratingsAfter(pool: Pool, scope: Scope, after: FeedPosition | null, limit: number): Promise<RatingSqlRow[]> {
  const a = after ?? { xid: '0', hallId: '', seq: 0 };
  const r = await pool.query(
    `${SELECT}
     WHERE r.feed_xid < pg_snapshot_xmin(pg_current_snapshot())
       AND (r.feed_xid, r.hall_id, r.seq) > ($4::xid8, $5::text, $6::bigint) AND ${SCOPE}
     ORDER BY r.feed_xid, r.hall_id, r.seq LIMIT $7`,
    [...scopeArgs(scope), a.xid, a.hallId, a.seq, limit],
  );
  return r.rows;
}

/** Ratings of business days from..to (the rating's day when the record's is unknown), in hall and event order. */
export async function ratingsOfDays(pool: Pool, scope: Scope, from: string, to: string, limit: number): Promise<RatingSqlRow[]> {
  const r = await pool.query(
    `${SELECT}
     WHERE COALESCE(r.business_day, to_char(r.at, 'YYYY-MM-DD')) BETWEEN $4 AND $5 AND ${SCOPE}
     ORDER BY r.hall_id, r.seq LIMIT $6`,
    [...scopeArgs(scope), from, to, limit],
  );
  return r.rows;
}
