import { describe, expect, it } from 'vitest';
import { checkAtArrival, checkPersonLimits } from '../../../server/domain/limits.js';

const base = { serviceName: '不动产登记', atKiosk: true, hasIdentity: true, heldActive: 0 };

describe('checkPersonLimits (anti-scalper rules)', () => {
  it('a service without rules takes anyone', () => {
    expect(() => checkPersonLimits({}, { ...base, hasIdentity: false })).not.toThrow();
    expect(() => checkPersonLimits({ maxWaitingPerPerson: null }, { ...base, heldActive: 50 })).not.toThrow();
  });

  it('ID card required: a kiosk without a card is refused with a message the kiosk can show', () => {
    const err = (() => {
      try {
        checkPersonLimits({ idCardRequired: true }, { ...base, hasIdentity: false });
      } catch (e) {
        return e as { code: string; message: string };
      }
    })();
    expect(err?.code).toBe('ID_CARD_REQUIRED');
    expect(err?.message).toMatch(/不动产登记.*ID card/);
  });

  it('ID card required does not bind staff, who see the citizen', () => {
    expect(() => checkPersonLimits({ idCardRequired: true }, { ...base, atKiosk: false, hasIdentity: false })).not.toThrow();
    expect(() => checkPersonLimits({ idCardRequired: true }, base)).not.toThrow();
  });

  it('at most maxWaitingPerPerson active tickets per person', () => {
    const limits = { maxWaitingPerPerson: 2 };
    expect(() => checkPersonLimits(limits, { ...base, heldActive: 0 })).not.toThrow();
    expect(() => checkPersonLimits(limits, { ...base, heldActive: 1 })).not.toThrow();
    expect(() => checkPersonLimits(limits, { ...base, heldActive: 2 })).toThrow(expect.objectContaining({ code: 'PERSON_LIMIT_REACHED' }));
    expect(() => checkPersonLimits(limits, { ...base, heldActive: 7 })).toThrow(expect.objectContaining({ code: 'PERSON_LIMIT_REACHED' }));
  });

  it('the limit applies to staff-issued tickets too, but only when the person is known', () => {
    expect(() => checkPersonLimits({ maxWaitingPerPerson: 1 }, { ...base, atKiosk: false, heldActive: 1 })).toThrow(
      expect.objectContaining({ code: 'PERSON_LIMIT_REACHED' }),
    );
    expect(() => checkPersonLimits({ maxWaitingPerPerson: 1 }, { ...base, hasIdentity: false, heldActive: 0 })).not.toThrow();
  });

  it('the card check comes first', () => {
    expect(() => checkPersonLimits({ idCardRequired: true, maxWaitingPerPerson: 1 }, { ...base, hasIdentity: false })).toThrow(
      expect.objectContaining({ code: 'ID_CARD_REQUIRED' }),
    );
  });
});

describe('held-at-once limits at an online number\'s arrival', () => {
  const code = (f: () => void) => {
    try {
      f();
      return null;
    } catch (e) {
      return [(e as { code: string }).code, (e as Error).message];
    }
  };
  it('refuses when the service or the hall-wide held limit is reached, saying until when the number is kept and no count', () => {
    const held = code(() => checkAtArrival({ maxWaitingPerPerson: 1 }, { heldActive: 1, hallActive: 1 }, { personMaxWaiting: 0, personMaxPerDay: 0 }, '10:30'));
    expect(held).toEqual(['ARRIVAL_HELD_LIMIT', expect.stringMatching(/kept until 10:30/)]);
    expect(held![1].replace('10:30', '')).not.toMatch(/\d/);
    expect(code(() => checkAtArrival({}, { heldActive: 0, hallActive: 2 }, { personMaxWaiting: 2, personMaxPerDay: 0 }, ''))).toEqual([
      'ARRIVAL_HELD_LIMIT',
      expect.stringMatching(/end of the day/),
    ]);
    expect(code(() => checkAtArrival({ maxWaitingPerPerson: 2 }, { heldActive: 1, hallActive: 1 }, { personMaxWaiting: 2, personMaxPerDay: 2 }, '10:30'))).toBeNull();
  });

  it('refuses when the per-day limit (service or hall-wide) is reached by the other tickets, naming no count', () => {
    const day = code(() => checkAtArrival({ maxPerPersonPerDay: 1 }, { heldActive: 0, takenToday: 1, hallActive: 0, hallToday: 1 }, { personMaxWaiting: 0, personMaxPerDay: 0 }, '10:30'));
    expect(day).toEqual(['ARRIVAL_DAILY_LIMIT', expect.any(String)]);
    expect(day![1]).not.toMatch(/\d/);
    expect(code(() => checkAtArrival({}, { heldActive: 0, takenToday: 0, hallActive: 0, hallToday: 2 }, { personMaxWaiting: 0, personMaxPerDay: 2 }, ''))![0]).toBe('ARRIVAL_DAILY_LIMIT');
    expect(code(() => checkAtArrival({ maxPerPersonPerDay: 2 }, { heldActive: 0, takenToday: 1, hallActive: 0, hallToday: 1 }, { personMaxWaiting: 0, personMaxPerDay: 2 }, ''))).toBeNull();
  });
});
