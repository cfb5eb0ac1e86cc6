import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  assertBookable,
  checkInClass,
  checkInPhase,
  codeFrom,
  daysBetween,
  generateSlots,
  isNoShow,
  localClock,
  maskPhone,
  normalizeCode,
  slotsFor,
  toMinutes,
  weekdayOf,
} from '../../../server/domain/appointments.js';

const HOURS = [
  { from: '09:00', to: '12:00' },
  { from: '13:30', to: '17:00' },
];
const clock = (date: string, hhmm: string) => ({ date, minutes: toMinutes(hhmm) });

describe('slots', () => {
  it('generates slots inside the opening hours, none running past a range end', () => {
    const slots = generateSlots(HOURS, 30, 2);
    expect(slots).toHaveLength(6 + 7);
    expect(slots[0]).toEqual({ start: '09:00', end: '09:30', capacity: 2 });
    expect(slots[5]).toEqual({ start: '11:30', end: '12:00', capacity: 2 });
    expect(slots[6].start).toBe('13:30');
    expect(slots.at(-1)).toEqual({ start: '16:30', end: '17:00', capacity: 2 });
    expect(generateSlots([{ from: '09:00', to: '10:10' }], 30, 1).map((s) => s.start)).toEqual(['09:00', '09:30']);
  });

  it('capacity 0 means no appointments', () => {
    expect(generateSlots(HOURS, 30, 0)).toEqual([]);
  });

  it('weekdays: Monday 1 … Sunday 7; closed days have no slots', () => {
    expect(weekdayOf('2026-03-02')).toBe(1);
    expect(weekdayOf('2026-03-08')).toBe(7);
    const rules = { hours: HOURS, slotMinutes: 60, capacity: 3, weekdays: [1, 2, 3, 4, 5] };
    expect(slotsFor('2026-03-07', rules, null)).toEqual([]);
    expect(slotsFor('2026-03-06', rules, null).length).toBeGreaterThan(0);
  });

  it("an administrator's slots for the day win, even on a closed day; [] closes a working day", () => {
    const rules = { hours: HOURS, slotMinutes: 60, capacity: 3, weekdays: [1, 2, 3, 4, 5] };
    const own = [{ start: '10:00', end: '11:00', capacity: 9 }, { start: '08:00', end: '09:00', capacity: 1 }];
    expect(slotsFor('2026-03-07', rules, own).map((s) => s.start)).toEqual(['08:00', '10:00']);
    expect(slotsFor('2026-03-06', rules, [])).toEqual([]);
  });

  it('times and days', () => {
    expect(toMinutes('13:45')).toBe(825);
    expect(() => toMinutes('25:00')).toThrow(expect.objectContaining({ code: 'INVALID_TIME' }));
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(localClock(new Date('2026-03-06T01:20:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-03-06', minutes: 9 * 60 + 20 });
    expect(localClock(new Date('2026-03-06T17:00:00Z'), 'Asia/Shanghai').date).toBe('2026-03-07');
  });
});

describe('assertBookable', () => {
  const slots = generateSlots(HOURS, 30, 2);
  const now = clock('2026-03-06', '10:10');

  it('gives the slot when there is room', () => {
    expect(assertBookable({ date: '2026-03-09', slotStart: '09:00' }, slots, 1, now, 14)).toEqual({ start: '09:00', end: '09:30', capacity: 2 });
    expect(assertBookable({ date: '2026-03-06', slotStart: '10:30' }, slots, 0, now, 14).start).toBe('10:30');
  });

  it('refuses full, unknown, started, past and too-far slots with their own codes', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { code: string }).code;
      }
      return 'ok';
    };
    expect(code(() => assertBookable({ date: '2026-03-09', slotStart: '09:00' }, slots, 2, now, 14))).toBe('SLOT_FULL');
    expect(code(() => assertBookable({ date: '2026-03-09', slotStart: '12:00' }, slots, 0, now, 14))).toBe('SLOT_NOT_FOUND');
    expect(code(() => assertBookable({ date: '2026-03-06', slotStart: '10:00' }, slots, 0, now, 14))).toBe('SLOT_STARTED');
    expect(code(() => assertBookable({ date: '2026-03-05', slotStart: '10:00' }, slots, 0, now, 14))).toBe('APPOINTMENT_DATE_PAST');
    expect(code(() => assertBookable({ date: '2026-03-21', slotStart: '10:00' }, slots, 0, now, 14))).toBe('APPOINTMENT_TOO_FAR');
    expect(code(() => assertBookable({ date: '2026-03-20', slotStart: '10:00' }, slots, 0, now, 14))).toBe('ok');
  });
});

