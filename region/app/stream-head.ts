/**
 * Where a hall's own log ends, as its uplink says with each batch (and when it reconnects):
 * stored before the batch commits, so the live push after the commit shows the lag it leaves.
 */
import type { UplinkBatch, UplinkHead } from '../../common/region.js';
import type { Pool } from '../store/db.js';
import { recordHead } from '../store/head-repo.js';
import { RegionError } from './errors.js';

export class StreamHeads {
  constructor(private pool: Pool) {}

  /** The head sent with a batch (none from halls before the field: nothing stored, the lag stays unknown). */
  async ofBatch(hallId: string, batch: UplinkBatch): Promise<void> {
    if (!batch.head) return;
    const last = batch.events.at(-1)?.seq ?? batch.after;
    if (batch.head.seq < last) {
      throw new RegionError(400, 'INVALID_BATCH', `The head ${batch.head.seq} is before the batch's last event ${last}: the head is where the hall's log ends`);
    }
    await recordHead(this.pool, hallId, batch.head);
  }

  /** The head the uplink names when it asks where the region stands (seq alone: its time stays as last told). */
  async reported(hallId: string, head: UplinkHead): Promise<void> {
    await recordHead(this.pool, hallId, head);
  }
}
