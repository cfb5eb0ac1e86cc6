/** The live view: one row per hall from the live projections and today's aggregates. */
import type { HallLive } from '../../common/region.js';
import type { Pool } from './db.js';

/** Which halls a reader may see: all, or those in `areas` plus `hallIds`. */
export type Scope = { all: true } | { all: false; areas: string[]; hallIds: string[] };

const SQL = `
SELECT h.id, h.name, h.area, u.high_water, u.last_event_at, u.last_received_at, u.business_day,
  u.problem, u.epoch, u.last_epoch,
  CASE WHEN u.resync_requested_at > now() - interval '1 hour' THEN u.resync_requested_at END AS resync_requested_at,
  CASE WHEN (u.proposal->>'expiresAt')::timestamptz > now() THEN u.proposal - 'proposedBy' END AS proposal,
  (SELECT count(*) FROM live_tickets t WHERE t.hall_id = h.id AND t.status = 'waiting') AS waiting,
  (SELECT min(queued_at) FROM live_tickets t WHERE t.hall_id = h.id AND t.status = 'waiting') AS oldest,
  (SELECT count(*) FROM live_windows w WHERE w.hall_id = h.id AND w.status = 'open') AS open_windows,
  (SELECT count(*) FROM live_alerts a WHERE a.hall_id = h.id) AS open_alerts,
  (SELECT COALESCE(sum(issued), 0) FROM daily_service d WHERE d.hall_id = h.id AND d.business_day = u.business_day) AS issued,
  (SELECT COALESCE(sum(served), 0) FROM daily_service d WHERE d.hall_id = h.id AND d.business_day = u.business_day) AS served
FROM halls h LEFT JOIN hall_uplink u ON u.hall_id = h.id`;

const toLive = (r: any): HallLive => ({
  hallId: r.id,
  name: r.name,
  area: r.area,
  waiting: Number(r.waiting),
  openWindows: Number(r.open_windows),
  oldestWaitingSince: r.oldest ? (r.oldest as Date).toISOString() : null,
  businessDay: r.business_day ?? null,
  issuedToday: Number(r.issued),
  servedToday: Number(r.served),
  openAlerts: Number(r.open_alerts),
  lastEventAt: r.last_event_at ? (r.last_event_at as Date).toISOString() : null,
  lastReceivedAt: r.last_received_at ? (r.last_received_at as Date).toISOString() : null,
  highWater: Number(r.high_water ?? 0),
  problem: r.problem ?? null,
  resyncRequestedAt: r.resync_requested_at ? (r.resync_requested_at as Date).toISOString() : null,
  epoch: Number(r.epoch ?? 0),
  lastEpoch: r.last_epoch ?? null,
  proposal: r.proposal ?? null,
});

export class LiveRepo {
  constructor(private pool: Pool) {}

  async halls(scope: Scope): Promise<HallLive[]> {
    const r = scope.all
      ? await this.pool.query(`${SQL} ORDER BY h.area, h.id`)
      : await this.pool.query(`${SQL} WHERE h.area = ANY($1::text[]) OR h.id = ANY($2::text[]) ORDER BY h.area, h.id`, [scope.areas, scope.hallIds]);
    return r.rows.map(toLive);
  }

  async hall(hallId: string): Promise<HallLive | null> {
    const r = await this.pool.query(`${SQL} WHERE h.id = $1`, [hallId]);
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
