import { calledEvent } from '../../common/called.js';
import { timeOrderedId } from './ids.js';
import { isoInZone } from '../domain/business-day.js';
import { DomainError } from '../domain/errors.js';
import type { HallEvent } from '../domain/events.js';
import type { TicketRecord, WindowDef, WindowRuntime } from '../domain/model.js';
import { eligibleFor, selectNext } from '../domain/selection.js';
import { recallOutcome, REQUEUED } from '../domain/ticket-machine.js';
import type { Actor } from '../store/event-log.js';
import type { AppContext } from './context.js';
import { commitHall, type HallCommit } from './hall-commit.js';
import type { RecentCalls } from './recent-calls.js';
import { advanceCases } from './joint-handling.js';

export interface ActionResult {
  window: WindowDef;
  runtime: WindowRuntime;
  /** The ticket the action was about (the called one, the finished one…), if any. */
  ticket: TicketRecord | null;
  /** Set when a recall turned into a no-show. */
  autoNoShow?: boolean;
}

interface Loaded {
  window: WindowDef;
  runtime: WindowRuntime;
  current: TicketRecord | null;
  at: string;
}

type Decide = (l: Loaded) => { events: HallEvent[]; ticketId: string | null; autoNoShow?: boolean };

/** Window actions, each decided by the domain and committed as events in one transaction. */
export class WindowActions {
  constructor(
    private ctx: AppContext,
    private recent: RecentCalls,
  ) {}

  private run(windowId: string, actor: Actor, decide: Decide): ActionResult {
    const calls: TicketRecord[] = [];
    const announceCalls = (r: ActionResult) => calls.forEach((t) => this.announce(r.window, t));
    return commitHall(this.ctx, (c) => this.decideAndApply(c, windowId, actor, decide, calls), announceCalls);
  }

  /** Inside the commit: loads the window, lets the domain decide, applies the events (and any joint-handling step they open). */
  private decideAndApply(c: HallCommit, windowId: string, actor: Actor, decide: Decide, calls: TicketRecord[]): ActionResult {
    const { store } = this.ctx;
    const window = store.config.window(windowId);
    if (!window) throw new DomainError('WINDOW_NOT_FOUND', `There is no window "${windowId}"`, 'windowId');
    const runtime = store.config.runtime(windowId)!;
    const current = runtime.currentTicketId ? store.tickets.get(runtime.currentTicketId) : null;
    const at = this.ctx.now().toISOString();
    const decision = decide({ window, runtime, current, at });
    const withWindow = { ...actor, windowId };
    c.touchWindow(windowId);
    for (const e of decision.events) c.apply(e, withWindow);
    // A finished step of a joint-handling case may open the case's next step.
    const ended = decision.events.filter((e) => e.type === 'ticket.finished').map((e) => c.ticket(e.ticketId)!);
    for (const e of advanceCases(store, c.state, ended, at)) c.apply(e, withWindow, e.type === 'ticket.routed' ? e.caseId : undefined);
    for (const e of c.events) if (e.type === 'ticket.called' || e.type === 'ticket.recalled') calls.push(c.ticket(e.ticketId)!);
    return {
      window,
      runtime: c.state.windows.get(windowId) ?? runtime,
      ticket: decision.ticketId ? c.ticket(decision.ticketId) : null,
      autoNoShow: decision.autoNoShow,
    };
  }

  private announce(window: WindowDef, t: TicketRecord): void {
    const service = this.ctx.store.config.service(t.serviceId);
    const ev = calledEvent(t, window, service?.name, isoInZone(new Date(t.calledAt!), this.ctx.settings().timeZone), t.recallCount > 0);
    this.recent.push(ev);
    this.ctx.bus.emit('called', ev);
  }

  open(windowId: string, actor: Actor, staffId: string | null): ActionResult {
    return this.run(windowId, actor, ({ runtime, at }) => {
      if (runtime.status !== 'closed' && runtime.staffId === staffId) return { events: [], ticketId: null };
      return { events: [{ type: 'window.opened', at, windowId, staffId }], ticketId: null };
    });
  }

  close(windowId: string, actor: Actor): ActionResult {
    return this.run(windowId, actor, ({ current, at }) => {
      requireNoCurrent(current, 'closing the window');
      return { events: [{ type: 'window.closed', at, windowId }], ticketId: null };
    });
  }

  pause(windowId: string, actor: Actor, reason: string): ActionResult {
    return this.run(windowId, actor, ({ runtime, current, at }) => {
      requireOpen(runtime);
      requireNoCurrent(current, 'pausing');
      return { events: [{ type: 'window.paused', at, windowId, reason }], ticketId: null };
    });
  }

  resume(windowId: string, actor: Actor): ActionResult {
    return this.run(windowId, actor, ({ runtime, at }) => {
      if (runtime.status !== 'paused') throw new DomainError('WINDOW_NOT_PAUSED', 'The window is not paused');
      return { events: [{ type: 'window.resumed', at, windowId }], ticketId: null };
    });
  }

  /** Finishes the current ticket (if any) and calls the next one by the hall's rules. */
  callNext(windowId: string, actor: Actor): ActionResult {
    return this.run(windowId, actor, ({ window, runtime, current, at }) => {
      requireOpen(runtime);
      const s = this.ctx.settings();
      const next = selectNext(window, this.ctx.store.tickets.queueHeads(window.services.map((l) => l.serviceId), window.id), {
        policy: s.selectionPolicy,
        fairnessRatio: s.fairnessRatio,
        greenExempt: s.greenExemptFromFairness,
        streaks: this.ctx.store.tickets.streaks(),
        now: new Date(at),
      });
      const events: HallEvent[] = finishCurrent(current, at);
      if (next) events.push({ type: 'ticket.called', at, ticketId: next.id, windowId, staffId: runtime.staffId });
      return { events, ticketId: next?.id ?? null };
    });
  }

