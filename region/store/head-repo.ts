/** Where a hall's own log ends, as its uplink last said (hall_heads). */
import type { UplinkHead } from '../../common/region.js';
import type { Pool } from './db.js';

/**
 * Stores the hall's head under the hall's current epoch. Within an epoch the head only moves
 * forward (a late resend of an older batch does not take it back); a new epoch replaces it.
 */
export async function recordHead(pool: Pool, hallId: string, head: UplinkHead): Promise<void> {
  await pool.query(
    `INSERT INTO hall_heads AS h (hall_id, seq, at, epoch)
     SELECT $1, $2::bigint, $3::timestamptz, COALESCE((SELECT epoch FROM hall_uplink WHERE hall_id = $1), 0)
     ON CONFLICT (hall_id) DO UPDATE SET seq = EXCLUDED.seq, at = EXCLUDED.at, epoch = EXCLUDED.epoch, reported_at = now()
     WHERE h.epoch <> EXCLUDED.epoch OR h.seq <= EXCLUDED.seq`,
    [hallId, head.seq, head.at],
  );
}
