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
