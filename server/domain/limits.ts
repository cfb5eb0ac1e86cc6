import { DomainError } from './errors.js';

/** Per-service anti-scalper rules. */
export interface PersonLimits {
  /** Kiosk tickets need an ID card read at the kiosk. */
  idCardRequired?: boolean;
  /** At most this many active (waiting, called, serving) tickets per person per day; null = no limit. */
  maxWaitingPerPerson?: number | null;
}

export interface PersonLimitInput {
  serviceName: string;
  /** Issued by a kiosk (staff see the citizen and may issue without a card). */
  atKiosk: boolean;
  hasIdentity: boolean;
  /** Active tickets of this service the same person already holds today. */
  heldActive: number;
}

/** Throws the error a kiosk can show when a person may not take another ticket. */
export function checkPersonLimits(limits: PersonLimits, input: PersonLimitInput): void {
  if (limits.idCardRequired && input.atKiosk && !input.hasIdentity) {
    throw new DomainError(
      'ID_CARD_REQUIRED',
      `${input.serviceName}: please place your ID card on the reader to take a ticket`,
      'cardToken',
    );
  }
  const max = limits.maxWaitingPerPerson;
  if (input.hasIdentity && max !== null && max !== undefined && max > 0 && input.heldActive >= max) {
    throw new DomainError(
      'PERSON_LIMIT_REACHED',
      `${input.serviceName}: you already hold ${input.heldActive} ticket(s) today (at most ${max} per person); please wait for your number to be called`,
    );
  }
}
