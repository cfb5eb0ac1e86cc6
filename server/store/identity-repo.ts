import type { Identity } from '../domain/model.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

/**
 * Tickets' personal data, kept apart from the event log (which is append-only)
 * so that retention can delete it; the tickets table holds a working copy.
 */
export class IdentityRepo {
  private sql: Statements;

  constructor(private db: Db) {
    this.sql = new Statements(db);
  }

  save(ticketId: string, businessDay: string, i: Identity): void {
    this.sql
      .q(
        `INSERT INTO ticket_identities (ticket_id, business_day, masked_name, masked_id, id_hmac)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT(ticket_id) DO NOTHING`,
      )
      .run(ticketId, businessDay, i.maskedName, i.maskedIdNumber, i.idHmac);
  }

  all(): Map<string, Identity> {
    const rows = this.sql.q('SELECT * FROM ticket_identities').all() as {
      ticket_id: string;
      masked_name: string | null;
      masked_id: string | null;
      id_hmac: string;
    }[];
    return new Map(
      rows.map((r) => [r.ticket_id, { maskedName: r.masked_name ?? '', maskedIdNumber: r.masked_id ?? '', idHmac: r.id_hmac }]),
    );
  }

  /**
   * Deletes personal data of business days before `beforeDay`: the identity
   * rows, the tickets' working copy, the idempotency fingerprints (they hash
   * the ID HMAC) and, where the table exists, appointments' identities.
   */
  purgeBefore(beforeDay: string): { identities: number; tickets: number; idempotency: number; appointments: number } {
    const identities = this.sql.q('DELETE FROM ticket_identities WHERE business_day < ?').run(beforeDay).changes;
    const tickets = this.sql
      .q(
        `UPDATE tickets SET masked_name = NULL, masked_id = NULL, id_hmac = NULL
         WHERE business_day < ? AND (id_hmac IS NOT NULL OR masked_name IS NOT NULL)`,
      )
      .run(beforeDay).changes;
    const idempotency = this.sql
      .q('DELETE FROM idempotency WHERE ticket_id IN (SELECT id FROM tickets WHERE business_day < ?)')
      .run(beforeDay).changes;
    return { identities, tickets, idempotency, appointments: this.purgeAppointments(beforeDay) };
  }

  /** Appointments (migration 003) carry a booking's identity: blank the personal columns that exist. */
  private purgeAppointments(beforeDay: string): number {
    const table = this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'appointments'`).get();
    if (!table) return 0;
    const cols = (this.db.prepare('PRAGMA table_info(appointments)').all() as { name: string; notnull: number }[]).filter((c) =>
      /^(masked_name|masked_id|id_hmac|birth_date|name|id_number|phone|masked_phone|citizen_name)$/.test(c.name),
    );
    const dayCol = (this.db.prepare('PRAGMA table_info(appointments)').all() as { name: string }[]).find((c) =>
      ['business_day', 'day', 'slot_day', 'date'].includes(c.name),
    );
    if (cols.length === 0 || !dayCol) return 0;
    const set = cols.map((c) => `${c.name} = ${c.notnull ? "''" : 'NULL'}`).join(', ');
    return this.db.prepare(`UPDATE appointments SET ${set} WHERE ${dayCol.name} < ?`).run(beforeDay).changes;
  }
}
