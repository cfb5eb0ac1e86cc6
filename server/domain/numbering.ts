import { DomainError } from './errors.js';

export const PREFIX_PATTERN = /^[A-Z]{1,3}$/;

/** A012: the prefix then the sequence padded to the service's width. */
export function formatNumber(prefix: string, seq: number, width: number): string {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new DomainError('INVALID_PREFIX', 'A prefix is 1 to 3 capital letters', 'prefix');
  }
  if (!Number.isInteger(seq) || seq < 1) throw new DomainError('INVALID_SEQUENCE', 'Sequence starts at 1');
  const digits = String(seq);
  // Past the width the number simply grows (A999 → A1000) rather than wrapping onto a held number.
  return prefix + digits.padStart(width, '0');
}

/** Checks the daily quota before a number is taken. */
export function assertQuota(issuedToday: number, dailyQuota: number | null, serviceName: string): void {
  if (dailyQuota !== null && issuedToday >= dailyQuota) {
    throw new DomainError(
      'QUOTA_REACHED',
      `Today's ${dailyQuota} tickets for ${serviceName} have all been issued; please come back tomorrow or ask the help desk`,
    );
  }
}
