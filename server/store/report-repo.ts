import { TICKET_EVENT_TYPES } from '../domain/events.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

export interface ReplayedEvent {
  type: string;
  at: string;
  windowId: string | null;
  ticketId: string | null;
  data: Record<string, any>;
}

/** Reads of the event log for reports and the supervision sweep. */
export class ReportRepo {
  private sql: Statements;

  constructor(db: Db) {
    this.sql = new Statements(db);
  }

  /** The hall's ticket events and ratings with from <= at < to (ISO instants), in log order, streamed; selected by type, never by a prefix. */
  *ticketEvents(fromIso: string, toIso: string): Generator<ReplayedEvent> {
    const types = [...TICKET_EVENT_TYPES, 'rating.given'];
    // `+type`: read in log order without the (type, at) index, which would sort the whole range in a temp B-tree first.
    const rows = this.sql
      .q(
        `SELECT type, at, window_id, ticket_id, data FROM events
         WHERE at >= ? AND at < ? AND +type IN (${types.map(() => '?').join(', ')}) ORDER BY id`,
      )
      .iterate(fromIso, toIso, ...types) as IterableIterator<{ type: string; at: string; window_id: string | null; ticket_id: string | null; data: string }>;
    for (const r of rows) yield { type: r.type, at: r.at, windowId: r.window_id, ticketId: r.ticket_id, data: JSON.parse(r.data) };
  }

  /** When a window last acted (its own window.* or ticket.* events). */
  lastActivity(windowId: string): string | null {
    const r = this.sql
      .q(
        `SELECT at FROM events WHERE window_id = ? AND (type LIKE 'window.%' OR type LIKE 'ticket.%')
         ORDER BY id DESC LIMIT 1`,
      )
      .get(windowId) as { at: string } | undefined;
    return r?.at ?? null;
  }

  /** Staff names for report labels. */
  staffNames(): Map<string, string> {
    const rows = this.sql.q('SELECT id, name FROM users').all() as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
