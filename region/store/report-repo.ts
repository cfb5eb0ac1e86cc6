/**
 * Cross-hall reports in SQL: the daily aggregates give the counts and ratings, the
 * samples give waits (avg, median, P90 by linear interpolation, as the hall's report)
 * and service times with promised-time compliance (the average wait comes from the
 * daily aggregates, so it stays when retention has dropped the samples' month). Labels, catalogue codes,
 * departments and promised minutes come from each hall's latest configuration, the names in the
 * asked language where the hall gave one (else its zh-CN name, as the live view labels them).
 */
import type { RegionReportBy, RegionReportPeriod } from '../../common/region.js';
import type { Lang } from '../../common/wire/base.js';
import type { Pool } from './db.js';
import { namedIn } from './labels.js';
import type { Scope } from './live-repo.js';

/**
 * Key and label of a row per dimension (fixed SQL fragments, never user text). The catalogue row of
 * the services without a code has no label here: the app names it in the viewer's language.
 */
const DIMENSION: Record<RegionReportBy, { key: string; label: string }> = {
  hall: { key: 'f.hall_id', label: 'h.name' },
  // the services without a code: key '' (a code is never empty, so no code can share their row; '-' could)
  catalogue: { key: `COALESCE(v.code, '')`, label: `CASE WHEN COALESCE(v.code, '') = '' THEN NULL ELSE v.service_name END` },
  department: { key: `f.hall_id || '/' || COALESCE(v.dept_id, '-')`, label: `h.name || ' · ' || COALESCE(v.dept_name, '-')` },
  service: { key: `f.hall_id || '/' || f.service_id`, label: `h.name || ' · ' || COALESCE(v.service_name, f.service_id)` },
};

const PERIOD: Record<RegionReportPeriod, string> = {
  day: 'f.business_day',
  week: `to_char(date_trunc('week', f.business_day::date), 'YYYY-MM-DD')`,
  month: 'left(f.business_day, 7)',
};

/** A name in the report's language (parameter $6). */
const named = (names: string, name: string) => namedIn(names, name, '$6');

/** One grouped row as PostgreSQL returns it: period/key null on the totals' rows. */
export interface ReportSqlRow {
  period: string | null;
  key: string | null;
  label: string | null;
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  transferred: number;
  restored: number;
  remote: number;
  expired: number;
  waitAvg: number | null;
  waitMedian: number | null;
  waitP90: number | null;
  serviceAvg: number | null;
  compliant: number;
  promised: number;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
  r5: number;
}

function sql(by: RegionReportBy, period: RegionReportPeriod): string {
  const d = DIMENSION[by];
  return `
WITH scope AS (
  SELECT id, ${named('names', 'name')} AS name FROM halls WHERE $3::boolean OR area = ANY($4::text[]) OR id = ANY($5::text[])
), latest AS (
  SELECT DISTINCT ON (hall_id) hall_id, snapshot FROM hall_config WHERE hall_id IN (SELECT id FROM scope) ORDER BY hall_id, version DESC
), v AS (
  SELECT l.hall_id, s->>'id' AS service_id, ${named(`s->'names'`, `s->>'name'`)} AS service_name, s->>'catalogueCode' AS code, s->>'departmentId' AS dept_id,
         COALESCE((s->>'promisedMinutes')::int, 0) AS promised,
         (SELECT ${named(`dd->'names'`, `dd->>'name'`)} FROM jsonb_array_elements(l.snapshot->'departments') dd WHERE dd->>'id' = s->>'departmentId' LIMIT 1) AS dept_name
  FROM latest l, jsonb_array_elements(l.snapshot->'services') s
), facts AS (
  SELECT hall_id, business_day, service_id, issued, served, no_shows, cancelled, transferred, restored, remote, expired, waits, wait_seconds, ratings, NULL::char AS kind, NULL::float8 AS seconds
  FROM daily_service WHERE business_day BETWEEN $1 AND $2 AND hall_id IN (SELECT id FROM scope)
  UNION ALL
  SELECT hall_id, business_day, service_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '{0,0,0,0,0}', kind, seconds
  FROM ticket_samples WHERE business_day BETWEEN $1 AND $2 AND hall_id IN (SELECT id FROM scope)
), x AS (
  SELECT ${PERIOD[period]} AS period, ${d.key} AS key, ${d.label} AS label, COALESCE(v.promised, 0) AS promised, f.*
  FROM facts f JOIN scope h ON h.id = f.hall_id LEFT JOIN v ON v.hall_id = f.hall_id AND v.service_id = f.service_id
)
SELECT period, key, min(label) AS label,
  sum(issued)::int AS "issued", sum(served)::int AS "served", sum(no_shows)::int AS "noShows",
  sum(cancelled)::int AS "cancelled", sum(transferred)::int AS "transferred",
  sum(restored)::int AS "restored", sum(remote)::int AS "remote", sum(expired)::int AS "expired",
  -- from the daily aggregates, so it survives the retention of the raw samples (median and P90 need them)
  sum(wait_seconds) / NULLIF(sum(waits), 0) AS "waitAvg",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE kind = 'w') AS "waitMedian",
  percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE kind = 'w') AS "waitP90",
  avg(seconds) FILTER (WHERE kind = 's') AS "serviceAvg",
  count(*) FILTER (WHERE kind = 's' AND promised > 0 AND seconds <= promised * 60)::int AS "compliant",
  count(*) FILTER (WHERE kind = 's' AND promised > 0)::int AS "promised",
  sum(ratings[1])::int AS r1, sum(ratings[2])::int AS r2, sum(ratings[3])::int AS r3, sum(ratings[4])::int AS r4, sum(ratings[5])::int AS r5
FROM x
GROUP BY GROUPING SETS ((period, key), (period), ())
ORDER BY period NULLS LAST, key NULLS FIRST`;
}

export async function reportRows(pool: Pool, scope: Scope, by: RegionReportBy, period: RegionReportPeriod, from: string, to: string, lang: Lang): Promise<ReportSqlRow[]> {
  const r = await pool.query(sql(by, period), [from, to, scope.all, scope.all ? [] : scope.areas, scope.all ? [] : scope.hallIds, lang]);
  return r.rows;
}
