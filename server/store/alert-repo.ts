import type { AlertKind, SupervisionAlert } from '../../common/supervision.js';
import type { LocalizedText } from '../../common/types.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

interface Row {
  id: number;
  key: string;
  kind: AlertKind;
  window_id: string | null;
  service_id: string | null;
  ticket_id: string | null;
  value: number;
  threshold: number;
  message: string;
  count: number | null;
  messages: string | null;
  updated_at: string | null;
  raised_at: string;
  resolved_at: string | null;
  acked_at: string | null;
  acked_by: string | null;
}

const toAlert = (r: Row): SupervisionAlert => ({
  id: r.id,
  kind: r.kind,
  message: r.message,
  at: r.raised_at,
  windowId: r.window_id,
  serviceId: r.service_id,
  ticketId: r.ticket_id,
  value: r.value,
  threshold: r.threshold,
  count: r.count ?? 1,
  messages: r.messages ? (JSON.parse(r.messages) as LocalizedText) : { 'zh-CN': r.message },
  updatedAt: r.updated_at ?? null,
  resolvedAt: r.resolved_at,
  ackedAt: r.acked_at,
  ackedBy: r.acked_by,
});

export interface NewAlert {
  key: string;
  kind: AlertKind;
  windowId: string | null;
  serviceId: string | null;
  ticketId: string | null;
  value: number;
  threshold: number;
  count: number;
  message: string;
  messages: LocalizedText;
  at: string;
}

/** Supervision alerts: raised once per condition, resolved when it clears, acknowledged by a person. */
export class AlertRepo {
  private sql: Statements;

  constructor(db: Db) {
    this.sql = new Statements(db);
  }

  /** The alerts whose condition still held at the last sweep, by key: their count and worst value. */
  live(): Map<string, { count: number; value: number }> {
    const rows = this.sql.q('SELECT key, count, value FROM alerts WHERE resolved_at IS NULL').all() as { key: string; count: number; value: number }[];
    return new Map(rows.map((r) => [r.key, { count: r.count, value: r.value }]));
  }

  raise(a: NewAlert): SupervisionAlert {
    const info = this.sql
      .q(
        `INSERT INTO alerts (key, kind, window_id, service_id, ticket_id, value, threshold, message, count, messages, raised_at)
         VALUES (@key, @kind, @windowId, @serviceId, @ticketId, @value, @threshold, @message, @count, @messages, @at)`,
      )
      .run({ ...a, messages: JSON.stringify(a.messages) });
    return this.get(Number(info.lastInsertRowid))!;
  }

  /** A live alert's new count, worst value and texts; returns it, or null if it is no longer live. */
  update(a: NewAlert): SupervisionAlert | null {
    const r = this.sql
      .q(
        `UPDATE alerts SET count = @count, value = @value, ticket_id = @ticketId, message = @message, messages = @messages, updated_at = @at
         WHERE key = @key AND resolved_at IS NULL RETURNING id`,
      )
      .get({ ...a, messages: JSON.stringify(a.messages) }) as { id: number } | undefined;
    return r ? this.get(r.id) : null;
  }

  resolve(key: string, at: string): void {
    this.sql.q('UPDATE alerts SET resolved_at = ? WHERE key = ? AND resolved_at IS NULL').run(at, key);
  }

  resolveId(id: number, at: string): void {
    this.sql.q('UPDATE alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL').run(at, id);
  }

  /** The open alert of a condition, if any. */
  liveByKey(key: string): SupervisionAlert | null {
    const r = this.sql.q('SELECT * FROM alerts WHERE key = ? AND resolved_at IS NULL ORDER BY id DESC LIMIT 1').get(key) as Row | undefined;
    return r ? toAlert(r) : null;
  }

  get(id: number): SupervisionAlert | null {
    const r = this.sql.q('SELECT * FROM alerts WHERE id = ?').get(id) as Row | undefined;
    return r ? toAlert(r) : null;
  }

  ack(id: number, by: string | null, at: string): void {
    this.sql.q('UPDATE alerts SET acked_at = ?, acked_by = ? WHERE id = ? AND acked_at IS NULL').run(at, by, id);
  }

  /** Newest first; `unacked` = only those nobody has acknowledged yet. */
  list(opts: { unacked: boolean; limit: number }): SupervisionAlert[] {
    const sql = `SELECT * FROM alerts ${opts.unacked ? 'WHERE acked_at IS NULL' : ''} ORDER BY id DESC LIMIT ?`;
    return (this.sql.q(sql).all(opts.limit) as Row[]).map(toAlert);
  }
}
