import type { TicketRecord, WindowRuntime } from './model.js';
import { nextStatus } from './ticket-machine.js';
import { nextStreak } from './priority.js';
import type { PriorityGrant } from './priority-groups.js';

/**
 * Everything that happens to tickets and windows is one of these events. The
 * store appends them to the log; the same reducer below turns them into the
 * current state, so the state can always be rebuilt from the log.
 */
export type HallEvent =
  | { type: 'ticket.issued'; at: string; ticket: TicketRecord; grant?: PriorityGrant }
  | { type: 'ticket.called'; at: string; ticketId: string; windowId: string; staffId: string | null }
  | { type: 'ticket.recalled'; at: string; ticketId: string; windowId: string }
  | { type: 'ticket.started'; at: string; ticketId: string }
  | { type: 'ticket.finished'; at: string; ticketId: string }
  | { type: 'ticket.no_show'; at: string; ticketId: string; automatic: boolean }
  | { type: 'ticket.transferred'; at: string; ticketId: string; next: TicketRecord }
  | { type: 'ticket.cancelled'; at: string; ticketId: string; reason: string }
  | { type: 'ticket.restored'; at: string; ticketId: string; queuedAt: string }
  /** A remote ticket checked in at the hall: it queues from `queuedAt` (the hall's arrival rule). */
  | { type: 'ticket.arrived'; at: string; ticketId: string; queuedAt: string; by: ArrivalWay }
  /** A remote ticket that did not arrive in time. */
  | { type: 'ticket.expired'; at: string; ticketId: string }
  /** Joint handling: the next step's tickets of a case (same number and track token). */
  | { type: 'ticket.routed'; at: string; caseId: string; step: number; next: TicketRecord[] }
  | { type: 'window.opened'; at: string; windowId: string; staffId: string | null }
  | { type: 'window.closed'; at: string; windowId: string }
  | { type: 'window.paused'; at: string; windowId: string; reason: string }
  | { type: 'window.resumed'; at: string; windowId: string };

/** Every hall event type, and only those: replay feeds these to the reducer and nothing else (the log also holds audit events such as `ticket.printed` or `window.taken_over`). */
const HALL_EVENT_TYPES: Record<HallEvent['type'], true> = {
  'ticket.issued': true,
  'ticket.called': true,
  'ticket.recalled': true,
  'ticket.started': true,
  'ticket.finished': true,
  'ticket.no_show': true,
  'ticket.transferred': true,
  'ticket.cancelled': true,
  'ticket.restored': true,
  'ticket.routed': true,
  'ticket.arrived': true,
  'ticket.expired': true,
  'window.opened': true,
  'window.closed': true,
  'window.paused': true,
  'window.resumed': true,
};

export function isHallEvent(type: string): boolean {
  return Object.hasOwn(HALL_EVENT_TYPES, type);
}

/** The hall events about tickets, by name (reports replay these and the ratings; the log also holds `ticket.printed`, an audit event). */
export const TICKET_EVENT_TYPES = (Object.keys(HALL_EVENT_TYPES) as HallEvent['type'][]).filter((t) => t.startsWith('ticket.'));

export type ArrivalWay = 'kiosk-code' | 'kiosk-card' | 'door' | 'staff';

export interface ReplayState {
  tickets: Map<string, TicketRecord>;
  windows: Map<string, WindowRuntime>;
  /** Last sequence per `${businessDay}|${prefix}`. */
  counters: Map<string, number>;
  /** Priority streak per service. */
  streaks: Map<string, number>;
}

export interface EventChanges {
  tickets: TicketRecord[];
  windows: WindowRuntime[];
  streaks: [string, number][];
}

export function emptyReplayState(): ReplayState {
  return { tickets: new Map(), windows: new Map(), counters: new Map(), streaks: new Map() };
}

export const counterKey = (businessDay: string, prefix: string) => `${businessDay}|${prefix}`;

function windowOf(state: ReplayState, windowId: string): WindowRuntime {
  return (
    state.windows.get(windowId) ?? {
      windowId,
      status: 'closed',
      pauseReason: null,
      staffId: null,
      currentTicketId: null,
    }
  );
}

function ticketOf(state: ReplayState, id: string): TicketRecord {
  const t = state.tickets.get(id);
  if (!t) throw new Error(`event for unknown ticket ${id}`);
  return t;
}

/** Frees a window whose current ticket just left it. */
function release(state: ReplayState, ticket: TicketRecord): void {
  if (!ticket.windowId) return;
  const w = windowOf(state, ticket.windowId);
  if (w.currentTicketId === ticket.id) state.windows.set(w.windowId, { ...w, currentTicketId: null });
}

