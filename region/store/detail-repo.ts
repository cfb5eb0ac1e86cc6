/** One hall's drill-down: live tickets per service and window, today's aggregates, alerts and the configuration in force. */
import type { DetailInput } from '../domain/hall-detail.js';
import type { Pool } from './db.js';
import { isoOrNull as iso } from './live-repo.js';

/** What the drill-down is assembled from, but the hall's live summary (read by LiveRepo). */
export type DetailRows = Omit<DetailInput, 'hall'>;

export async function detailRows(pool: Pool, hallId: string, businessDay: string | null): Promise<DetailRows> {
  const q = (sql: string, args: unknown[] = [hallId]) => pool.query(sql, args).then((r) => r.rows);
  const [config, waiting, today, windows, serving, alerts] = await Promise.all([
    q('SELECT version, snapshot FROM hall_config WHERE hall_id = $1 ORDER BY version DESC LIMIT 1'),
    q(`SELECT service_id, count(*) AS n, min(queued_at) FILTER (WHERE isfinite(queued_at)) AS oldest FROM live_tickets WHERE hall_id = $1 AND status = 'waiting' GROUP BY service_id`),
    businessDay ? q('SELECT service_id, issued, served FROM daily_service WHERE hall_id = $1 AND business_day = $2', [hallId, businessDay]) : Promise.resolve([]),
    q('SELECT window_id, status FROM live_windows WHERE hall_id = $1'),
    q(`SELECT window_id, number, service_id, called_at, serving_at FROM live_tickets
       WHERE hall_id = $1 AND status = 'called' AND window_id IS NOT NULL ORDER BY called_at`),
    q('SELECT key, kind, raised_at FROM live_alerts WHERE hall_id = $1 ORDER BY raised_at, key'),
  ]);
  return {
    config: config[0] ? { version: Number(config[0].version), snapshot: config[0].snapshot } : null,
    waiting: waiting.map((r) => ({ serviceId: r.service_id, n: Number(r.n), oldest: iso(r.oldest) })),
    today: today.map((r) => ({ serviceId: r.service_id, issued: Number(r.issued), served: Number(r.served) })),
    windows: windows.map((r) => ({ windowId: r.window_id, status: r.status })),
    serving: serving.map((r) => ({ windowId: r.window_id, number: r.number, serviceId: r.service_id, calledAt: iso(r.called_at), servingAt: iso(r.serving_at) })),
    alerts: alerts.map((r) => ({ key: r.key, kind: r.kind, raisedAt: iso(r.raised_at)! })),
  };
}
