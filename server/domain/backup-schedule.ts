import { localParts } from './business-day.js';

/** "HH:MM", 24 h, or '' for no scheduled backup. */
export const BACKUP_TIME_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d)?$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** "YYYY-MM-DD HH:MM" of an instant in the hall's zone: sorts like time within one zone. */
function localMinute(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * Is today's scheduled backup due? Due once the hall's local time has passed
 * `backupTime` today and no backup was made since then. A server that was off
 * at that time makes it when it comes back the same day.
 */
export function backupDue(now: Date, timeZone: string, backupTime: string, lastBackupAt: Date | null): boolean {
  if (!backupTime) return false;
  const current = localMinute(now, timeZone);
  const scheduled = `${current.slice(0, 10)} ${backupTime}`;
  if (current < scheduled) return false;
  return lastBackupAt === null || localMinute(lastBackupAt, timeZone) < scheduled;
}
