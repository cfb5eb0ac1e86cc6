import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../../common/types.js';
import { DomainError } from '../../../server/domain/errors.js';
import {
  ACTIVE_STATUSES,
  type TicketAction,
  canMove,
  isFinal,
  nextStatus,
  recallOutcome,
} from '../../../server/domain/ticket-machine.js';

const STATUSES: TicketStatus[] = ['waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'cancelled'];
const ACTIONS: TicketAction[] = ['call', 'recall', 'start', 'finish', 'no_show', 'transfer', 'cancel', 'restore'];

/**
 * The allowed moves, written from the hall's rules (not copied from the code):
 * a waiting ticket is called or cancelled (citizen gives up); a called ticket can be
 * recalled (announced again), started, finished directly, marked no-show, transferred
 * or cancelled; a serving ticket is finished or transferred (the citizen is present,
 * so neither no-show nor recall nor cancel); a no-show can be restored to the queue
 * (citizen turns up late). done / transferred / cancelled are final.
 */
const ALLOWED: [TicketStatus, TicketAction, TicketStatus][] = [
  ['waiting', 'call', 'called'],
  ['waiting', 'cancel', 'cancelled'],
  ['called', 'recall', 'called'],
  ['called', 'start', 'serving'],
  ['called', 'finish', 'done'],
  ['called', 'no_show', 'no_show'],
  ['called', 'transfer', 'transferred'],
  ['called', 'cancel', 'cancelled'],
  ['serving', 'finish', 'done'],
  ['serving', 'transfer', 'transferred'],
  ['no_show', 'restore', 'waiting'],
];

describe('ticket state machine', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, action, to) => {
    expect(canMove(from, action)).toBe(true);
    expect(nextStatus(from, action)).toBe(to);
  });

  const forbidden: [TicketStatus, TicketAction][] = [];
  for (const s of STATUSES) {
    for (const a of ACTIONS) {
      if (!ALLOWED.some(([f, act]) => f === s && act === a)) forbidden.push([s, a]);
    }
  }

  it('every other (status, action) pair — 45 of 56 — is forbidden', () => {
    expect(forbidden).toHaveLength(STATUSES.length * ACTIONS.length - ALLOWED.length);
    expect(forbidden).toHaveLength(45);
  });

  it.each(forbidden)('%s cannot %s: INVALID_TRANSITION', (from, action) => {
    expect(canMove(from, action)).toBe(false);
    try {
      nextStatus(from, action);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('INVALID_TRANSITION');
    }
  });

  it('the named representative cases are forbidden with a readable message', () => {
    expect(() => nextStatus('waiting', 'finish')).toThrow('A waiting ticket cannot be finished');
    expect(() => nextStatus('serving', 'recall')).toThrow('A serving ticket cannot be recalled');
    expect(() => nextStatus('done', 'restore')).toThrow('A done ticket cannot be restored');
    expect(() => nextStatus('no_show', 'call')).toThrow('A no-show ticket cannot be called');
    expect(() => nextStatus('waiting', 'no_show')).toThrow('A waiting ticket cannot be marked no-show');
  });

  it('final states accept no action at all', () => {
    for (const s of ['done', 'transferred', 'cancelled'] as const) {
      for (const a of ACTIONS) expect(canMove(s, a)).toBe(false);
    }
  });

  it('active / final statuses', () => {
    expect([...ACTIVE_STATUSES].sort()).toEqual(['called', 'serving', 'waiting']);
    for (const s of ['waiting', 'called', 'serving'] as const) expect(isFinal(s)).toBe(false);
    // no_show is final for the queue (it leaves it) although it can be restored
    for (const s of ['done', 'no_show', 'transferred', 'cancelled'] as const) expect(isFinal(s)).toBe(true);
  });
});

describe('recallOutcome', () => {
  it('maxRecalls 0: the first recall already marks no-show (called once in all)', () => {
    expect(recallOutcome(0, 0)).toBe('no_show');
  });

  it('maxRecalls 2: two recalls are allowed, the third attempt is a no-show (called 3 times in all)', () => {
    expect(recallOutcome(0, 2)).toBe('recall');
    expect(recallOutcome(1, 2)).toBe('recall');
    expect(recallOutcome(2, 2)).toBe('no_show');
    expect(recallOutcome(3, 2)).toBe('no_show');
  });

  it('simulated window: with maxRecalls 2 the citizen hears their number exactly 3 times', () => {
    let status: TicketStatus = nextStatus('waiting', 'call');
    let recallCount = 0;
    let announcements = 1;
    while (status === 'called') {
      if (recallOutcome(recallCount, 2) === 'no_show') {
        status = nextStatus(status, 'no_show');
      } else {
        status = nextStatus(status, 'recall');
        recallCount++;
        announcements++;
      }
    }
    expect(status).toBe('no_show');
    expect(announcements).toBe(3);
  });
});
