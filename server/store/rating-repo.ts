import type { Grade, RatingReason, RatingSource } from '../../common/supervision.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

export interface RatingRecord {
  id: string;
  ticketId: string;
  ticketNumber: string;
  businessDay: string;
  serviceId: string;
  windowId: string;
  staffId: string | null;
  grade: Grade;
  reasons: RatingReason[];
  source: RatingSource;
  at: string;
}

interface Row {
  id: string;
  ticket_id: string;
  ticket_number: string;
  business_day: string;
  service_id: string;
  window_id: string;
  staff_id: string | null;
  grade: number;
  reasons: string;
  source: RatingSource;
  at: string;
}

const toRecord = (r: Row): RatingRecord => ({
  id: r.id,
  ticketId: r.ticket_id,
  ticketNumber: r.ticket_number,
  businessDay: r.business_day,
  serviceId: r.service_id,
  windowId: r.window_id,
  staffId: r.staff_id,
  grade: r.grade as Grade,
  reasons: JSON.parse(r.reasons),
  source: r.source,
  at: r.at,
});

/** Ratings per case. Nothing here identifies the citizen. */
export class RatingRepo {
  private sql: Statements;

  constructor(db: Db) {
    this.sql = new Statements(db);
  }

  save(r: RatingRecord): void {
    this.sql
      .q(
        `INSERT INTO ratings (id, ticket_id, ticket_number, business_day, service_id, window_id, staff_id, grade, reasons, source, at)
         VALUES (@id, @ticketId, @ticketNumber, @businessDay, @serviceId, @windowId, @staffId, @grade, @reasons, @source, @at)`,
      )
      .run({ ...r, reasons: JSON.stringify(r.reasons) });
  }

  forTicket(ticketId: string): RatingRecord | null {
    const r = this.sql.q('SELECT * FROM ratings WHERE ticket_id = ?').get(ticketId) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  /** Ratings of business days from..to (YYYY-MM-DD, inclusive), oldest first. */
  between(from: string, to: string): RatingRecord[] {
    return (this.sql.q('SELECT * FROM ratings WHERE business_day BETWEEN ? AND ? ORDER BY at, id').all(from, to) as Row[]).map(toRecord);
  }

  /**
   * The ticket a rating at this window is about: the one in hand, else the one
   * it handled last (finished, transferred or no-show).
   */
  latestTicketAt(windowId: string): string | null {
    const r = this.sql
      .q(
        `SELECT id FROM tickets WHERE window_id = ? AND status IN ('called','serving','done')
         ORDER BY CASE WHEN status IN ('called','serving') THEN 0 ELSE 1 END, COALESCE(finished_at, called_at) DESC, rowid DESC LIMIT 1`,
      )
      .get(windowId) as { id: string } | undefined;
    return r?.id ?? null;
  }
}
