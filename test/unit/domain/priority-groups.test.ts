import { describe, expect, it } from 'vitest';
import { classForCategory, isElderly, isPriorityClass, type PriorityCategory } from '../../../server/domain/priority-groups.js';
import { eligibleFor, selectNext } from '../../../server/domain/selection.js';
import { ticket, windowDef } from './fixtures.js';

const cat = (over: Partial<PriorityCategory> = {}): PriorityCategory => ({
  id: 'veteran',
  name: { 'zh-CN': '退役军人' },
  priorityClass: 'priority',
  active: true,
  sortOrder: 0,
  ...over,
});

describe('classForCategory', () => {
  it('gives the class the category maps to', () => {
    expect(classForCategory(cat(), 'veteran', undefined)).toBe('priority');
    expect(classForCategory(cat({ priorityClass: 'green' }), 'green', undefined)).toBe('green');
    expect(classForCategory(cat({ priorityClass: 'green' }), 'green', 'green')).toBe('green');
    expect(classForCategory(cat(), 'veteran', 'normal')).toBe('priority');
  });

  it('refuses unknown, retired and contradicting choices with their own codes', () => {
    expect(() => classForCategory(null, 'nope', undefined)).toThrow(expect.objectContaining({ code: 'PRIORITY_CATEGORY_NOT_FOUND', field: 'priorityCategory' }));
    expect(() => classForCategory(cat({ active: false }), 'veteran', undefined)).toThrow(expect.objectContaining({ code: 'PRIORITY_CATEGORY_INACTIVE' }));
    expect(() => classForCategory(cat(), 'veteran', 'green')).toThrow(expect.objectContaining({ code: 'PRIORITY_CATEGORY_MISMATCH' }));
    expect(() => classForCategory(cat(), 'veteran', 'appointment')).toThrow(expect.objectContaining({ code: 'PRIORITY_CATEGORY_MISMATCH' }));
  });
});

describe('isElderly (automatic elderly priority from the card birth date)', () => {
  it('qualifies from the birthday on which the age is reached', () => {
    expect(isElderly('1956-03-07', '2026-03-07', 70)).toBe(true);
    expect(isElderly('1956-03-07', '2026-03-06', 70)).toBe(false);
    expect(isElderly('1940-01-01', '2026-03-06', 70)).toBe(true);
    expect(isElderly('1990-03-07', '2026-03-06', 70)).toBe(false);
  });

  it('handles a 29 February birthday', () => {
    expect(isElderly('1956-02-29', '2026-02-28', 70)).toBe(false);
    expect(isElderly('1956-02-29', '2026-03-01', 70)).toBe(true);
  });

  it('is off at 0 and never guesses without a birth date', () => {
    expect(isElderly('1920-01-01', '2026-03-06', 0)).toBe(false);
    expect(isElderly(null, '2026-03-06', 70)).toBe(false);
    expect(isElderly(undefined, '2026-03-06', 70)).toBe(false);
    expect(isElderly('not a date', '2026-03-06', 70)).toBe(false);
  });

  it('follows a configured age', () => {
    expect(isElderly('1961-06-01', '2026-06-01', 65)).toBe(true);
    expect(isElderly('1961-06-01', '2026-06-01', 66)).toBe(false);
  });
});

describe('priority-only windows', () => {
  const green = ticket({ id: 'g', seq: 3, priority: 'green', queuedAt: '2026-11-28T01:03:00.000Z' });
  const prio = ticket({ id: 'p', seq: 2, priority: 'priority', queuedAt: '2026-11-28T01:02:00.000Z' });
  const appt = ticket({ id: 'a', seq: 4, priority: 'appointment', queuedAt: '2026-11-28T01:00:30.000Z' });
  const normal = ticket({ id: 'n', seq: 1, queuedAt: '2026-11-28T01:00:00.000Z' });
  const sent = ticket({ id: 's', seq: 5, targetWindowId: 'w5', queuedAt: '2026-11-28T01:05:00.000Z' });
  const ctx = { policy: 'strict' as const, fairnessRatio: 2, streaks: new Map<string, number>(), now: new Date('2026-11-28T02:00:00Z') };

  it('only green and priority classes count as priority', () => {
    expect(['green', 'priority', 'appointment', 'normal'].map((p) => isPriorityClass(p as never))).toEqual([true, true, false, false]);
  });

  it('calls green and priority tickets (and tickets sent to it), never normal or appointment ones', () => {
    const w = { ...windowDef('w5', [{ serviceId: 'svc-a' }]), priorityOnly: true };
    expect(eligibleFor(w, [green, prio, appt, normal, sent]).map((t) => t.id).sort()).toEqual(['g', 'p', 's']);
    expect(selectNext(w, [appt, normal], ctx)).toBeNull();
    expect(selectNext(w, [prio, appt, normal], ctx)?.id).toBe('p');
    expect(selectNext(w, [prio, green, normal], ctx)?.id).toBe('g');
  });

  it('the fairness streak does not make a priority-only window call a normal ticket', () => {
    const w = { ...windowDef('w5', [{ serviceId: 'svc-a' }]), priorityOnly: true };
    expect(selectNext(w, [prio, normal], { ...ctx, streaks: new Map([['svc-a', 5]]) })?.id).toBe('p');
  });

  it('an ordinary window still serves everyone', () => {
    const w = windowDef('w1', [{ serviceId: 'svc-a' }]);
    expect(eligibleFor(w, [green, prio, appt, normal]).length).toBe(4);
  });
});

describe('isElderly with bad card data', () => {
  it('an impossible or future birth date grants nothing (and does not throw)', () => {
    expect(isElderly('2030-01-01', '2026-03-06', 70)).toBe(false);
    expect(isElderly('1950-02-30', '2026-03-06', 70)).toBe(false);
  });
});
