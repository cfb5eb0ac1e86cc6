import type { AuditEvent } from '../../common/types.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

export interface Actor {
  kind: 'user' | 'device' | 'system' | 'api';
  id: string | null;
  windowId?: string | null;
  deviceId?: string | null;
}

export const SYSTEM: Actor = { kind: 'system', id: null };

export type LoggedEvent = AuditEvent;

interface EventRow {
  id: number;
  at: string;
  type: string;
  actor_kind: string;
  actor_id: string | null;
  window_id: string | null;
  device_id: string | null;
  ticket_id: string | null;
  data: string;
}

const toEvent = (r: EventRow): LoggedEvent => ({
  id: r.id,
  at: r.at,
  type: r.type,
  actorKind: r.actor_kind,
  actorId: r.actor_id,
  windowId: r.window_id,
  deviceId: r.device_id,
  ticketId: r.ticket_id,
  data: JSON.parse(r.data),
});

/** Append-only: the schema's triggers refuse UPDATE and DELETE on this table. */
export class EventLog {
  private sql: Statements;
  private insert;

  constructor(private db: Db) {
    this.sql = new Statements(db);
    this.insert = db.prepare(
      `INSERT INTO events (at, type, actor_kind, actor_id, window_id, device_id, ticket_id, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  append(
    e: { type: string; at: string; ticketId?: string | null; windowId?: string | null },
    actor: Actor,
    data: object,
  ): number {
    const info = this.insert.run(
      e.at,
      e.type,
      actor.kind,
      actor.id,
      e.windowId ?? actor.windowId ?? null,
      actor.deviceId ?? null,
      e.ticketId ?? null,
      JSON.stringify(data),
    );
    return Number(info.lastInsertRowid);
  }

  forTicket(ticketId: string): LoggedEvent[] {
    return (this.sql.q('SELECT * FROM events WHERE ticket_id = ? ORDER BY id').all(ticketId) as EventRow[]).map(
      toEvent,
    );
  }

  /** Newest first, optionally filtered, for the audit log viewer. */
  /** Newest first. `type` is a prefix (`config.` …); `types` are exact types. */
  list(opts: { limit: number; beforeId?: number; type?: string; types?: readonly string[]; from?: string; to?: string }): LoggedEvent[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (opts.types) (where.push(`type IN (${opts.types.map(() => '?').join(', ')})`), args.push(...opts.types));
    if (opts.beforeId) (where.push('id < ?'), args.push(opts.beforeId));
    if (opts.type) (where.push('type LIKE ?'), args.push(`${opts.type}%`));
    if (opts.from) (where.push('at >= ?'), args.push(opts.from));
    if (opts.to) (where.push('at < ?'), args.push(opts.to));
    const sql = `SELECT * FROM events ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`;
    return (this.sql.q(sql).all(...args, opts.limit) as EventRow[]).map(toEvent);
  }

  /** Every event in order, streamed so a long history does not sit in memory. */
  *iterate(): Generator<LoggedEvent> {
    const rows = this.sql.q('SELECT * FROM events ORDER BY id').iterate() as IterableIterator<EventRow>;
    for (const r of rows) yield toEvent(r);
  }
}
