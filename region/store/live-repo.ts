/** The live view: one row per hall from the live projections, today's aggregates and the hall's reported head. */
import type { HallLive } from '../../common/region.js';
import { satisfaction } from '../../server/domain/ratings.js';
import { roundShare } from '../../server/domain/stats.js';
import { streamLag } from '../domain/stream-lag.js';
import type { Pool } from './db.js';

/** Which halls a reader may see: all, or those in `areas` plus `hallIds`. */
export type Scope = { all: true } | { all: false; areas: string[]; hallIds: string[] };

const SQL = `
SELECT h.id, h.name, h.names, h.area, u.high_water, hh.seq AS head_seq, hh.at AS head_at, u.last_event_at, u.last_received_at, u.business_day,
  u.problem, u.epoch, u.last_epoch,
  CASE WHEN u.resync_requested_at > now() - interval '1 hour' THEN u.resync_requested_at END AS resync_requested_at,
  CASE WHEN (u.proposal->>'expiresAt')::timestamptz > now() THEN u.proposal - 'proposedBy' END AS proposal,
  (SELECT count(*) FROM live_tickets t WHERE t.hall_id = h.id AND t.status = 'waiting') AS waiting,
  (SELECT min(queued_at) FILTER (WHERE isfinite(queued_at)) FROM live_tickets t WHERE t.hall_id = h.id AND t.status = 'waiting') AS oldest,
  (SELECT count(*) FROM live_windows w WHERE w.hall_id = h.id AND w.status = 'open') AS open_windows,
  (SELECT count(*) FROM live_alerts a WHERE a.hall_id = h.id) AS open_alerts,
  d.issued, d.served, d.r1, d.r2, d.r3, d.r4, d.r5
FROM halls h LEFT JOIN hall_uplink u ON u.hall_id = h.id
  -- a head written before the hall's current epoch says nothing about it
  LEFT JOIN hall_heads hh ON hh.hall_id = h.id AND hh.epoch = COALESCE(u.epoch, 0)
  LEFT JOIN LATERAL (
    SELECT COALESCE(sum(issued), 0) AS issued, COALESCE(sum(served), 0) AS served,
      COALESCE(sum(ratings[1]), 0) AS r1, COALESCE(sum(ratings[2]), 0) AS r2, COALESCE(sum(ratings[3]), 0) AS r3,
      COALESCE(sum(ratings[4]), 0) AS r4, COALESCE(sum(ratings[5]), 0) AS r5
    FROM daily_service ds WHERE ds.hall_id = h.id AND ds.business_day = u.business_day) d ON true`;

const HALL_SQL = `${SQL} WHERE h.id = $1`;

/**
 * A stored time as ISO text; null when it is none or not a finite time (a timestamptz of
 * "infinity", stored from a hall before its times were checked, reads back as Infinity):
 * one hall's odd row must not fail the view of every hall.
 */
export const isoOrNull = (d: unknown): string | null => (d instanceof Date && Number.isFinite(d.getTime()) ? d.toISOString() : null);
const iso = isoOrNull;

function toLive(r: any): HallLive {
  const ratingsToday = { '1': Number(r.r1 ?? 0), '2': Number(r.r2 ?? 0), '3': Number(r.r3 ?? 0), '4': Number(r.r4 ?? 0), '5': Number(r.r5 ?? 0) };
  const highWater = Number(r.high_water ?? 0);
  const lastEventAt = iso(r.last_event_at);
  const head = r.head_seq === null || r.head_seq === undefined ? null : { seq: Number(r.head_seq), at: iso(r.head_at) };
  return {
    hallId: r.id,
    name: r.name,
    names: r.names ?? null,
    area: r.area,
    waiting: Number(r.waiting),
    openWindows: Number(r.open_windows),
    oldestWaitingSince: iso(r.oldest),
    businessDay: r.business_day ?? null,
    issuedToday: Number(r.issued),
    servedToday: Number(r.served),
    ratingsToday,
    satisfactionToday: roundShare(satisfaction(ratingsToday)),
    openAlerts: Number(r.open_alerts),
    lastEventAt,
    lastReceivedAt: iso(r.last_received_at),
    highWater,
    head,
    ...streamLag(head, highWater, lastEventAt),
    problem: r.problem ?? null,
    resyncRequestedAt: iso(r.resync_requested_at),
    epoch: Number(r.epoch ?? 0),
    lastEpoch: r.last_epoch ?? null,
    proposal: r.proposal ?? null,
  };
}

export class LiveRepo {
  constructor(private pool: Pool) {}

  async halls(scope: Scope): Promise<HallLive[]> {
    const r = scope.all
      ? await this.pool.query(`${SQL} ORDER BY h.area, h.id`)
      : await this.pool.query(`${SQL} WHERE h.area = ANY($1::text[]) OR h.id = ANY($2::text[]) ORDER BY h.area, h.id`, [scope.areas, scope.hallIds]);
    return r.rows.map(toLive);
  }

  async hall(hallId: string): Promise<HallLive | null> {
    // named: planned once per connection (after every batch; planning it each time cost PostgreSQL 0.75 ms a call, bench region-live)
    const r = await this.pool.query({ name: 'region-live-hall', text: HALL_SQL, values: [hallId] });
    return r.rows[0] ? toLive(r.rows[0]) : null;
  }

  /** Daily aggregates of one hall (for checks against the hall's own report). */
  async daily(hallId: string): Promise<{ businessDay: string; serviceId: string; issued: number; served: number; noShows: number; cancelled: number; transferred: number; waits: number; ratings: number[] }[]> {
    const r = await this.pool.query(
      'SELECT * FROM daily_service WHERE hall_id = $1 ORDER BY business_day, service_id',
      [hallId],
    );
    return r.rows.map((x) => ({
      businessDay: x.business_day,
      serviceId: x.service_id,
      issued: x.issued,
      served: x.served,
      noShows: x.no_shows,
      cancelled: x.cancelled,
      transferred: x.transferred,
      waits: x.waits,
      ratings: x.ratings,
    }));
  }
}
