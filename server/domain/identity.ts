import { DomainError } from './errors.js';
import { idCheckDigit, isValidIdNumber } from '../../drivers/idcard/id-number.js';
import { ageAt, maskIdNumber, maskName } from '../../drivers/idcard/mask.js';

// The ID-number rules and masks are pure string functions shared with the card
// reader driver: one implementation, so the reader and the server never disagree.
export { isValidIdNumber, maskIdNumber, maskName };
export const idCheckChar = idCheckDigit;
/** Whole years between a birth date and a business day (both YYYY-MM-DD). */
export const ageOn = ageAt;

export function assertIdNumber(id: string): string {
  const normal = id.trim().toUpperCase();
  if (!isValidIdNumber(normal)) {
    throw new DomainError('INVALID_ID_NUMBER', 'The ID number is not valid (18 characters with a correct check digit)', 'idCard.idNumber');
  }
  return normal;
}

/** YYYY-MM-DD from the ID number's birth digits. */
export function birthDateFromId(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}
