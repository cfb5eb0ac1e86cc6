/** What the uplink reads from the hall's event log: slices in order, and where the log ends. */
import type { Db } from './db.js';
import { Statements } from './statements.js';

export interface LogRow {
  id: number;
  at: string;
  type: string;
  window_id: string | null;
  ticket_id: string | null;
  data: string;
}

export class UplinkRepo {
  private sql: Statements;

  constructor(db: Db) {
    this.sql = new Statements(db);
  }

  /** Up to `limit` events after `seq`, oldest first. */
  after(seq: number, limit: number): LogRow[] {
    return this.sql.q('SELECT id, at, type, window_id, ticket_id, data FROM events WHERE id > ? ORDER BY id LIMIT ?').all(seq, limit) as LogRow[];
  }

  /** The newest event's seq and time (0/null when the log is empty). */
  head(): { seq: number; at: string | null } {
    const r = this.sql.q('SELECT id, at FROM events ORDER BY id DESC LIMIT 1').get() as { id: number; at: string } | undefined;
    return { seq: r?.id ?? 0, at: r?.at ?? null };
  }

  /** Type and time of event `seq` (null when absent). */
  headOf(seq: number): { type: string; at: string } | null {
    return (this.sql.q('SELECT type, at FROM events WHERE id = ?').get(seq) as { type: string; at: string } | undefined) ?? null;
  }

  /** The time of event `seq` (null when absent). */
  timeOf(seq: number): string | null {
    const r = this.sql.q('SELECT at FROM events WHERE id = ?').get(seq) as { at: string } | undefined;
    return r?.at ?? null;
  }
}
