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
 * An online number arriving at the hall becomes a held ticket: the held-at-once and per-day limits (per
 * service and hall-wide) are checked again then, with `holding` counting the person's other tickets (not
 * the arriving one). Throws ARRIVAL_HELD_LIMIT or ARRIVAL_DAILY_LIMIT; the caller keeps the online number
 * as it was. The messages name no counts: whoever holds the number's link may not be the person, and a
 * count would tell them what the person holds (review 13).
 */
export function checkAtArrival(limits: PersonLimits, holding: PersonHolding, hall: HallPersonLimits, validUntil: string): void {
  const kept = `Your online number is kept${validUntil ? ` until ${validUntil}` : ' until the end of the day'}`;
  if (reached(limits.maxWaitingPerPerson, holding.heldActive) || reached(hall.personMaxWaiting, holding.hallActive)) {
    throw new DomainError('ARRIVAL_HELD_LIMIT', `This ID number already holds as many tickets at once as allowed. ${kept}: check it in again when one is done`);
  }
  if (reached(limits.maxPerPersonPerDay, holding.takenToday) || reached(hall.personMaxPerDay, holding.hallToday)) {
    throw new DomainError('ARRIVAL_DAILY_LIMIT', 'This ID number has taken as many tickets today as allowed: this online number cannot be checked in today; please ask at the hall');
  }
}
