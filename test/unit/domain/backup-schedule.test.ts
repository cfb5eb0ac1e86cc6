import { describe, expect, it } from 'vitest';
import { backupDue, BACKUP_TIME_PATTERN } from '../../../server/domain/backup-schedule.js';

const Z = 'Asia/Shanghai'; // UTC+8
const at = (iso: string) => new Date(iso);

describe('when the scheduled backup is due', () => {
  it('is not due before the local time, due after it until a backup is made', () => {
    // 02:29 and 02:30 local on 2 Dec are 18:29 and 18:30 UTC on 1 Dec.
    expect(backupDue(at('2026-12-01T18:29:00Z'), Z, '02:30', at('2026-12-01T00:00:00Z'))).toBe(false);
    expect(backupDue(at('2026-12-01T18:30:00Z'), Z, '02:30', at('2026-12-01T00:00:00Z'))).toBe(true);
    expect(backupDue(at('2026-12-02T03:00:00Z'), Z, '02:30', at('2026-12-01T00:00:00Z'))).toBe(true);
    expect(backupDue(at('2026-12-02T03:00:00Z'), Z, '02:30', at('2026-12-01T18:31:00Z'))).toBe(false);
  });

  it('uses the hall zone, not UTC: 23:00 UTC is 07:00 the next day in Shanghai', () => {
    expect(backupDue(at('2026-12-01T23:00:00Z'), Z, '06:00', at('2026-12-01T20:00:00Z'))).toBe(true);
    expect(backupDue(at('2026-12-01T23:00:00Z'), 'UTC', '23:30', at('2026-12-01T20:00:00Z'))).toBe(false);
  });

  it('makes one backup a day, and none when the time is empty', () => {
    const lastYesterday = at('2026-11-30T18:30:05Z');
    expect(backupDue(at('2026-12-01T18:30:00Z'), Z, '02:30', lastYesterday)).toBe(true);
    expect(backupDue(at('2026-12-01T18:30:00Z'), Z, '', null)).toBe(false);
    expect(backupDue(at('2026-12-01T18:30:00Z'), Z, '02:30', null)).toBe(true);
  });

  it('accepts HH:MM or empty only', () => {
    for (const ok of ['', '00:00', '02:30', '23:59']) expect(BACKUP_TIME_PATTERN.test(ok)).toBe(true);
    for (const bad of ['24:00', '2:30', '02:60', '02:30:00', 'x']) expect(BACKUP_TIME_PATTERN.test(bad)).toBe(false);
  });
});
