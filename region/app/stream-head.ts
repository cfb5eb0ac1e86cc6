/**
 * Where a hall's own log ends, as its uplink says when it reconnects (the head sent with each
 * batch is written in the batch's own transaction: region/store/batch-write.ts).
 */
import type { UplinkHead } from '../../common/region.js';
import type { Pool } from '../store/db.js';
import { recordHead } from '../store/head-repo.js';

export class StreamHeads {
  constructor(private pool: Pool) {}

  /** The head the uplink names when it asks where the region stands (seq alone: its time stays as last told). */
  async reported(hallId: string, head: UplinkHead): Promise<void> {
    await recordHead(this.pool, hallId, head);
  }
}
