import type { Db } from './db.js';
import { Statements } from './statements.js';

/** Remembers which ticket a kiosk request key produced, so a retry gets the same one. */
export class IdempotencyRepo {
  private sql: Statements;

  constructor(private db: Db) {
    this.sql = new Statements(db);
  }

  find(scope: string, key: string): { requestHash: string; ticketId: string } | null {
    const r = this.sql
      .q('SELECT request_hash, ticket_id FROM idempotency WHERE scope = ? AND key = ?')
      .get(scope, key) as { request_hash: string; ticket_id: string } | undefined;
    return r ? { requestHash: r.request_hash, ticketId: r.ticket_id } : null;
  }

  save(scope: string, key: string, requestHash: string, ticketId: string, at: string): void {
    this.sql
      .q('INSERT INTO idempotency (scope, key, request_hash, ticket_id, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(scope, key, requestHash, ticketId, at);
  }

  purgeBefore(at: string): number {
    return this.sql.q('DELETE FROM idempotency WHERE created_at < ?').run(at).changes;
  }
}
