import type { Db } from './db.js';
import { Statements } from './statements.js';

export interface OutboxRow {
  id: number;
  key: string;
  target: string;
  kind: string;
  payload: string;
  status: 'pending' | 'sent' | 'failed' | 'expired';
  attempts: number;
  nextAt: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** The ticket a citizen message is about (null for booking callbacks). */
  ticketId: string | null;
}

type Row = { id: number; key: string; target: string; kind: string; payload: string; status: OutboxRow['status']; attempts: number; next_at: number; last_error: string | null; created_at: string; sent_at: string | null; ticket_id: string | null };
const toRow = (r: Row): OutboxRow => ({ id: r.id, key: r.key, target: r.target, kind: r.kind, payload: r.payload, status: r.status, attempts: r.attempts, nextAt: r.next_at, lastError: r.last_error, createdAt: r.created_at, sentAt: r.sent_at, ticketId: r.ticket_id });

/** The notification outbox (migrations 012, 014). */
export class OutboxRepo {
  private sql: Statements;

  constructor(db: Db) {
    this.sql = new Statements(db);
  }

  /** Queues a message once per key; returns false when the key was already queued. */
  enqueue(m: { key: string; target: string; kind: string; payload: unknown; at: string; nextAt: number; ticketId?: string | null }): boolean {
    return (
      this.sql
        .q('INSERT OR IGNORE INTO notify_outbox (key, target, kind, payload, next_at, created_at, ticket_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(m.key, m.target, m.kind, JSON.stringify(m.payload), m.nextAt, m.at, m.ticketId ?? null).changes > 0
    );
  }

  /** Which of these keys are already queued (one read, whatever their number). */
  existingKeys(keys: readonly string[]): Set<string> {
    if (keys.length === 0) return new Set();
    const rows = this.sql.q('SELECT key FROM notify_outbox WHERE key IN (SELECT value FROM json_each(?))').all(JSON.stringify(keys)) as { key: string }[];
    return new Set(rows.map((r) => r.key));
  }

  /** The targets with a message due now, longest-waiting first. */
  dueTargets(now: number, limit = 100): string[] {
    return (this.sql.q("SELECT target FROM notify_outbox WHERE status = 'pending' AND next_at <= ? GROUP BY target ORDER BY MIN(next_at) LIMIT ?").all(now, limit) as { target: string }[]).map((r) => r.target);
  }

  /** One target's messages due now, in order. */
  dueFor(target: string, now: number, limit = 20): OutboxRow[] {
    return (this.sql.q("SELECT * FROM notify_outbox WHERE status = 'pending' AND target = ? AND next_at <= ? ORDER BY next_at, id LIMIT ?").all(target, now, limit) as Row[]).map(toRow);
  }

  /** A message whose moment passed: never sent. */
  expired(id: number, reason: string): void {
    this.sql.q("UPDATE notify_outbox SET status = 'expired', last_error = ? WHERE id = ? AND status = 'pending'").run(reason, id);
  }

  /** Messages by kind and status (for the metrics). */
  counts(): { kind: string; status: OutboxRow['status']; n: number }[] {
    return this.sql.q('SELECT kind, status, COUNT(*) AS n FROM notify_outbox GROUP BY kind, status').all() as { kind: string; status: OutboxRow['status']; n: number }[];
  }

  nextDue(): number | null {
    const r = this.sql.q("SELECT MIN(next_at) AS n FROM notify_outbox WHERE status = 'pending'").get() as { n: number | null };
    return r.n;
  }

  sent(id: number, at: string): void {
    this.sql.q("UPDATE notify_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ?").run(at, id);
  }

  /** A failed try: retried at `nextAt`, or given up (`failed`) when it is null. */
  failed(id: number, error: string, nextAt: number | null): void {
    this.sql
      .q("UPDATE notify_outbox SET attempts = attempts + 1, last_error = ?, next_at = COALESCE(?, next_at), status = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END WHERE id = ?")
      .run(error.slice(0, 300), nextAt, nextAt, id);
  }

  list(limit = 100): OutboxRow[] {
    return (this.sql.q('SELECT * FROM notify_outbox ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(toRow);
  }

  /** Retention: messages of earlier days go with the other records. */
  deleteBefore(iso: string): number {
    return this.sql.q("DELETE FROM notify_outbox WHERE created_at < ? AND status <> 'pending'").run(iso).changes;
  }
}