describe('check-in', () => {
  const appt = { date: '2026-03-06', slotStart: '10:00', slotEnd: '10:30', status: 'booked' as const };
  const rules = { early: 30, late: 15, lateRule: 'normal' as const };

  it('phases: too early, on time from 30 before to 15 after the start, then late', () => {
    expect(checkInPhase(appt, clock('2026-03-06', '09:29'), 30, 15)).toBe('too_early');
    expect(checkInPhase(appt, clock('2026-03-06', '09:30'), 30, 15)).toBe('on_time');
    expect(checkInPhase(appt, clock('2026-03-06', '10:15'), 30, 15)).toBe('on_time');
    expect(checkInPhase(appt, clock('2026-03-06', '10:16'), 30, 15)).toBe('late');
    expect(checkInPhase(appt, clock('2026-03-05', '10:00'), 30, 15)).toBe('other_day');
  });

  it('on time gives an appointment ticket', () => {
    expect(checkInClass(appt, clock('2026-03-06', '09:45'), rules)).toEqual({ priority: 'appointment', late: false });
  });

  it("late: a normal ticket under lateRule 'normal', refused under 'refuse'", () => {
    expect(checkInClass(appt, clock('2026-03-06', '10:20'), rules)).toEqual({ priority: 'normal', late: true });
    expect(() => checkInClass(appt, clock('2026-03-06', '10:20'), { ...rules, lateRule: 'refuse' })).toThrow(
      expect.objectContaining({ code: 'APPOINTMENT_LATE' }),
    );
  });

  it('too early says when to come back; other days, cancelled and missed appointments are refused', () => {
    expect(() => checkInClass(appt, clock('2026-03-06', '09:00'), rules)).toThrow(
      expect.objectContaining({ code: 'APPOINTMENT_TOO_EARLY', message: expect.stringContaining('09:30') }),
    );
    expect(() => checkInClass(appt, clock('2026-03-07', '10:00'), rules)).toThrow(expect.objectContaining({ code: 'APPOINTMENT_NOT_TODAY' }));
    expect(() => checkInClass({ ...appt, status: 'cancelled' }, clock('2026-03-06', '10:00'), rules)).toThrow(
      expect.objectContaining({ code: 'APPOINTMENT_CANCELLED' }),
    );
    expect(() => checkInClass({ ...appt, status: 'no_show' }, clock('2026-03-06', '10:00'), rules)).toThrow(
      expect.objectContaining({ code: 'APPOINTMENT_MISSED' }),
    );
  });

  it('no-show: booked and not checked in by slot end + late, or on an earlier day', () => {
    expect(isNoShow(appt, clock('2026-03-06', '10:45'), 15)).toBe(false);
    expect(isNoShow(appt, clock('2026-03-06', '10:46'), 15)).toBe(true);
    expect(isNoShow(appt, clock('2026-03-07', '00:01'), 15)).toBe(true);
    expect(isNoShow(appt, clock('2026-03-05', '23:00'), 15)).toBe(false);
    expect(isNoShow({ ...appt, status: 'checked_in' }, clock('2026-03-07', '12:00'), 15)).toBe(false);
    expect(isNoShow({ ...appt, status: 'cancelled' }, clock('2026-03-07', '12:00'), 15)).toBe(false);
  });
});

describe('codes and masks', () => {
  it('codes use an alphabet without look-alike characters', () => {
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
    const code = codeFrom(new Uint8Array([0, 1, 2, 3, 250, 255, 7, 9]));
    expect(code).toHaveLength(6);
    expect([...code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
    expect(codeFrom(new Uint8Array(8).fill(9), 8)).toHaveLength(8);
  });

  it('typed codes are forgiving about case, spaces and dashes', () => {
    expect(normalizeCode(' ab3-k9 x ')).toBe('AB3K9X');
  });

  it('phones keep only the first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('861******5678');
    expect(maskPhone('12345')).toBe('*****');
  });
});