  /** Calls one particular waiting ticket (by id or number) that this window may serve. */
  callTicket(windowId: string, actor: Actor, ref: { ticketId?: string; number?: string }): ActionResult {
    return this.run(windowId, actor, ({ window, runtime, current, at }) => {
      requireOpen(runtime);
      const eligible = eligibleFor(window, this.ctx.store.tickets.waiting());
      const wanted = eligible.find((t) => (ref.ticketId ? t.id === ref.ticketId : t.number === ref.number?.toUpperCase()));
      if (!wanted) {
        throw new DomainError(
          'TICKET_NOT_WAITING_HERE',
          `Ticket ${ref.number ?? ref.ticketId} is not waiting for this window`,
          ref.ticketId ? 'ticketId' : 'number',
        );
      }
      const events = finishCurrent(current, at);
      events.push({ type: 'ticket.called', at, ticketId: wanted.id, windowId, staffId: runtime.staffId });
      return { events, ticketId: wanted.id };
    });
  }

  recall(windowId: string, actor: Actor): ActionResult {
    return this.run(windowId, actor, ({ current, at }) => {
      const t = requireCurrent(current, ['called']);
      if (recallOutcome(t.recallCount, this.ctx.settings().maxRecalls) === 'no_show') {
        return { events: [{ type: 'ticket.no_show', at, ticketId: t.id, automatic: true }], ticketId: t.id, autoNoShow: true };
      }
      return { events: [{ type: 'ticket.recalled', at, ticketId: t.id, windowId }], ticketId: t.id };
    });
  }

  start(windowId: string, actor: Actor): ActionResult {
    return this.run(windowId, actor, ({ current, at }) => {
      const t = requireCurrent(current, ['called']);
      return { events: [{ type: 'ticket.started', at, ticketId: t.id }], ticketId: t.id };
    });
  }

  noShow(windowId: string, actor: Actor): ActionResult {
    return this.run(windowId, actor, ({ current, at }) => {
      const t = requireCurrent(current, ['called']);
      return { events: [{ type: 'ticket.no_show', at, ticketId: t.id, automatic: false }], ticketId: t.id };
    });
  }

  finish(windowId: string, actor: Actor): ActionResult {
    return this.run(windowId, actor, ({ current, at }) => {
      const t = requireCurrent(current, ['called', 'serving']);
      return { events: [{ type: 'ticket.finished', at, ticketId: t.id }], ticketId: t.id };
    });
  }

  /** The current ticket queues again at another service and/or window, keeping its number and place. */
  transfer(windowId: string, actor: Actor, to: { toServiceId?: string; toWindowId?: string }): ActionResult {
    return this.run(windowId, actor, ({ current, at }) => {
      const t = requireCurrent(current, ['called', 'serving']);
      if (!to.toServiceId && !to.toWindowId) {
        throw new DomainError('TRANSFER_TARGET_MISSING', 'Say where to transfer: toServiceId, toWindowId or both', 'toServiceId');
      }
      const serviceId = to.toServiceId ?? t.serviceId;
      const service = this.ctx.store.config.service(serviceId);
      if (!service) throw new DomainError('SERVICE_NOT_FOUND', `There is no service "${serviceId}"`, 'toServiceId');
      if (to.toWindowId) {
        if (!this.ctx.store.config.window(to.toWindowId)) {
          throw new DomainError('WINDOW_NOT_FOUND', `There is no window "${to.toWindowId}"`, 'toWindowId');
        }
        if (to.toWindowId === windowId) {
          throw new DomainError('TRANSFER_TO_SELF', 'A ticket cannot be transferred to the window serving it', 'toWindowId');
        }
      }
      const next: TicketRecord = {
        ...t,
        ...REQUEUED,
        id: timeOrderedId(),
        serviceId,
        targetWindowId: to.toWindowId ?? null,
        transferredFromId: t.id,
      };
      return { events: [{ type: 'ticket.transferred', at, ticketId: t.id, next }], ticketId: next.id };
    });
  }
}

function finishCurrent(current: TicketRecord | null, at: string): HallEvent[] {
  if (current && (current.status === 'called' || current.status === 'serving')) {
    return [{ type: 'ticket.finished', at, ticketId: current.id }];
  }
  return [];
}

function requireOpen(rt: WindowRuntime): void {
  if (rt.status === 'closed') throw new DomainError('WINDOW_CLOSED', 'Sign in to the window first');
  if (rt.status === 'paused') throw new DomainError('WINDOW_PAUSED', `The window is paused (${rt.pauseReason}); resume it first`);
}

function requireNoCurrent(current: TicketRecord | null, doing: string): void {
  if (current && (current.status === 'called' || current.status === 'serving')) {
    throw new DomainError('TICKET_IN_HAND', `Finish, transfer or mark no-show ticket ${current.number} before ${doing}`);
  }
}

function requireCurrent(current: TicketRecord | null, statuses: TicketRecord['status'][]): TicketRecord {
  if (!current || !statuses.includes(current.status)) {
    throw new DomainError('NO_CURRENT_TICKET', 'This window has no ticket in hand for that action');
  }
  return current;
}
