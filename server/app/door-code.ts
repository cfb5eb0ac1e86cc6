import { createHmac, randomBytes } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
export { doorSecretIsWeak } from '../../common/door-secret.js';

/**
 * The hall's door QR carries a daily code, HMAC(secret, business day): the QR
 * shown at the door today checks phones in today only; a photo of yesterday's
 * QR no longer does (docs/hall-features.md "Remote queueing").
 */
export function doorCodeFor(secret: string, businessDay: string): string {
  return createHmac('sha256', secret).update(`onestop-door:${businessDay}`).digest('hex').slice(0, 20);
}

/** What an admin sends as `remoteQueue.doorCode` to have the hall make a new door secret. */
export const NEW_DOOR_SECRET = 'new';

/** A door secret made by the hall: 192 random bits (32 characters), never typed by a person. */
export function generateDoorSecret(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The door secret a settings change leaves: '' turns door check-in off, `new`
 * makes one, the current secret sent back leaves it. Anything else is a typed
 * secret, which is refused (a person's 8–16 characters can be guessed offline
 * from one photo of a door QR).
 */
export function nextDoorSecret(current: string, sent: string): string {
  if (sent === '' || sent === current) return sent;
  if (sent === NEW_DOOR_SECRET) return generateDoorSecret();
  throw new DomainError('INVALID_DOOR_SECRET', `The door secret is made by the hall: send "${NEW_DOOR_SECRET}" to make a new one, or "" to check in at the kiosk only`, 'remoteQueue.doorCode');
}

/** How many earlier days' codes are recognised as "old" (a clearer refusal than "wrong"). */
export const DOOR_CODE_OLD_DAYS = 60;

/** The `n` calendar days before `day` (YYYY-MM-DD), newest first. */
export function previousDays(day: string, n: number): string[] {
  const [y, m, d] = day.split('-').map(Number);
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(y, m - 1, d - 1 - i)).toISOString().slice(0, 10));
}
