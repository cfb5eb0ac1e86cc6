import type { TicketStatus } from '../../common/types.js';
import { DomainError } from './errors.js';

export type TicketAction =
  | 'call'
  | 'recall'
  | 'start'
  | 'finish'
  | 'no_show'
  | 'transfer'
  | 'cancel'
  | 'restore'
  | 'arrive'
  | 'expire';

/**
 * Allowed moves: waiting → called → serving → done | no_show | transferred | cancelled.
 * A remote ticket (线上取号) starts as remote: it arrives (→ waiting) or expires.
 */
const MOVES: Record<TicketAction, { from: TicketStatus[]; to: TicketStatus }> = {
  call: { from: ['waiting'], to: 'called' },
  recall: { from: ['called'], to: 'called' },
  start: { from: ['called'], to: 'serving' },
  finish: { from: ['called', 'serving'], to: 'done' },
  no_show: { from: ['called'], to: 'no_show' },
  transfer: { from: ['called', 'serving'], to: 'transferred' },
  cancel: { from: ['waiting', 'called', 'remote'], to: 'cancelled' },
  restore: { from: ['no_show'], to: 'waiting' },
  arrive: { from: ['remote'], to: 'waiting' },
  expire: { from: ['remote'], to: 'expired' },
};

export function nextStatus(current: TicketStatus, action: TicketAction): TicketStatus {
  const move = MOVES[action];
  if (!move.from.includes(current)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      `A ${current.replace('_', '-')} ticket cannot be ${describe(action)}`,
    );
  }
  return move.to;
}

export function canMove(current: TicketStatus, action: TicketAction): boolean {
  return MOVES[action].from.includes(current);
}

export const ACTIVE_STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'serving'];
export const isFinal = (s: TicketStatus) => !ACTIVE_STATUSES.includes(s);

function describe(action: TicketAction): string {
  return {
    call: 'called',
    recall: 'recalled',
    start: 'started',
    finish: 'finished',
    no_show: 'marked no-show',
    transfer: 'transferred',
    cancel: 'cancelled',
    restore: 'restored',
    arrive: 'checked in',
    expire: 'expired',
  }[action];
}

/**
 * A recall beyond the allowed count marks the ticket no-show instead: the
 * citizen has been called maxRecalls + 1 times.
 */
export function recallOutcome(recallCount: number, maxRecalls: number): 'recall' | 'no_show' {
  return recallCount >= maxRecalls ? 'no_show' : 'recall';
}

/** What a ticket looks like when it queues again (a transfer, a next step): waiting, never called. */
export const REQUEUED = {
  status: 'waiting',
  calledAt: null,
  servingAt: null,
  finishedAt: null,
  windowId: null,
  recallCount: 0,
} as const;
