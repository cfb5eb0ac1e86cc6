import { DomainError } from './errors.js';

/** Per-service anti-scalper rules. */
export interface PersonLimits {
  /** Kiosk tickets need an ID card read at the kiosk. */
  idCardRequired?: boolean;
  /** At most this many active (waiting, called, serving) tickets of the service per person at once; null = no limit. */
  maxWaitingPerPerson?: number | null;
  /** At most this many tickets of the service per person per business day; null = no limit. */
  maxPerPersonPerDay?: number | null;
}

/** The hall-wide limits, all services together (0 = no limit). */
export interface HallPersonLimits {
  personMaxWaiting: number;
  personMaxPerDay: number;
}

/** What one person already holds, counted by tickets of issue (a joint case or a transfer is one ticket). */
export interface PersonHolding {
  /** Active tickets of this service. */
  heldActive: number;
  /** Tickets of this service taken today (any status but cancelled). */
  takenToday?: number;
  /** Active tickets of any service. */
  hallActive?: number;
  /** Tickets of any service taken today. */
  hallToday?: number;
}

export interface PersonLimitInput extends PersonHolding {
  serviceName: string;
  /** Issued by a kiosk (staff see the citizen and may issue without a card). */
  atKiosk: boolean;
  hasIdentity: boolean;
}

const reached = (max: number | null | undefined, n: number | undefined): max is number => !!max && max > 0 && (n ?? 0) >= max;

/** Throws the error a kiosk can show when a person may not take another ticket. */
export function checkPersonLimits(limits: PersonLimits, input: PersonLimitInput, hall: HallPersonLimits = { personMaxWaiting: 0, personMaxPerDay: 0 }): void {
  if (limits.idCardRequired && input.atKiosk && !input.hasIdentity) {
    throw new DomainError(
      'ID_CARD_REQUIRED',
      `${input.serviceName}: please place your ID card on the reader to take a ticket`,
      'cardToken',
    );
  }
  if (!input.hasIdentity) return; // tickets without an identity cannot be counted: combine with idCardRequired
  if (reached(limits.maxWaitingPerPerson, input.heldActive)) {
    throw new DomainError(
      'PERSON_LIMIT_REACHED',
      `${input.serviceName}: you already hold ${input.heldActive} ticket(s) today (at most ${limits.maxWaitingPerPerson} per person); please wait for your number to be called`,
    );
  }
  if (reached(limits.maxPerPersonPerDay, input.takenToday)) {
    throw new DomainError(
      'PERSON_DAILY_LIMIT_REACHED',
      `${input.serviceName}: you have taken ${input.takenToday} ticket(s) today (at most ${limits.maxPerPersonPerDay} per person a day); please come back on another day`,
    );
  }
  if (reached(hall.personMaxWaiting, input.hallActive)) {
    throw new DomainError(
      'PERSON_HALL_LIMIT_REACHED',
      `You already hold ${input.hallActive} ticket(s) in this hall (at most ${hall.personMaxWaiting} at once); please wait until one is done`,
    );
  }
  if (reached(hall.personMaxPerDay, input.hallToday)) {
    throw new DomainError(
      'PERSON_HALL_DAILY_LIMIT_REACHED',
      `You have taken ${input.hallToday} ticket(s) in this hall today (at most ${hall.personMaxPerDay} a day); please come back on another day`,
    );
  }
}

/**
 * An online number arriving at the hall becomes a held ticket: the held-at-once limits (per service and
 * hall-wide) are checked again then. Throws ARRIVAL_HELD_LIMIT; the caller keeps the online number as it was.
 */
export function checkHeldAtArrival(limits: PersonLimits, holding: PersonHolding, hall: HallPersonLimits, validUntil: string): void {
  const service = reached(limits.maxWaitingPerPerson, holding.heldActive) ? limits.maxWaitingPerPerson : null;
  const hallWide = reached(hall.personMaxWaiting, holding.hallActive) ? hall.personMaxWaiting : null;
  const max = service ?? hallWide;
  if (max === null || max === undefined) return;
  const held = service !== null ? holding.heldActive : (holding.hallActive ?? 0);
  throw new DomainError(
    'ARRIVAL_HELD_LIMIT',
    `You already hold ${held} ticket(s) waiting (at most ${max} at once). Your online number is kept${validUntil ? ` until ${validUntil}` : ' until the end of the day'}: check it in again when one is done`,
  );
}
