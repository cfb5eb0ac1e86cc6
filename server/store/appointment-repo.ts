import type { AppointmentStatus, Slot } from '../domain/appointments.js';
import { z } from 'zod';
import { Appointment } from '../../common/wire/admin.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

/** An appointment as stored: the wire's Appointment plus what never leaves the server. */
export const AppointmentRecord = Appointment.extend({
  idHmac: z.string(),
  /** Check-ins whose ticket was cancelled (a failed print) and tried again. */
  attempts: z.number().int(),
  clientId: z.string().nullable(),
});
export type AppointmentRecord = z.infer<typeof AppointmentRecord>;

type Row = {
  id: string; code: string; service_id: string; day: string; slot_start: string; slot_end: string;
  masked_name: string; masked_id: string; id_hmac: string; masked_phone: string | null; status: AppointmentStatus;
  ticket_id: string | null; attempts: number; client_id: string | null; created_at: string; updated_at: string;
};

const toRecord = (r: Row): AppointmentRecord => ({
  id: r.id,
  code: r.code,
  serviceId: r.service_id,
  date: r.day,
  slotStart: r.slot_start,
  slotEnd: r.slot_end,
  maskedName: r.masked_name,
  maskedIdNumber: r.masked_id,
  idHmac: r.id_hmac,
  maskedPhone: r.masked_phone,
  status: r.status,
  ticketId: r.ticket_id,
  attempts: r.attempts,
  clientId: r.client_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Appointments from booking platforms, admin-defined slot days, and their request keys. */
export class AppointmentRepo {
  private sql: Statements;

  constructor(db: Db) {
    this.sql = new Statements(db);
  }

  insert(a: AppointmentRecord): void {
    this.sql
      .q(
        `INSERT INTO appointments (id, code, service_id, day, slot_start, slot_end, masked_name, masked_id, id_hmac,
           masked_phone, status, ticket_id, attempts, client_id, created_at, updated_at)
         VALUES (@id, @code, @serviceId, @date, @slotStart, @slotEnd, @maskedName, @maskedIdNumber, @idHmac,
           @maskedPhone, @status, @ticketId, @attempts, @clientId, @createdAt, @updatedAt)`,
      )
      .run(a);
  }

  update(id: string, patch: { status: AppointmentStatus; ticketId: string | null; attempts: number; updatedAt: string }): void {
    this.sql
      .q('UPDATE appointments SET status = @status, ticket_id = @ticketId, attempts = @attempts, updated_at = @updatedAt WHERE id = @id')
      .run({ id, ...patch });
  }

  get(id: string): AppointmentRecord | null {
    const r = this.sql.q('SELECT * FROM appointments WHERE id = ?').get(id) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  byCode(code: string): AppointmentRecord | null {
    const r = this.sql.q('SELECT * FROM appointments WHERE code = ?').get(code) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  codeTaken(code: string): boolean {
    return this.sql.q('SELECT 1 FROM appointments WHERE code = ?').get(code) !== undefined;
  }

  /** One person's appointments on a day (looked up by the HMAC of the card's number). */
  forPerson(idHmac: string, date: string): AppointmentRecord[] {
    return (this.sql.q('SELECT * FROM appointments WHERE id_hmac = ? AND day = ? ORDER BY slot_start').all(idHmac, date) as Row[]).map(toRecord);
  }

  list(date: string, serviceId?: string): AppointmentRecord[] {
    const rows = serviceId
      ? this.sql.q('SELECT * FROM appointments WHERE day = ? AND service_id = ? ORDER BY slot_start, created_at').all(date, serviceId)
      : this.sql.q('SELECT * FROM appointments WHERE day = ? ORDER BY slot_start, service_id, created_at').all(date);
    return (rows as Row[]).map(toRecord);
  }

  /** Booked (not cancelled) count per slot start of a service on a day. */
  bookedPerSlot(serviceId: string, date: string): Map<string, number> {
    const rows = this.sql
      .q(`SELECT slot_start, COUNT(*) AS n FROM appointments WHERE service_id = ? AND day = ? AND status <> 'cancelled' GROUP BY slot_start`)
      .all(serviceId, date) as { slot_start: string; n: number }[];
    return new Map(rows.map((r) => [r.slot_start, r.n]));
  }

  /** Booked appointments on or before a day: the candidates for the no-show sweep. */
  bookedUntil(date: string): AppointmentRecord[] {
    return (this.sql.q(`SELECT * FROM appointments WHERE status = 'booked' AND day <= ? ORDER BY day, slot_start`).all(date) as Row[]).map(toRecord);
  }

  slotDay(serviceId: string, date: string): Slot[] | null {
    const r = this.sql.q('SELECT slots FROM appointment_days WHERE service_id = ? AND day = ?').get(serviceId, date) as { slots: string } | undefined;
    return r ? (JSON.parse(r.slots) as Slot[]) : null;
  }

  /** null removes the day's own slots (back to the generated ones). */
  setSlotDay(serviceId: string, date: string, slots: Slot[] | null): void {
    if (slots === null) {
      this.sql.q('DELETE FROM appointment_days WHERE service_id = ? AND day = ?').run(serviceId, date);
      return;
    }
    this.sql
      .q('INSERT INTO appointment_days (service_id, day, slots) VALUES (?, ?, ?) ON CONFLICT(service_id, day) DO UPDATE SET slots = excluded.slots')
      .run(serviceId, date, JSON.stringify(slots));
  }

  findKey(scope: string, key: string): { requestHash: string; appointmentId: string } | null {
    const r = this.sql
      .q('SELECT request_hash, appointment_id FROM appointment_idempotency WHERE scope = ? AND key = ?')
      .get(scope, key) as { request_hash: string; appointment_id: string } | undefined;
    return r ? { requestHash: r.request_hash, appointmentId: r.appointment_id } : null;
  }

  saveKey(scope: string, key: string, requestHash: string, appointmentId: string, at: string): void {
    this.sql
      .q('INSERT INTO appointment_idempotency (scope, key, request_hash, appointment_id, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(scope, key, requestHash, appointmentId, at);
  }
}
