import type { Appointment } from '../../common/wire/admin.js';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import {
  assertBookable,
  codeFrom,
  isNoShow,
  localClock,
  maskPhone,
  slotsFor,
  type LocalClock,
  type Slot,
} from '../domain/appointments.js';
import { DomainError } from '../domain/errors.js';
import type { AppointmentRecord } from '../store/appointment-repo.js';
import type { Actor } from '../store/event-log.js';
import type { AppContext } from './context.js';
import { hmacIdNumber, toIdentity } from './identity-service.js';

export interface BookRequest {
  serviceId: string;
  date: string;
  slotStart: string;
  name: string;
  idNumber: string;
  phone?: string;
  idempotencyKey?: string;
  /** Who may reuse the key (the platform or user that sent it). */
  scope: string;
  actor: Actor;
  /** The booking platform that made it (it alone may cancel it, besides staff). */
  clientId: string | null;
}

/** What platforms and staff see of an appointment: nothing that identifies the person in clear. */
/** What staff and platforms see: the wire's Appointment. */
export type AppointmentView = Appointment;

export const viewOf = ({ idHmac: _h, attempts: _a, clientId: _c, ...v }: AppointmentRecord): AppointmentView => v;

/** Appointments from external booking platforms: slots, booking, cancelling, the no-show sweep. */
export class Appointments {
  private timer: NodeJS.Timeout | null = null;

  constructor(private ctx: AppContext) {}

  clock(): LocalClock {
    return localClock(this.ctx.now(), this.ctx.settings().timeZone);
  }

  slotList(serviceId: string, date: string): Slot[] {
    const service = this.ctx.store.config.service(serviceId);
    if (!service) throw new DomainError('SERVICE_NOT_FOUND', `There is no service "${serviceId}"`, 'serviceId');
    const s = this.ctx.settings();
    const rules = {
      hours: s.appointmentHours,
      slotMinutes: s.appointmentSlotMinutes,
      capacity: service.appointmentCapacity ?? s.appointmentCapacity,
      weekdays: s.appointmentWeekdays,
    };
    return slotsFor(date, rules, this.ctx.store.appointments.slotDay(serviceId, date));
  }

  /** Slots of a service on a day with what is left of each. */
  slots(serviceId: string, date: string): (Slot & { booked: number; available: number })[] {
    const booked = this.ctx.store.appointments.bookedPerSlot(serviceId, date);
    return this.slotList(serviceId, date).map((s) => {
      const n = booked.get(s.start) ?? 0;
      return { ...s, booked: n, available: Math.max(0, s.capacity - n) };
    });
  }

  /** An administrator's own slots for one service and day (null: back to the generated ones). */
  setSlots(serviceId: string, date: string, slots: Slot[] | null, actor: Actor): void {
    const { store } = this.ctx;
    if (!store.config.service(serviceId)) throw new DomainError('SERVICE_NOT_FOUND', `There is no service "${serviceId}"`, 'serviceId');
    store.tx(() => {
      store.appointments.setSlotDay(serviceId, date, slots);
      store.events.append({ type: 'config.appointment_slots.saved', at: this.ctx.now().toISOString() }, actor, { serviceId, date, slots });
    });
  }

  book(r: BookRequest): { appointment: AppointmentView; replayed: boolean } {
    const { store } = this.ctx;
    const person = hmacIdNumber(r.idNumber, this.ctx.idHmacKey);
    // Keyed: with the masked phone (138****5678) stored, a plain hash over the phone gives it back in 10,000 tries.
    const hash = createHmac('sha256', this.ctx.idHmacKey).update(JSON.stringify([r.serviceId, r.date, r.slotStart, person, r.phone ?? null])).digest('hex');
    return store.tx(() => {
      if (r.idempotencyKey) {
        const seen = store.appointments.findKey(r.scope, r.idempotencyKey);
        if (seen) {
          if (seen.requestHash !== hash) {
            throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different booking; send a new key', 'Idempotency-Key');
          }
          return { appointment: viewOf(store.appointments.get(seen.appointmentId)!), replayed: true };
        }
      }
      const identity = toIdentity({ name: r.name, idNumber: r.idNumber }, this.ctx.idHmacKey);
      const slots = this.slotList(r.serviceId, r.date);
      const booked = store.appointments.bookedPerSlot(r.serviceId, r.date).get(r.slotStart) ?? 0;
      const slot = assertBookable(r, slots, booked, this.clock(), this.ctx.settings().appointmentDaysAhead);
      const clash = store.appointments
        .forPerson(identity.idHmac, r.date)
        .find((a) => a.serviceId === r.serviceId && (a.status === 'booked' || a.status === 'checked_in'));
      if (clash) {
        throw new DomainError('APPOINTMENT_EXISTS', `This person already has an appointment for this service on ${r.date} at ${clash.slotStart}`);
      }
      const at = this.ctx.now().toISOString();
      const a: AppointmentRecord = {
        id: randomUUID(),
        code: this.newCode(),
        serviceId: r.serviceId,
        date: r.date,
        slotStart: slot.start,
        slotEnd: slot.end,
        maskedName: identity.maskedName,
        maskedIdNumber: identity.maskedIdNumber,
        idHmac: identity.idHmac,
        maskedPhone: r.phone ? maskPhone(r.phone) : null,
        status: 'booked',
        ticketId: null,
        attempts: 0,
        clientId: r.clientId,
        createdAt: at,
        updatedAt: at,
      };
      store.appointments.insert(a);
      if (r.idempotencyKey) store.appointments.saveKey(r.scope, r.idempotencyKey, hash, a.id, at);
      this.audit('appointment.booked', a, r.actor, {});
      return { appointment: viewOf(a), replayed: false };
    });
  }

