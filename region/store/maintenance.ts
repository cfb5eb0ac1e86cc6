import type { Pool } from './db.js';

/**
 * The live projection keeps ended tickets for two more business days (a rating or a
 * restore can still arrive for them, as in the hall's report replay), then forgets
 * them: the daily aggregates keep what they counted. Returns how many were removed.
 */
export async function pruneLiveTickets(pool: Pool, now: Date, keepDays = 2): Promise<number> {
  const cutoff = new Date(now.getTime() - keepDays * 86_400_000).toISOString().slice(0, 10);
  const r = await pool.query(`DELETE FROM live_tickets WHERE status = 'ended' AND business_day < $1`, [cutoff]);
  return r.rowCount ?? 0;
}

/**
 * Retention of what epochs set aside: superseded events and the ratings feed's retractions
 * are not partitioned (they are few), so rows whose event time is older than the first
 * month kept go row by row, once they were set aside more than `graceDays` ago (a feed
 * that is behind can still pull a retraction made this week). Returns how many went.
 */
export async function pruneSetAside(pool: Pool, oldestKeptMonth: string, graceDays = 7): Promise<{ superseded: number; retractions: number }> {
  const floor = `${oldestKeptMonth}-01T00:00:00Z`;
  const grace = `${graceDays} days`;
  const s = await pool.query(`DELETE FROM superseded_events WHERE at < $1 AND superseded_at < now() - $2::interval`, [floor, grace]);
  const r = await pool.query(`DELETE FROM rating_retractions WHERE rated_at < $1 AND retracted_at < now() - $2::interval`, [floor, grace]);
  return { superseded: s.rowCount ?? 0, retractions: r.rowCount ?? 0 };
}
