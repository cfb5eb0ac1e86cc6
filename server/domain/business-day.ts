import { DomainError } from './errors.js';

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new DomainError('INVALID_TIME_ZONE', `Unknown time zone "${timeZone}"`, 'timeZone');
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** The last second asked for, per zone: under load the same second is asked for hundreds of times. */
const lastSecond = new Map<string, { second: number; parts: LocalParts }>();

/** Wall-clock parts of an instant in a time zone. */
export function localParts(at: Date, timeZone: string): LocalParts {
  const second = Math.floor(at.getTime() / 1000);
  const hit = lastSecond.get(timeZone);
  if (hit && hit.second === second) return { ...hit.parts };
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const local: LocalParts = {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
  lastSecond.set(timeZone, { second, parts: local });
  return { ...local };
}

/** Offset of the zone from UTC at that instant, in minutes (Shanghai: +480). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * The business day an instant belongs to, as YYYY-MM-DD. Before the reset hour
 * (local time) the instant still belongs to the previous day, so a hall that
 * resets at 03:00 keeps numbering through midnight.
 */
export function businessDay(at: Date, timeZone: string, resetHour: number): string {
  if (!Number.isInteger(resetHour) || resetHour < 0 || resetHour > 23) {
    throw new DomainError('INVALID_RESET_HOUR', 'Reset hour must be an integer from 0 to 23', 'resetHour');
  }
  const p = localParts(at, timeZone);
  let date = new Date(Date.UTC(p.year, p.month - 1, p.day));
  if (p.hour < resetHour) date = new Date(date.getTime() - 86_400_000);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** ISO-8601 with the hall's offset, e.g. 2026-11-28T09:30:00+08:00. */
export function isoInZone(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  const off = offsetMinutes(at, timeZone);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return (
    `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The instant a calendar day (YYYY-MM-DD) begins in a time zone: local 00:00. */
export function zonedDayStart(day: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new DomainError('INVALID_DATE', `"${day}" is not a date (YYYY-MM-DD)`);
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Two rounds settle days whose offset changes overnight (DST).
  let at = utcMidnight - offsetMinutes(new Date(utcMidnight), timeZone) * 60_000;
  at = utcMidnight - offsetMinutes(new Date(at), timeZone) * 60_000;
  return new Date(at);
}
