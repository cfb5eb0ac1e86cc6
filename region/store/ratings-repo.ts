/**
 * Every rating across halls, labelled from each hall's latest configuration (hall, service and
 * department names in the asked language where the hall gave one, else zh-CN). The feed
 * reads in (feed_xid, hall, seq) order and only rows whose transaction is older than
 * every transaction still running: a batch committing late can never land behind a
 * cursor already handed out (no gaps), and the order never changes (no repeats).
 * Retractions (ratings a new epoch set aside, migration 009) follow the same rule and
 * come after the ratings of the same transaction.
 */
import type { Lang } from '../../common/wire/base.js';
import type { Client, Pool } from './db.js';
import { namedIn } from './labels.js';
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

/** The ratings with their labels, names in the language of parameter `lang` (a placeholder such as `$9`). */
const select = (lang: string) => `
SELECT r.feed_xid::text AS feed_xid, r.hall_id, ${namedIn('h.names', 'h.name', lang)} AS hall_name, h.area, r.seq, r.at, r.business_day, r.service_id,
  ${namedIn(`s->'names'`, `s->>'name'`, lang)} AS service_name, NULLIF(s->>'catalogueCode', '') AS catalogue_code,
  (SELECT ${namedIn(`d->'names'`, `d->>'name'`, lang)} FROM jsonb_array_elements(c.snapshot->'departments') d WHERE d->>'id' = s->>'departmentId' LIMIT 1) AS department_name,
  r.window_id, (SELECT w->>'name' FROM jsonb_array_elements(c.snapshot->'windows') w WHERE w->>'id' = r.window_id LIMIT 1) AS window_name,
  r.grade, r.reasons, r.source, r.epoch
FROM ratings r
JOIN halls h ON h.id = r.hall_id
LEFT JOIN LATERAL (SELECT snapshot FROM hall_config WHERE hall_id = r.hall_id ORDER BY version DESC LIMIT 1) c ON true
LEFT JOIN LATERAL (SELECT x AS s FROM jsonb_array_elements(c.snapshot->'services') x WHERE x->>'id' = r.service_id LIMIT 1) sv ON true`;

const SCOPE = '($1::boolean OR h.area = ANY($2::text[]) OR h.id = ANY($3::text[]))';
const scopeArgs = (s: Scope) => [s.all, s.all ? [] : s.areas, s.all ? [] : s.hallIds];

/** A place in the feed: (transaction, ratings before retractions, hall, seq). */
export interface FeedPosition {
  xid: string;
  hallId: string;
  seq: number;
  /** The place is a retraction's (after every rating of its transaction). */
  retraction?: boolean;
}

export interface RetractionSqlRow {
  feed_xid: string;
  hall_id: string;
  seq: string;
  epoch: number;
  rated_at: Date;
  business_day: string | null;
  retracted_at: Date;
}

type Q = Pick<Client, 'query'> | Pool;
const START: FeedPosition = { xid: '0', hallId: '', seq: 0 };

/**
 * Up to `limit` ratings and up to `limit` retractions after `after` (from the start when null) that
 * no running transaction can still precede. Read in one repeatable-read transaction: both lists
 * are cut at the same oldest running transaction, so merging them can skip nothing.
 */
export async function feedAfter(pool: Pool, scope: Scope, after: FeedPosition | null, limit: number, lang: Lang): Promise<{ ratings: RatingSqlRow[]; retractions: RetractionSqlRow[] }> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const ratings = await ratingsAfter(c, scope, after ?? START, limit, lang);
    const retractions = await retractionsAfter(c, scope, after ?? START, limit);
    await c.query('COMMIT');
    return { ratings, retractions };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

async function ratingsAfter(c: Q, scope: Scope, a: FeedPosition, limit: number, lang: Lang): Promise<RatingSqlRow[]> {
  // after a retraction: the ratings of its transaction are all behind
  const r = await c.query(
    `${select('$9')}
     WHERE r.feed_xid < pg_snapshot_xmin(pg_current_snapshot())
       AND (r.feed_xid, r.hall_id, r.seq) > ($4::xid8, $5::text, $6::bigint) AND NOT ($7::boolean AND r.feed_xid = $4::xid8) AND ${SCOPE}
     ORDER BY r.feed_xid, r.hall_id, r.seq LIMIT $8`,
    [...scopeArgs(scope), a.xid, a.hallId, a.seq, a.retraction === true, limit, lang],
  );
  return r.rows;
}

async function retractionsAfter(c: Q, scope: Scope, a: FeedPosition, limit: number): Promise<RetractionSqlRow[]> {
  // after a rating: every retraction of its transaction is still ahead
  const r = await c.query(
    `SELECT x.feed_xid::text AS feed_xid, x.hall_id, x.seq, x.epoch, x.rated_at, x.business_day, x.retracted_at
     FROM rating_retractions x JOIN halls h ON h.id = x.hall_id
     WHERE x.feed_xid < pg_snapshot_xmin(pg_current_snapshot())
       AND CASE WHEN $7::boolean THEN (x.feed_xid, x.hall_id, x.seq) > ($4::xid8, $5::text, $6::bigint) ELSE x.feed_xid >= $4::xid8 END
       AND ${SCOPE}
     ORDER BY x.feed_xid, x.hall_id, x.seq LIMIT $8`,
    [...scopeArgs(scope), a.xid, a.hallId, a.seq, a.retraction === true, limit],
  );
  return r.rows;
}

/** Ratings of business days from..to (the rating's day when the record's is unknown), in hall and event order. */
export async function ratingsOfDays(pool: Pool, scope: Scope, from: string, to: string, limit: number, lang: Lang): Promise<RatingSqlRow[]> {
  const r = await pool.query(
    `${select('$7')}
     WHERE COALESCE(r.business_day, to_char(r.at, 'YYYY-MM-DD')) BETWEEN $4 AND $5 AND ${SCOPE}
     ORDER BY r.hall_id, r.seq LIMIT $6`,
    [...scopeArgs(scope), from, to, limit, lang],
  );
  return r.rows;
}
