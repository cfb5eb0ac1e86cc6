/**
 * The ratings feed for the provincial platform: GB/T 39734 grades with their labels, pulled with a
 * cursor or exported by day. Labels in the asked language (zh-CN unless asked: what the platform pulls).
 */
import type { RegionRating, RegionRatingPage, RegionRatingRetraction } from '../../common/region.js';
import { GRADE_LABELS, RATING_REASONS, type Grade } from '../../common/supervision.js';
import type { Lang, LocalizedText } from '../../common/wire/base.js';
import type { Pool } from '../store/db.js';
import type { Scope } from '../store/live-repo.js';
import { feedAfter, ratingsOfDays, type FeedPosition, type RatingSqlRow, type RetractionSqlRow } from '../store/ratings-repo.js';
import { HALL_ID } from '../../common/region.js';
import { RegionError } from './errors.js';
import { checkRange } from './reports.js';

export const FEED_MAX_LIMIT = 5000;
/** Ratings one export file may hold; more → a shorter range or the feed. */
export const MAX_EXPORT_RATINGS = 200_000;
export const MAX_EXPORT_DAYS = 31;

const reasonLabels = new Map<string, LocalizedText>(RATING_REASONS.map((r) => [r.id, r.label]));
/** A label in the language, zh-CN when it has none in it (the UIs' rule). */
const inLang = (t: LocalizedText, lang: Lang) => t[lang] || t['zh-CN'];

/** After a restored hall's new epoch a seq can carry another rating: its id says the epoch. */
const ratingId = (hallId: string, seq: string | number, epoch: number) => (epoch ? `${hallId}:${seq}:${epoch}` : `${hallId}:${seq}`);

function toRetraction(x: RetractionSqlRow): RegionRatingRetraction {
  return {
    kind: 'retracted',
    ratingId: ratingId(x.hall_id, x.seq, x.epoch),
    hallId: x.hall_id,
    seq: Number(x.seq),
    epoch: x.epoch,
    ratedAt: x.rated_at.toISOString(),
    businessDay: x.business_day,
    at: x.retracted_at.toISOString(),
  };
}

function toRating(r: RatingSqlRow, lang: Lang): RegionRating {
  return {
    id: ratingId(r.hall_id, r.seq, r.epoch),
    epoch: r.epoch,
    hallId: r.hall_id,
    hallName: r.hall_name,
    area: r.area,
    seq: Number(r.seq),
    at: r.at.toISOString(),
    businessDay: r.business_day,
    serviceId: r.service_id,
    serviceName: r.service_name,
    catalogueCode: r.catalogue_code,
    departmentName: r.department_name,
    windowId: r.window_id,
    windowName: r.window_name,
    grade: r.grade,
    gradeLabel: inLang(GRADE_LABELS[r.grade as Grade], lang),
    reasons: r.reasons,
    reasonLabels: r.reasons.map((x) => (reasonLabels.has(x) ? inLang(reasonLabels.get(x)!, lang) : x)),
    source: r.source,
  };
}

/** The cursor is opaque to the platform: base64url of "xid:seq:hall" (a rating's place) or "xidx:seq:hall" (a retraction's). */
export function encodeCursor(p: FeedPosition): string {
  return Buffer.from(`${p.xid}${p.retraction ? 'x' : ''}:${p.seq}:${p.hallId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): FeedPosition | null {
  if (!cursor) return null;
  const m = /^(\d{1,20})(x?):(\d{1,19}):(.{1,100})$/s.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  // in range for xid8 and bigint, and a hall id that can exist (no NUL or odd bytes reach the store)
  if (!m || BigInt(m[1]) > 18446744073709551615n || BigInt(m[3]) > 9223372036854775807n || !HALL_ID.test(m[4])) {
    throw new RegionError(400, 'INVALID_CURSOR', 'This cursor was not handed out by the feed; start without one or pass the last cursor received');
  }
  return { xid: m[1], seq: Number(m[3]), hallId: m[4], retraction: m[2] === 'x' };
}

/**
 * One page of the feed: ratings and retractions merged in cursor order (transaction, then a
 * transaction's ratings before its retractions, then hall and seq: each list comes sorted so).
 */
export async function ratingsPage(pool: Pool, scope: Scope, cursor: string | undefined, limit: number, lang: Lang): Promise<RegionRatingPage> {
  const after = decodeCursor(cursor);
  const n = Math.min(Math.max(1, limit), FEED_MAX_LIMIT);
  const { ratings, retractions } = await feedAfter(pool, scope, after, n, lang);
  const taken: { ratings: RatingSqlRow[]; retractions: RetractionSqlRow[] } = { ratings: [], retractions: [] };
  let i = 0;
  let j = 0;
  let last: FeedPosition | null = null;
  while (i + j < n && (i < ratings.length || j < retractions.length)) {
    const r = ratings[i];
    const x = retractions[j];
    // a rating first unless the retraction's transaction is older
    if (r && (!x || BigInt(r.feed_xid) <= BigInt(x.feed_xid))) {
      taken.ratings.push(r);
      last = { xid: r.feed_xid, hallId: r.hall_id, seq: Number(r.seq) };
      i++;
    } else {
      taken.retractions.push(x);
      last = { xid: x.feed_xid, hallId: x.hall_id, seq: Number(x.seq), retraction: true };
      j++;
    }
  }
  return {
    ok: true,
    ratings: taken.ratings.map((r) => toRating(r, lang)),
    retracted: taken.retractions.map(toRetraction),
    cursor: last ? encodeCursor(last) : (cursor ?? ''),
    more: i + j === n,
  };
}

export async function ratingsExport(pool: Pool, scope: Scope, from: string, to: string, lang: Lang): Promise<RegionRating[]> {
  checkRange(from, to, MAX_EXPORT_DAYS);
  const rows = await ratingsOfDays(pool, scope, from, to, MAX_EXPORT_RATINGS + 1, lang);
  if (rows.length > MAX_EXPORT_RATINGS) {
    throw new RegionError(400, 'EXPORT_TOO_LARGE', `More than ${MAX_EXPORT_RATINGS} ratings in this range: export fewer days, or pull them with the feed (/region/v1/ratings/feed)`);
  }
  return rows.map((r) => toRating(r, lang));
}