/**
 * Applies one event. Returns the ticket and window records it changed, which is
 * exactly what the store must write.
 */
export function applyEvent(
  state: ReplayState,
  e: HallEvent,
): EventChanges {
  const changedTickets: TicketRecord[] = [];
  const changedStreaks: [string, number][] = [];
  const changedWindows = new Set<string>();
  const putTicket = (t: TicketRecord) => {
    state.tickets.set(t.id, t);
    changedTickets.push(t);
  };
  const putWindow = (w: WindowRuntime) => {
    state.windows.set(w.windowId, w);
    changedWindows.add(w.windowId);
  };

  switch (e.type) {
    case 'ticket.issued': {
      putTicket(e.ticket);
      const key = counterKey(e.ticket.businessDay, e.ticket.prefix);
      state.counters.set(key, Math.max(state.counters.get(key) ?? 0, e.ticket.seq));
      break;
    }
    case 'ticket.called': {
      const t = ticketOf(state, e.ticketId);
      putTicket({ ...t, status: nextStatus(t.status, 'call'), calledAt: e.at, windowId: e.windowId });
      putWindow({ ...windowOf(state, e.windowId), currentTicketId: t.id });
      const streak = nextStreak(state.streaks.get(t.serviceId) ?? 0, t.priority);
      state.streaks.set(t.serviceId, streak);
      changedStreaks.push([t.serviceId, streak]);
      break;
    }
    case 'ticket.recalled': {
      const t = ticketOf(state, e.ticketId);
      putTicket({ ...t, status: nextStatus(t.status, 'recall'), recallCount: t.recallCount + 1, calledAt: e.at });
      break;
    }
    case 'ticket.started': {
      const t = ticketOf(state, e.ticketId);
      putTicket({ ...t, status: nextStatus(t.status, 'start'), servingAt: e.at });
      break;
    }
    case 'ticket.finished':
    case 'ticket.no_show':
    case 'ticket.cancelled': {
      const action = e.type === 'ticket.finished' ? 'finish' : e.type === 'ticket.no_show' ? 'no_show' : 'cancel';
      const t = ticketOf(state, e.ticketId);
      const done = { ...t, status: nextStatus(t.status, action), finishedAt: e.at };
      putTicket(done);
      release(state, t);
      if (t.windowId) changedWindows.add(t.windowId);
      break;
    }
    case 'ticket.transferred': {
      const t = ticketOf(state, e.ticketId);
      putTicket({ ...t, status: nextStatus(t.status, 'transfer'), finishedAt: e.at });
      release(state, t);
      if (t.windowId) changedWindows.add(t.windowId);
      putTicket(e.next);
      break;
    }
    case 'ticket.restored': {
      const t = ticketOf(state, e.ticketId);
      putTicket({
        ...t,
        status: nextStatus(t.status, 'restore'),
        queuedAt: e.queuedAt,
        calledAt: null,
        finishedAt: null,
        windowId: null,
        recallCount: 0,
      });
      break;
    }
    case 'ticket.arrived': {
      const t = ticketOf(state, e.ticketId);
      putTicket({ ...t, status: nextStatus(t.status, 'arrive'), queuedAt: e.queuedAt });
      break;
    }
    case 'ticket.expired': {
      const t = ticketOf(state, e.ticketId);
      putTicket({ ...t, status: nextStatus(t.status, 'expire'), finishedAt: e.at });
      break;
    }
    case 'ticket.routed':
      for (const t of e.next) putTicket(t);
      break;
    case 'window.opened':
      putWindow({ ...windowOf(state, e.windowId), status: 'open', staffId: e.staffId, pauseReason: null });
      break;
    case 'window.closed':
      putWindow({ ...windowOf(state, e.windowId), status: 'closed', staffId: null, pauseReason: null });
      break;
    case 'window.paused':
      putWindow({ ...windowOf(state, e.windowId), status: 'paused', pauseReason: e.reason });
      break;
    case 'window.resumed':
      putWindow({ ...windowOf(state, e.windowId), status: 'open', pauseReason: null });
      break;
    default:
      // Not a hall event: applying it would silently do nothing, so a caller fed the wrong event.
      throw new Error(`not a hall event: ${(e as { type: string }).type}`);
  }
  return {
    tickets: changedTickets,
    windows: [...changedWindows].map((id) => windowOf(state, id)),
    streaks: changedStreaks,
  };
}
