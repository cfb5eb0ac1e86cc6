/** The ratings feed for the provincial platform: GB/T 39734 grades with their labels, pulled with a cursor or exported by day. */
import type { RegionRating, RegionRatingPage } from '../../common/region.js';
import { GRADE_LABELS, RATING_REASONS, type Grade } from '../../common/supervision.js';
import type { Pool } from '../store/db.js';
import type { Scope } from '../store/live-repo.js';
import { ratingsAfter, ratingsOfDays, type FeedPosition, type RatingSqlRow } from '../store/ratings-repo.js';
import { HALL_ID } from '../../common/region.js';
import { RegionError } from './errors.js';
import { checkRange } from './reports.js';

export const FEED_MAX_LIMIT = 5000;
/** Ratings one export file may hold; more → a shorter range or the feed. */
export const MAX_EXPORT_RATINGS = 200_000;
export const MAX_EXPORT_DAYS = 31;

const reasonLabel = new Map<string, string>(RATING_REASONS.map((r) => [r.id, r.label['zh-CN']]));

function toRating(r: RatingSqlRow): RegionRating {
  return {
    // after a restored hall's new epoch a seq can carry another rating: its id says the epoch
    id: r.epoch ? `${r.hall_id}:${r.seq}:${r.epoch}` : `${r.hall_id}:${r.seq}`,
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
    gradeLabel: GRADE_LABELS[r.grade as Grade]['zh-CN'],
    reasons: r.reasons,
    reasonLabels: r.reasons.map((x) => reasonLabel.get(x) ?? x),
    source: r.source,
  };
}

/** The cursor is opaque to the platform: base64url of "xid:seq:hall". */
export function encodeCursor(p: FeedPosition): string {
  return Buffer.from(`${p.xid}:${p.seq}:${p.hallId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): FeedPosition | null {
  if (!cursor) return null;
  const m = /^(\d{1,20}):(\d{1,19}):(.{1,100})$/s.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  // in range for xid8 and bigint, and a hall id that can exist (no NUL or odd bytes reach the store)
  if (!m || BigInt(m[1]) > 18446744073709551615n || BigInt(m[2]) > 9223372036854775807n || !HALL_ID.test(m[3])) {
    throw new RegionError(400, 'INVALID_CURSOR', 'This cursor was not handed out by the feed; start without one or pass the last cursor received');
  }
  return { xid: m[1], seq: Number(m[2]), hallId: m[3] };
}

export async function ratingsPage(pool: Pool, scope: Scope, cursor: string | undefined, limit: number): Promise<RegionRatingPage> {
  const after = decodeCursor(cursor);
  const n = Math.min(Math.max(1, limit), FEED_MAX_LIMIT);
  const rows = await ratingsAfter(pool, scope, after, n);
  const last = rows.at(-1);
  const next = last ? encodeCursor({ xid: last.feed_xid, hallId: last.hall_id, seq: Number(last.seq) }) : (cursor ?? '');
  return { ok: true, ratings: rows.map(toRating), cursor: next, more: rows.length === n };
}

export async function ratingsExport(pool: Pool, scope: Scope, from: string, to: string): Promise<RegionRating[]> {
  checkRange(from, to, MAX_EXPORT_DAYS);
  const rows = await ratingsOfDays(pool, scope, from, to, MAX_EXPORT_RATINGS + 1);
  if (rows.length > MAX_EXPORT_RATINGS) {
    throw new RegionError(400, 'EXPORT_TOO_LARGE', `More than ${MAX_EXPORT_RATINGS} ratings in this range: export fewer days, or pull them with the feed (/region/v1/ratings/feed)`);
  }
  return rows.map(toRating);
}
