import { createHmac } from 'node:crypto';

/**
 * The hall's door QR carries a daily code, HMAC(secret, business day): the QR
 * shown at the door today checks phones in today only; a photo of yesterday's
 * QR no longer does (docs/hall-features.md "Remote queueing").
 */
export function doorCodeFor(secret: string, businessDay: string): string {
  return createHmac('sha256', secret).update(`onestop-door:${businessDay}`).digest('hex').slice(0, 20);
}

/** How many earlier days' codes are recognised as "old" (a clearer refusal than "wrong"). */
export const DOOR_CODE_OLD_DAYS = 60;

/** The `n` calendar days before `day` (YYYY-MM-DD), newest first. */
export function previousDays(day: string, n: number): string[] {
  const [y, m, d] = day.split('-').map(Number);
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(y, m - 1, d - 1 - i)).toISOString().slice(0, 10));
}
