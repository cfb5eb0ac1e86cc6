import { createHmac } from 'node:crypto';
import type { Identity } from '../domain/model.js';
import { assertIdNumber, birthDateFromId, maskIdNumber, maskName } from '../domain/identity.js';

export interface IdCardInput {
  name: string;
  idNumber: string;
  birthDate?: string;
}

/**
 * Turns a card read into what the hall may keep: masked name and number and a
 * keyed HMAC of the number (for limits and appointment look-ups). The clear
 * number goes no further than this function.
 */
export function toIdentity(card: IdCardInput, key: Buffer): Identity {
  const id = assertIdNumber(card.idNumber);
  return { maskedName: maskName(card.name), maskedIdNumber: maskIdNumber(id), idHmac: hmacIdNumber(id, key) };
}

/**
 * A card in hand: the identity the hall keeps, and the birth date the elderly
 * rule reads when the ticket is issued. The birth date lives in memory only
 * (the kiosk's card cache, a few minutes) and is never stored or sent.
 */
export interface CardHolder {
  identity: Identity;
  birthDate: string;
}

export function toCardHolder(card: IdCardInput, key: Buffer): CardHolder {
  return { identity: toIdentity(card, key), birthDate: cardBirthDate(card) };
}

/** The card's birth date, or the one in its (valid) ID number. */
export function cardBirthDate(card: IdCardInput): string {
  return card.birthDate ?? birthDateFromId(assertIdNumber(card.idNumber));
}

export function hmacIdNumber(idNumber: string, key: Buffer): string {
  return createHmac('sha256', key).update(idNumber.trim().toUpperCase()).digest('hex');
}
