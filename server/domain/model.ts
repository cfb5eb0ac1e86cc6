import type { PriorityClass, TicketStatus, WindowStatus } from '../../common/types.js';

// The configuration shapes are wire types shared with the admin UI.
export type { HallSettings, ServiceDef, WindowService, WindowDef } from '../../common/config.js';

export interface WindowRuntime {
  windowId: string;
  status: WindowStatus;
  pauseReason: string | null;
  staffId: string | null;
  currentTicketId: string | null;
}

/**
 * What the hall keeps of a person (ticket, appointment): masked name, a mask
 * showing only the number's last character, and the keyed HMAC for limits and
 * look-ups. No birth date or year: the elderly rule reads the card's birth date
 * at issue time, in memory (see CardHolder), and nothing later needs it.
 */
export interface Identity {
  maskedName: string;
  maskedIdNumber: string;
  idHmac: string;
}

export interface TicketRecord {
  id: string;
  number: string;
  seq: number;
  prefix: string;
  serviceId: string;
  businessDay: string;
  status: TicketStatus;
  priority: PriorityClass;
  issuedAt: string;
  /** Ordering time in the queue: issue time, kept across transfers and restores. */
  queuedAt: string;
  calledAt: string | null;
  servingAt: string | null;
  finishedAt: string | null;
  windowId: string | null;
  targetWindowId: string | null;
  recallCount: number;
  trackToken: string;
  kioskId: string | null;
  transferredFromId: string | null;
  identity: Identity | null;
  /** Joint handling: the case (the first ticket's id) this ticket is a step of. */
  caseId?: string | null;
  /** The joint service the citizen took the ticket for. */
  caseServiceId?: string | null;
  routeStep?: number | null;
  routeTotal?: number | null;
}

/** A staff account as the wire shows it (common/wire/admin.ts). */
export type { StaffUser } from '../../common/wire/admin.js';
