import type { PriorityClass } from '../../common/types.js';
import { localParts } from './business-day.js';
import { DomainError } from './errors.js';

/** One bookable time range of one service on one day; times are local HH:MM. */
export interface Slot {
  start: string;
  end: string;
  capacity: number;
}

export interface OpeningHours {
  from: string;
  to: string;
}

export type AppointmentStatus = 'booked' | 'checked_in' | 'cancelled' | 'no_show';

export interface AppointmentTimes {
  date: string;
  slotStart: string;
  slotEnd: string;
}

/** Wall-clock date and minute of the day in the hall's zone. */
export interface LocalClock {
  date: string;
  minutes: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function localClock(at: Date, timeZone: string): LocalClock {
  const p = localParts(at, timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, minutes: p.hour * 60 + p.minute };
}

export function toMinutes(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new DomainError('INVALID_TIME', `"${hhmm}" is not a time of day (HH:MM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export const fromMinutes = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD date. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Slots of `slotMinutes` inside the opening hours; a slot never runs past its range's end. */
export function generateSlots(hours: readonly OpeningHours[], slotMinutes: number, capacity: number): Slot[] {
  if (capacity <= 0 || slotMinutes <= 0) return [];
  const out: Slot[] = [];
  for (const h of hours) {
    const to = toMinutes(h.to);
    for (let m = toMinutes(h.from); m + slotMinutes <= to; m += slotMinutes) {
      out.push({ start: fromMinutes(m), end: fromMinutes(m + slotMinutes), capacity });
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

export interface SlotRules {
  hours: readonly OpeningHours[];
  slotMinutes: number;
  /** Per slot; 0 = the service takes no appointments. */
  capacity: number;
  weekdays: readonly number[];
}

/** An admin's slots for that day win; otherwise the generated ones on open weekdays. */
export function slotsFor(date: string, rules: SlotRules, override: Slot[] | null): Slot[] {
  if (override) return [...override].sort((a, b) => a.start.localeCompare(b.start));
  if (!rules.weekdays.includes(weekdayOf(date))) return [];
  return generateSlots(rules.hours, rules.slotMinutes, rules.capacity);
}

/** The slot a booking asks for, refusing past days, days too far ahead, started and full slots. */
export function assertBookable(
  req: { date: string; slotStart: string },
  slots: readonly Slot[],
  booked: number,
  now: LocalClock,
  daysAhead: number,
): Slot {
  const ahead = daysBetween(now.date, req.date);
  if (ahead < 0) throw new DomainError('APPOINTMENT_DATE_PAST', `${req.date} has passed`, 'date');
  if (ahead > daysAhead) throw new DomainError('APPOINTMENT_TOO_FAR', `Appointments can be made at most ${daysAhead} days ahead`, 'date');
  const slot = slots.find((s) => s.start === req.slotStart);
  if (!slot) throw new DomainError('SLOT_NOT_FOUND', `There is no slot at ${req.slotStart} on ${req.date} for this service`, 'slotStart');
  if (ahead === 0 && toMinutes(slot.start) <= now.minutes) {
    throw new DomainError('SLOT_STARTED', `The ${slot.start} slot has already started; choose a later one`, 'slotStart');
  }
  if (booked >= slot.capacity) throw new DomainError('SLOT_FULL', `The ${slot.start} slot on ${req.date} is fully booked`, 'slotStart');
  return slot;
}

export type CheckInPhase = 'other_day' | 'too_early' | 'on_time' | 'late';

/**
 * On time: from `early` minutes before the slot starts to `late` minutes after
 * it started. Later the same day is late (handled by the hall's late rule).
 */
export function checkInPhase(a: AppointmentTimes, now: LocalClock, early: number, late: number): CheckInPhase {
  if (a.date !== now.date) return 'other_day';
  const start = toMinutes(a.slotStart);
  if (now.minutes < start - early) return 'too_early';
  if (now.minutes <= start + late) return 'on_time';
  return 'late';
}

/** The ticket class a check-in gets, or the refusal the kiosk shows. */
export function checkInClass(
  a: AppointmentTimes & { status: AppointmentStatus },
  now: LocalClock,
  rules: { early: number; late: number; lateRule: 'normal' | 'refuse' },
): { priority: PriorityClass; late: boolean } {
  if (a.status === 'cancelled') throw new DomainError('APPOINTMENT_CANCELLED', 'This appointment was cancelled; please take a normal ticket');
  if (a.status === 'no_show') {
    throw new DomainError('APPOINTMENT_MISSED', 'This appointment was missed (no check-in in time); please take a normal ticket');
  }
  const phase = checkInPhase(a, now, rules.early, rules.late);
  if (phase === 'other_day') throw new DomainError('APPOINTMENT_NOT_TODAY', `This appointment is for ${a.date} at ${a.slotStart}, not today`);
  if (phase === 'too_early') {
    throw new DomainError('APPOINTMENT_TOO_EARLY', `Check-in opens at ${fromMinutes(Math.max(0, toMinutes(a.slotStart) - rules.early))}; please come back then`);
  }
  if (phase === 'on_time') return { priority: 'appointment', late: false };
  if (rules.lateRule === 'refuse') {
    throw new DomainError('APPOINTMENT_LATE', `Check-in for the ${a.slotStart} appointment closed at ${fromMinutes(toMinutes(a.slotStart) + rules.late)}; please book again or take a normal ticket`);
  }
  return { priority: 'normal', late: true };
}

/** Not checked in by the slot's end plus the late allowance (or on an earlier day): a no-show. */
export function isNoShow(a: AppointmentTimes & { status: AppointmentStatus }, now: LocalClock, late: number): boolean {
  if (a.status !== 'booked') return false;
  if (a.date < now.date) return true;
  return a.date === now.date && now.minutes > toMinutes(a.slotEnd) + late;
}

/** Check-in codes avoid characters people mix up (0/O, 1/I/L). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function codeFrom(bytes: Uint8Array, length = 6): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[bytes[i] % CODE_ALPHABET.length];
  return out;
}

export function normalizeCode(code: string): string {
  return code.trim().toUpperCase().replace(/[\s-]/g, '');
}

/** 138****5678: enough for staff to recognise, useless to anyone else. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}
