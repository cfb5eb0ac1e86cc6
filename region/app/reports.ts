/** Cross-hall reports: checked options, figures from SQL, rounded as the hall's report rounds them, labelled in the viewer's language. */
import type { RegionReport, RegionReportBy, RegionReportFigures, RegionReportPeriod } from '../../common/region.js';
import { satisfaction } from '../../server/domain/ratings.js';
import { roundSeconds, roundShare, share } from '../../server/domain/stats.js';
import type { Lang } from '../../common/wire/base.js';
import type { Pool } from '../store/db.js';
import type { Scope } from '../store/live-repo.js';
import { reportRows, type ReportSqlRow } from '../store/report-repo.js';
import { RegionError } from './errors.js';
import { REPORT_TEXT } from './report-text.js';

export interface RegionReportQuery {
  from: string;
  to: string;
  by: RegionReportBy;
  period: RegionReportPeriod;
  /** Labels in this language (a name the hall gave none in it: its zh-CN name). */
  lang: Lang;
}

/** Days a report may span (a year and a bit: a whole year by month or week). */
export const MAX_REPORT_DAYS = 400;
/** Rows a JSON answer may carry; files have no such limit. */
export const MAX_JSON_ROWS = 20_000;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function figures(r: ReportSqlRow): RegionReportFigures {
  const ratings = { '1': r.r1 ?? 0, '2': r.r2 ?? 0, '3': r.r3 ?? 0, '4': r.r4 ?? 0, '5': r.r5 ?? 0 };
  return {
    issued: r.issued,
    served: r.served,
    noShows: r.noShows,
    cancelled: r.cancelled,
    transferred: r.transferred,
    restored: r.restored,
    remote: r.remote,
    expired: r.expired,
    waitAvg: roundSeconds(num(r.waitAvg)),
    waitMedian: roundSeconds(num(r.waitMedian)),
    waitP90: roundSeconds(num(r.waitP90)),
    serviceAvg: roundSeconds(num(r.serviceAvg)),
    promisedCompliance: roundShare(share(r.compliant, r.promised)),
    ratings,
    satisfaction: roundShare(satisfaction(ratings)),
  };
}

const EMPTY: RegionReportFigures = {
  issued: 0, served: 0, noShows: 0, cancelled: 0, transferred: 0, restored: 0, remote: 0, expired: 0, waitAvg: null, waitMedian: null, waitP90: null,
  serviceAvg: null, promisedCompliance: null, ratings: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }, satisfaction: null,
};

export function checkRange(from: string, to: string, maxDays: number): void {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (!(days >= 0)) throw new RegionError(400, 'INVALID_DATE', '"to" is before "from" (or not a date)');
  if (days >= maxDays) throw new RegionError(400, 'INVALID_DATE', `At most ${maxDays} days at once`);
}

export async function regionReport(pool: Pool, scope: Scope, q: RegionReportQuery): Promise<RegionReport> {
  checkRange(q.from, q.to, MAX_REPORT_DAYS);
  const rows = await reportRows(pool, scope, q.by, q.period, q.from, q.to, q.lang);
  const out: RegionReport = { ok: true, by: q.by, period: q.period, from: q.from, to: q.to, rows: [], periodTotals: [], totals: { ...EMPTY } };
  for (const r of rows) {
    if (r.period === null) out.totals = figures(r);
    else if (r.key === null) out.periodTotals.push({ period: r.period, ...figures(r) });
    else out.rows.push({ period: r.period, key: r.key, label: r.label ?? (q.by === 'catalogue' ? REPORT_TEXT.noCatalogueCode[q.lang] : r.key), ...figures(r) });
  }
  return out;
}
