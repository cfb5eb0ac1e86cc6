import { applyEvent, emptyReplayState, type HallEvent, type ReplayState } from '../domain/events.js';
import type { TicketRecord } from '../domain/model.js';
import type { Actor } from '../store/event-log.js';
import type { AppContext } from './context.js';

/** What a commit changed, for screens, phones and devices. */
export interface HallChange {
  windowIds: string[];
  trackTokens: string[];
}

/**
 * The one way hall events are committed. Inside a store transaction, `apply`
 * loads from the store what an event touches (its tickets, their windows, the
 * priority streaks), runs the pure reducer on that working state and persists
 * exactly what it changed. Later events of the same commit see earlier ones.
 * `changed()` says which windows and track tokens to announce after the commit.
 */
export class HallCommit {
  readonly state: ReplayState = emptyReplayState();
  readonly events: HallEvent[] = [];
  private windowIds = new Set<string>();
  private trackTokens = new Set<string>();
  private streaksLoaded = false;

  constructor(private ctx: AppContext) {}

  /** Applies and persists one event. `ticketId` overrides the ticket the log row is filed under. */
  apply(e: HallEvent, actor: Actor, ticketId?: string): void {
    this.load(e);
    const changes = applyEvent(this.state, e);
    this.ctx.store.recordHallEvent(e, actor, changes, ticketId);
    this.events.push(e);
    for (const t of changes.tickets) this.trackTokens.add(t.trackToken);
    for (const w of changes.windows) this.windowIds.add(w.windowId);
    if ('windowId' in e) this.windowIds.add(e.windowId);
  }

  /** Announces a window even when no event changed it (an action that turned out to be a no-op). */
  touchWindow(windowId: string): void {
    this.windowIds.add(windowId);
  }

  /** A ticket as this commit left it so far (or as stored, if it did not touch it). */
  ticket(id: string): TicketRecord | null {
    return this.state.tickets.get(id) ?? this.ctx.store.tickets.get(id);
  }

  changed(): HallChange {
    return { windowIds: [...this.windowIds], trackTokens: [...this.trackTokens] };
  }

  private load(e: HallEvent): void {
    const { store } = this.ctx;
    // Issued and routed tickets are new: nothing to load for them.
    const existing = 'ticketId' in e ? [e.ticketId] : [];
    for (const id of existing) {
      if (this.state.tickets.has(id)) continue;
      const t = store.tickets.get(id);
      if (t) this.state.tickets.set(id, t);
    }
    const windowIds = existing.map((id) => this.state.tickets.get(id)?.windowId);
    if ('windowId' in e) windowIds.push(e.windowId);
    for (const id of windowIds) {
      if (!id || this.state.windows.has(id)) continue;
      const rt = store.config.runtime(id);
      if (rt) this.state.windows.set(id, rt);
    }
    if (e.type === 'ticket.called' && !this.streaksLoaded) {
      for (const [serviceId, streak] of store.tickets.streaks()) if (!this.state.streaks.has(serviceId)) this.state.streaks.set(serviceId, streak);
      this.streaksLoaded = true;
    }
  }
}

/** Work that must be saved with the hall events of a commit (e.g. the notifications they cause), run inside its transaction. */
export type CommitHook = (commits: readonly HallCommit[]) => void;
const hooks = new WeakMap<AppContext, CommitHook[]>();

/** Registers `hook` to run inside every hall commit's transaction, after its events were applied. */
export function onHallCommit(ctx: AppContext, hook: CommitHook): void {
  hooks.set(ctx, [...(hooks.get(ctx) ?? []), hook]);
}

/**
 * Runs the commit hooks; call it inside the transaction, after the events. A hook that
 * throws is logged and does not undo the hall's events (they matter more than a message).
 */
export function runCommitHooks(ctx: AppContext, commits: readonly HallCommit[]): void {
  if (!commits.some((c) => c.events.length > 0)) return;
  for (const hook of hooks.get(ctx) ?? []) {
    try {
      hook(commits);
    } catch (err) {
      ctx.log.error({ err }, 'commit hook failed');
    }
  }
}

/** Tells screens, phones and devices what a commit changed. Call it only after the commit returned. */
export function announce(ctx: AppContext, change: HallChange): void {
  ctx.bus.emit('changed', change);
}

/**
 * Runs `fn` in one transaction with a fresh HallCommit and, once committed, runs
 * `before` (e.g. the call announcements) and then announces what changed.
 * Nothing is announced when `fn` throws: nothing was committed.
 */
export function commitHall<T>(ctx: AppContext, fn: (c: HallCommit) => T, before?: (result: T) => void): T {
  const c = new HallCommit(ctx);
  const result = ctx.store.tx(() => {
    const r = fn(c);
    runCommitHooks(ctx, [c]);
    return r;
  });
  before?.(result);
  announce(ctx, c.changed());
  return result;
}
