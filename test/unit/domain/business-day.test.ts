import { describe, expect, it } from 'vitest';
import {
  assertTimeZone,
  zonedDayStart,
  businessDay,
  isoInZone,
  localParts,
  offsetMinutes,
} from '../../../server/domain/business-day.js';
import { DomainError } from '../../../server/domain/errors.js';

const SH = 'Asia/Shanghai';
const d = (iso: string) => new Date(iso);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).code;
  }
  return undefined;
}

describe('businessDay in Asia/Shanghai (UTC+8, no DST)', () => {
  // Local = UTC + 8 h, so 03:00 local on the 29th is 19:00Z on the 28th.
  it('reset 03:00: one second before the reset still belongs to the previous day', () => {
    expect(businessDay(d('2026-11-28T18:59:59Z'), SH, 3)).toBe('2026-11-28'); // 02:59:59 local, 29th
  });

  it('reset 03:00: the reset instant starts the new day', () => {
    expect(businessDay(d('2026-11-28T19:00:00Z'), SH, 3)).toBe('2026-11-29'); // 03:00:00 local, 29th
  });

  it('reset 03:00: the milliseconds before the reset do not round up into the new day', () => {
    expect(businessDay(d('2026-11-28T18:59:59.999Z'), SH, 3)).toBe('2026-11-28');
  });

  it('reset 03:00: local midnight does not change the business day (numbering runs through midnight)', () => {
    // 16:00Z = 00:00 local on the 29th; 17:30Z = 01:30 local.
    expect(businessDay(d('2026-11-28T15:59:59Z'), SH, 3)).toBe('2026-11-28');
    expect(businessDay(d('2026-11-28T16:00:00Z'), SH, 3)).toBe('2026-11-28');
    expect(businessDay(d('2026-11-28T17:30:00Z'), SH, 3)).toBe('2026-11-28');
  });

  it('reset 0: the business day is the local calendar day, switching at local midnight', () => {
    expect(businessDay(d('2026-11-28T15:59:59Z'), SH, 0)).toBe('2026-11-28'); // 23:59:59 local 28th
    expect(businessDay(d('2026-11-28T16:00:00Z'), SH, 0)).toBe('2026-11-29'); // 00:00:00 local 29th
  });

  it('local day differs from the UTC day: 08:00 local is still the previous day in UTC', () => {
    // 2026-11-29T00:30+08:00 = 2026-11-28T16:30Z; the UTC date would say 28th.
    expect(businessDay(d('2026-11-28T16:30:00Z'), SH, 0)).toBe('2026-11-29');
    // 2026-11-29T07:59+08:00 = 2026-11-28T23:59Z.
    expect(businessDay(d('2026-11-28T23:59:00Z'), SH, 0)).toBe('2026-11-29');
  });

  it('reset 23: only the last hour of the local day belongs to the same date', () => {
    // 14:59:59Z = 22:59:59 local 28th -> before 23:00, so the previous day 27th.
    expect(businessDay(d('2026-11-28T14:59:59Z'), SH, 23)).toBe('2026-11-27');
    expect(businessDay(d('2026-11-28T15:00:00Z'), SH, 23)).toBe('2026-11-28');
  });

  it('crosses month and year ends correctly when stepping back a day', () => {
    // 2027-01-01T02:59:59+08:00 -> still 2026-12-31.
    expect(businessDay(d('2026-12-31T18:59:59Z'), SH, 3)).toBe('2026-12-31');
    expect(businessDay(d('2026-12-31T19:00:00Z'), SH, 3)).toBe('2027-01-01');
    // 2028 is a leap year: 2028-03-01T02:00+08:00 -> 2028-02-29.
    expect(businessDay(d('2028-02-29T18:00:00Z'), SH, 3)).toBe('2028-02-29');
    // 2027 is not: 2027-03-01T02:00+08:00 -> 2027-02-28.
    expect(businessDay(d('2027-02-28T18:00:00Z'), SH, 3)).toBe('2027-02-28');
  });

  it('depends on the hall zone passed in, not on the process time zone (TZ)', () => {
    const instant = d('2026-11-28T20:00:00Z'); // 04:00 29th in Shanghai, 15:00 28th in New York
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = tz; // Node re-reads TZ when it changes
        expect(businessDay(instant, SH, 3)).toBe('2026-11-29');
        expect(businessDay(instant, 'America/New_York', 3)).toBe('2026-11-28');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('businessDay in DST zones', () => {
  // America/New_York 2026: spring forward Sun 8 March 02:00 EST -> 03:00 EDT (07:00Z);
  // fall back Sun 1 November 02:00 EDT -> 01:00 EST (06:00Z).
  const NY = 'America/New_York';

  it('spring forward, reset 03:00 (the first hour after the gap)', () => {
    expect(businessDay(d('2026-03-08T06:59:59Z'), NY, 3)).toBe('2026-03-07'); // 01:59:59 EST
    expect(businessDay(d('2026-03-08T07:00:00Z'), NY, 3)).toBe('2026-03-08'); // 03:00:00 EDT
  });

  it('spring forward, reset 02:00 (an hour that does not exist that day) starts the day at 03:00 EDT', () => {
    expect(businessDay(d('2026-03-08T06:59:59Z'), NY, 2)).toBe('2026-03-07');
    expect(businessDay(d('2026-03-08T07:00:00Z'), NY, 2)).toBe('2026-03-08');
  });

  it('fall back, reset 02:00: the repeated 01:xx hour stays in the previous day both times', () => {
    expect(businessDay(d('2026-11-01T05:59:59Z'), NY, 2)).toBe('2026-10-31'); // 01:59:59 EDT
    expect(businessDay(d('2026-11-01T06:00:00Z'), NY, 2)).toBe('2026-10-31'); // 01:00:00 EST (again)
    expect(businessDay(d('2026-11-01T06:59:59Z'), NY, 2)).toBe('2026-10-31'); // 01:59:59 EST
    expect(businessDay(d('2026-11-01T07:00:00Z'), NY, 2)).toBe('2026-11-01'); // 02:00:00 EST
  });

  it('reset 03:00 the day after fall back happens at 08:00Z (EST), not 07:00Z', () => {
    expect(businessDay(d('2026-11-02T07:59:59Z'), NY, 3)).toBe('2026-11-01'); // 02:59:59 EST
    expect(businessDay(d('2026-11-02T08:00:00Z'), NY, 3)).toBe('2026-11-02');
  });

  // Europe/Berlin 2026: CET -> CEST Sun 29 March at 01:00Z (02:00 -> 03:00 local);
  // CEST -> CET Sun 25 October at 01:00Z (03:00 -> 02:00 local).
  const BER = 'Europe/Berlin';

  it('Berlin spring forward, reset 03:00', () => {
    expect(businessDay(d('2026-03-29T00:59:59Z'), BER, 3)).toBe('2026-03-28'); // 01:59:59 CET
    expect(businessDay(d('2026-03-29T01:00:00Z'), BER, 3)).toBe('2026-03-29'); // 03:00:00 CEST
  });

  it('Berlin fall back, reset 03:00: the repeated 02:xx hour stays in the previous day; the day starts at 03:00 CET', () => {
    // 00:59:59Z = 02:59:59 CEST (before reset) -> 24th; 01:00:00Z = 02:00 CET (hour 2 < 3) -> 24th again;
    // 02:00:00Z = 03:00 CET -> 25th. So the business day starts after the *local* 03:00 once the clock
    // has been set back, i.e. the repeated hour still belongs to the previous business day.
    expect(businessDay(d('2026-10-25T00:59:59Z'), BER, 3)).toBe('2026-10-24');
    expect(businessDay(d('2026-10-25T01:00:00Z'), BER, 3)).toBe('2026-10-24');
    expect(businessDay(d('2026-10-25T01:59:59Z'), BER, 3)).toBe('2026-10-24');
    expect(businessDay(d('2026-10-25T02:00:00Z'), BER, 3)).toBe('2026-10-25');
  });

  it('midnight in a west-of-UTC zone: 04:59:59Z is still the previous day in New York winter', () => {
    expect(businessDay(d('2026-01-15T04:59:59Z'), NY, 0)).toBe('2026-01-14'); // 23:59:59 EST
    expect(businessDay(d('2026-01-15T05:00:00Z'), NY, 0)).toBe('2026-01-15');
  });
});

describe('businessDay / time zone errors', () => {
  it.each([-1, 24, 3.5, Number.NaN, Number.POSITIVE_INFINITY])('reset hour %s is INVALID_RESET_HOUR', (h) => {
    expect(codeOf(() => businessDay(d('2026-11-28T00:00:00Z'), SH, h))).toBe('INVALID_RESET_HOUR');
  });

  it('reset hours 0 and 23 are accepted', () => {
    expect(codeOf(() => businessDay(d('2026-11-28T00:00:00Z'), SH, 0))).toBeUndefined();
    expect(codeOf(() => businessDay(d('2026-11-28T00:00:00Z'), SH, 23))).toBeUndefined();
  });

  it('unknown time zone is INVALID_TIME_ZONE, from every entry point', () => {
    expect(codeOf(() => businessDay(d('2026-11-28T00:00:00Z'), 'Mars/Olympus_Mons', 3))).toBe('INVALID_TIME_ZONE');
    expect(codeOf(() => isoInZone(d('2026-11-28T00:00:00Z'), 'Not/AZone'))).toBe('INVALID_TIME_ZONE');
    expect(codeOf(() => assertTimeZone('Asia/Shanghia'))).toBe('INVALID_TIME_ZONE');
    expect(codeOf(() => assertTimeZone(''))).toBe('INVALID_TIME_ZONE');
  });

  it('the error names the field and the zone', () => {
    try {
      assertTimeZone('Asia/Atlantis');
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).field).toBe('timeZone');
      expect((e as DomainError).message).toContain('Asia/Atlantis');
    }
  });

  it('known zones pass assertTimeZone', () => {
    for (const tz of [SH, 'UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Urumqi']) {
      expect(() => assertTimeZone(tz)).not.toThrow();
    }
  });
});

describe('localParts / offsetMinutes / isoInZone', () => {
  it('local midnight is hour 0, never 24', () => {
    expect(localParts(d('2026-11-28T16:00:00Z'), SH)).toEqual({
      year: 2026, month: 11, day: 29, hour: 0, minute: 0, second: 0,
    });
  });

  it('offsets: Shanghai +480, New York -300 in winter / -240 in summer, Kolkata +330, St John\'s -210', () => {
    expect(offsetMinutes(d('2026-11-28T01:00:00Z'), SH)).toBe(480);
    expect(offsetMinutes(d('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(offsetMinutes(d('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(offsetMinutes(d('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutes(d('2026-01-15T12:00:00Z'), 'America/St_Johns')).toBe(-210);
  });

  it('offset is exact even when the instant has milliseconds', () => {
    expect(offsetMinutes(d('2026-11-28T01:00:00.999Z'), SH)).toBe(480);
    expect(offsetMinutes(d('2026-01-15T12:00:00.500Z'), 'America/New_York')).toBe(-300);
  });

  it('isoInZone Shanghai: +08:00 and the local wall clock', () => {
    expect(isoInZone(d('2026-11-28T01:30:00Z'), SH)).toBe('2026-11-28T09:30:00+08:00');
    expect(isoInZone(d('2026-11-28T18:59:59Z'), SH)).toBe('2026-11-29T02:59:59+08:00');
  });

  it('isoInZone New York: -05:00 before and -04:00 after the spring switch', () => {
    expect(isoInZone(d('2026-03-08T06:59:59Z'), 'America/New_York')).toBe('2026-03-08T01:59:59-05:00');
    expect(isoInZone(d('2026-03-08T07:00:00Z'), 'America/New_York')).toBe('2026-03-08T03:00:00-04:00');
  });

  it('isoInZone distinguishes the two 01:30s of the fall-back night', () => {
    expect(isoInZone(d('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
    expect(isoInZone(d('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('2026-11-01T01:30:00-05:00');
  });

  it('isoInZone Berlin +01:00 / +02:00, half-hour zones keep their minutes and sign', () => {
    expect(isoInZone(d('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe('2026-01-15T13:00:00+01:00');
    expect(isoInZone(d('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe('2026-07-15T14:00:00+02:00');
    expect(isoInZone(d('2026-07-15T12:00:00Z'), 'Asia/Kathmandu')).toBe('2026-07-15T17:45:00+05:45');
    expect(isoInZone(d('2026-01-15T12:00:00Z'), 'America/St_Johns')).toBe('2026-01-15T08:30:00-03:30');
    expect(isoInZone(d('2026-01-15T12:00:00Z'), 'UTC')).toBe('2026-01-15T12:00:00+00:00');
  });

  it('isoInZone output parses back to the same instant (to the second)', () => {
    for (const iso of ['2026-03-08T06:59:59Z', '2026-11-01T06:30:00Z', '2026-11-28T18:59:59Z']) {
      for (const tz of [SH, 'America/New_York', 'Europe/Berlin', 'America/St_Johns']) {
        expect(Date.parse(isoInZone(d(iso), tz))).toBe(Date.parse(iso));
      }
    }
  });
});

describe('zonedDayStart', () => {
  it('is local midnight as an instant, also across DST', () => {
    expect(zonedDayStart('2026-11-28', 'Asia/Shanghai').toISOString()).toBe('2026-11-27T16:00:00.000Z');
    expect(zonedDayStart('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z'); // EST until 02:00
    expect(zonedDayStart('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z'); // EDT
    expect(zonedDayStart('2026-11-28', 'Pacific/Kiritimati').toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(() => zonedDayStart('28/11/2026', 'Asia/Shanghai')).toThrow(/not a date/);
  });
});
