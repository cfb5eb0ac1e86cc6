import type { RemoteCounts } from '../domain/remote.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

export interface RemoteRow {
  ticketId: string;
  businessDay: string;
  serviceId: string;
  arrivalCode: string;
  arrivedAt: string | null;
}

type Row = { ticket_id: string; business_day: string; service_id: string; arrival_code: string; arrived_at: string | null };
const toRow = (r: Row): RemoteRow => ({ ticketId: r.ticket_id, businessDay: r.business_day, serviceId: r.service_id, arrivalCode: r.arrival_code, arrivedAt: r.arrived_at });
const COLS = 'ticket_id, business_day, service_id, arrival_code, arrived_at';

/** Remote tickets' side data (migration 009): arrival codes and per-device counts. */
export class RemoteRepo {
  private sql: Statements;

  constructor(db: Db) {
    this.sql = new Statements(db);
  }

  insert(r: RemoteRow & { deviceHash: string; addressHash: string }): void {
    this.sql
      .q('INSERT INTO remote_tickets (ticket_id, business_day, service_id, device_hash, arrival_code, address_hash) VALUES (?, ?, ?, ?, ?, ?)')
      .run(r.ticketId, r.businessDay, r.serviceId, r.deviceHash, r.arrivalCode, r.addressHash);
  }

  get(ticketId: string): RemoteRow | null {
    const r = this.sql.q(`SELECT ${COLS} FROM remote_tickets WHERE ticket_id = ?`).get(ticketId) as Row | undefined;
    return r ? toRow(r) : null;
  }

  byCode(businessDay: string, code: string): RemoteRow | null {
    const r = this.sql.q(`SELECT ${COLS} FROM remote_tickets WHERE business_day = ? AND arrival_code = ?`).get(businessDay, code) as Row | undefined;
    return r ? toRow(r) : null;
  }

  /** Today's remote ticket with this ticket number (staff check it in for a citizen by the number on their phone). */
  byNumber(businessDay: string, number: string): RemoteRow | null {
    const r = this.sql
      .q(`SELECT ${COLS.split(', ').map((c) => `r.${c}`).join(', ')} FROM remote_tickets r JOIN tickets t ON t.id = r.ticket_id
          WHERE r.business_day = ? AND t.number = ? LIMIT 1`)
      .get(businessDay, number) as Row | undefined;
    return r ? toRow(r) : null;
  }

  codeTaken(businessDay: string, code: string): boolean {
    return this.byCode(businessDay, code) !== null;
  }

  markArrived(ticketId: string, at: string): void {
    this.sql.q('UPDATE remote_tickets SET arrived_at = ? WHERE ticket_id = ?').run(at, ticketId);
  }

  /** The person's not-yet-arrived remote ticket today (card check-in at the kiosk). */
  unarrivedFor(idHmac: string, businessDay: string): string | null {
    const r = this.sql
      .q(`SELECT t.id FROM tickets t JOIN remote_tickets r ON r.ticket_id = t.id
          WHERE t.id_hmac = ? AND t.business_day = ? AND t.status = 'remote' ORDER BY t.issued_at LIMIT 1`)
      .get(idHmac, businessDay) as { id: string } | undefined;
    return r?.id ?? null;
  }

  /** The tickets a person took online on a business day (arrived or not): their unproven claims. */
  onlineTicketIds(idHmac: string, businessDay: string): Set<string> {
    const rows = this.sql
      .q(`SELECT t.id FROM tickets t JOIN remote_tickets r ON r.ticket_id = t.id WHERE t.id_hmac = ? AND t.business_day = ?`)
      .all(idHmac, businessDay) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Today's counts for the anti-hoarding rules. The service quota counts only tickets still holding a
   * place: an expired (never arrived) or cancelled one gives its place back. Phone, person and address
   * count every take (letting numbers expire is no way round them).
   */
  counts(businessDay: string, serviceId: string, deviceHash: string, idHmac: string, addressHash = ''): RemoteCounts {
    const one = (sql: string, ...args: unknown[]) => (this.sql.q(sql).get(...args) as { n: number }).n;
    return {
      service: one(
        `SELECT COUNT(*) AS n FROM remote_tickets r JOIN tickets t ON t.id = r.ticket_id
         WHERE r.business_day = ? AND r.service_id = ? AND t.status NOT IN ('expired', 'cancelled')`,
        businessDay,
        serviceId,
      ),
      address: addressHash ? one('SELECT COUNT(*) AS n FROM remote_tickets WHERE address_hash = ? AND business_day = ?', addressHash, businessDay) : 0,
      device: one('SELECT COUNT(*) AS n FROM remote_tickets WHERE device_hash = ? AND business_day = ?', deviceHash, businessDay),
      person: one(
        `SELECT COUNT(*) AS n FROM remote_tickets r JOIN tickets t ON t.id = r.ticket_id
         WHERE r.business_day = ? AND t.id_hmac = ?`,
        businessDay,
        idHmac,
      ),
    };
  }

  /** Retention: device hashes and codes of days before `businessDay` go. */
  deleteBefore(businessDay: string): number {
    return this.sql.q('DELETE FROM remote_tickets WHERE business_day < ?').run(businessDay).changes;
  }
}
