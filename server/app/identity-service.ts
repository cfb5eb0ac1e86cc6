import { createHmac } from 'node:crypto';
import type { Identity } from '../domain/model.js';
import { assertIdNumber, birthDateFromId, maskIdNumber, maskName } from '../domain/identity.js';

export interface IdCardInput {
  name: string;
  idNumber: string;
  birthDate?: string;
}

/**
 * Turns a card read into what the hall may keep: masked name and number, the
 * birth date (for age priority) and a keyed HMAC of the number (for limits and
 * appointment look-ups). The clear number goes no further than this function.
 */
export function toIdentity(card: IdCardInput, key: Buffer): Identity {
  const id = assertIdNumber(card.idNumber);
  return {
    maskedName: maskName(card.name),
    maskedIdNumber: maskIdNumber(id),
    birthDate: card.birthDate ?? birthDateFromId(id),
    idHmac: hmacIdNumber(id, key),
  };
}

export function hmacIdNumber(idNumber: string, key: Buffer): string {
  return createHmac('sha256', key).update(idNumber.trim().toUpperCase()).digest('hex');
}