  /** Cancels a booked appointment; a platform may cancel only its own. Cancelling twice is harmless. */
  cancel(id: string, actor: Actor, clientId: string | null): AppointmentView {
    const { store } = this.ctx;
    return store.tx(() => {
      const a = store.appointments.get(id);
      if (!a || (clientId !== null && a.clientId !== clientId)) {
        throw new DomainError('APPOINTMENT_NOT_FOUND', `There is no appointment "${id}"`, 'id');
      }
      if (a.status === 'cancelled') return viewOf(a);
      if (a.status !== 'booked') {
        throw new DomainError('APPOINTMENT_NOT_CANCELLABLE', `The appointment is ${a.status.replace('_', '-')} and can no longer be cancelled`);
      }
      const next = { ...a, status: 'cancelled' as const, updatedAt: this.ctx.now().toISOString() };
      store.appointments.update(a.id, { status: next.status, ticketId: null, attempts: a.attempts, updatedAt: next.updatedAt });
      this.audit('appointment.cancelled', a, actor, {});
      return viewOf(next);
    });
  }

  list(date: string, serviceId?: string): AppointmentView[] {
    return this.ctx.store.appointments.list(date, serviceId).map(viewOf);
  }

  /** Marks every booked appointment whose check-in time has run out as a no-show. */
  sweepNoShows(): number {
    const { store } = this.ctx;
    const clock = this.clock();
    const late = this.ctx.settings().appointmentLateMinutes;
    return store.tx(() => {
      let n = 0;
      for (const a of store.appointments.bookedUntil(clock.date)) {
        if (!isNoShow(a, clock, late)) continue;
        this.markNoShow(a);
        n++;
      }
      return n;
    });
  }

  markNoShow(a: AppointmentRecord): void {
    this.ctx.store.appointments.update(a.id, { status: 'no_show', ticketId: null, attempts: a.attempts, updatedAt: this.ctx.now().toISOString() });
    this.audit('appointment.no_show', a, { kind: 'system', id: null }, {});
  }

  /** Booking-platform callbacks (server/app/notify): called in the same transaction as the change. */
  afterAudit: ((type: string, a: AppointmentRecord, extra: { ticketNumber?: string }) => void) | null = null;

  audit(type: string, a: AppointmentRecord, actor: Actor, extra: object, ticketId?: string): void {
    const data = { appointmentId: a.id, serviceId: a.serviceId, date: a.date, slotStart: a.slotStart, ...extra };
    this.ctx.store.events.append({ type, at: this.ctx.now().toISOString(), ticketId: ticketId ?? null }, actor, data);
    this.afterAudit?.(type, a, extra);
  }

  /** Runs the no-show sweep every `everyMs` (and once now), so a rolled-over day is settled too. */
  startSweeper(everyMs = 60_000): void {
    this.stopSweeper();
    const run = () => {
      try {
        const n = this.sweepNoShows();
        if (n > 0) this.ctx.log.info({ n }, 'appointments marked no-show');
      } catch (err) {
        this.ctx.log.error({ err }, 'appointment no-show sweep failed');
      }
    };
    run();
    this.timer = setInterval(run, everyMs);
    this.timer.unref();
  }

  stopSweeper(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private newCode(): string {
    for (let i = 0; i < 20; i++) {
      const code = codeFrom(randomBytes(8), i < 10 ? 6 : 8);
      if (!this.ctx.store.appointments.codeTaken(code)) return code;
    }
    throw new DomainError('CODE_SPACE_EXHAUSTED', 'Could not make a unique check-in code; try again');
  }
}
