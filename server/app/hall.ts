import { calledEvent } from '../../common/called.js';
import type { CalledEvent, HallSnapshot, Lang, ServiceSummary, Ticket, TrackView } from '../../common/types.js';
import { businessDay, isoInZone } from '../domain/business-day.js';
import { DomainError } from '../domain/errors.js';
import { nextStreak } from '../domain/priority.js';
import { eligibleFor, selectNext } from '../domain/selection.js';
import type { TicketRecord } from '../domain/model.js';
import type { Actor, LoggedEvent } from '../store/event-log.js';
import { commitHall } from './hall-commit.js';
import type { AppContext } from './context.js';
import { IssueBatcher } from './issue-batcher.js';
import type { IssueRequest } from './issue-ticket.js';
import { QueueView } from './queue-view.js';
import { RecentCalls } from './recent-calls.js';
import { WindowActions } from './window-actions.js';
import { RatingService } from './ratings.js';
import { Appointments } from './appointments.js';
import { restoreTicket } from './restore-ticket.js';
import type { PriorityGrant } from '../domain/priority-groups.js';
import { DayRollover } from './day-rollover.js';
import { RemoteQueue } from './remote-queue.js';
import { Notifications } from './notify/notifications.js';

/** The hall's use cases, as the HTTP, socket and device edges see them. */
export class Hall {
  readonly recent = new RecentCalls();
  readonly windows: WindowActions;
  /** 好差评: rating requests and ratings from evaluators and citizen-facing screens. */
  readonly ratings: RatingService;
  readonly appointments: Appointments;
  readonly rollover: DayRollover;
  /** 线上取号: remote tickets, their arrival and expiry. */
  readonly remote: RemoteQueue;
  /** Citizen notifications (webhook outbox) and booking-platform callbacks. */
  readonly notify: Notifications;
  private batcher: IssueBatcher;
  private issuedDto = new WeakMap<TicketRecord, Ticket>();

  constructor(readonly ctx: AppContext) {
    this.windows = new WindowActions(ctx, this.recent);
    this.ratings = new RatingService(ctx);
    this.appointments = new Appointments(ctx);
    this.rollover = new DayRollover(ctx, () => this.businessDay());
    this.remote = new RemoteQueue(this);
    this.notify = new Notifications(this);
    this.batcher = new IssueBatcher(ctx, (results) => {
      // One picture of the queues for all the tickets of one commit, taken right after it,
      // instead of one per request (each view reads every service and window).
      const view = this.view();
      view.preloadAhead(results.map((r) => r.ticket));
      for (const r of results) this.issuedDto.set(r.ticket, view.toTicket(r.ticket));
    });
    this.restoreRecentCalls();
  }

  businessDay(): string {
    const s = this.ctx.settings();
    return businessDay(this.ctx.now(), s.timeZone, s.resetHour);
  }

  view(): QueueView {
    const v = new QueueView(this.ctx);
    v.remoteTrack = (t) => this.remote.trackOf(t);
    return v;
  }

  async issue(request: IssueRequest): Promise<{ ticket: Ticket; record: TicketRecord; replayed: boolean }> {
    const { ticket, replayed } = await this.batcher.submit(request);
    return { ticket: this.issuedDto.get(ticket) ?? this.view().toTicket(ticket), record: ticket, replayed };
  }

  services(lang: Lang): ServiceSummary[] {
    const view = this.view();
    const day = this.businessDay();
    return view.services.map((s) => ({
      id: s.id,
      name: s.name[lang] ?? s.name['zh-CN'],
      names: s.name,
      departmentId: s.departmentId,
      prefix: s.prefix,
      open: s.open,
      waiting: view.waitingCount(s.id),
      estimatedWaitSeconds: view.estimateForNew(s.id),
      promisedMinutes: s.promisedMinutes,
      quotaLeft: s.dailyQuota === null ? null : Math.max(0, s.dailyQuota - this.ctx.store.tickets.issuedCount(day, s.id)),
      guide: s.guide,
      ...(s.idCardRequired ? { idCardRequired: true } : {}),
    }));
  }

  snapshot(): HallSnapshot {
    return this.view().snapshot(this.recent.list(), this.businessDay());
  }

  /** The tickets a window may call, in the order it would call them (at most `limit`). */
  waitingFor(windowId: string, limit = 100): Ticket[] {
    const window = this.ctx.store.config.window(windowId);
    if (!window) throw new DomainError('WINDOW_NOT_FOUND', `There is no window "${windowId}"`, 'id');
    const s = this.ctx.settings();
    const view = this.view();
    let pool = eligibleFor(window, this.ctx.store.tickets.queueHeads(window.services.map((l) => l.serviceId), window.id, limit));
    const streaks = this.ctx.store.tickets.streaks();
    const order: TicketRecord[] = [];
    const now = this.ctx.now();
    while (pool.length > 0 && order.length < limit) {
      const next = selectNext(window, pool, { policy: s.selectionPolicy, fairnessRatio: s.fairnessRatio, greenExempt: s.greenExemptFromFairness, streaks, now });
      if (!next) break;
      order.push(next);
      streaks.set(next.serviceId, nextStreak(streaks.get(next.serviceId) ?? 0, next.priority));
      pool = pool.filter((t) => t.id !== next.id);
    }
    return order.map((t) => view.toTicket(t));
  }

  ticket(id: string): { ticket: Ticket; history: LoggedEvent[]; grant: PriorityGrant | null } {
    const t = this.ctx.store.tickets.get(id);
    if (!t) throw new DomainError('TICKET_NOT_FOUND', `There is no ticket "${id}"`, 'id');
    const history = this.ctx.store.events.forTicket(id);
    return { ticket: this.view().toTicket(t), history, grant: this.grantOf(t, history) };
  }

  /** Who granted a ticket's class: its issue event (a transferred ticket inherits its first step's). */
  private grantOf(t: TicketRecord, history: LoggedEvent[]): PriorityGrant | null {
    let events = history;
    for (let cur: TicketRecord | null = t, hops = 0; cur && hops < 20; hops++) {
      const issued = events.find((e) => e.type === 'ticket.issued');
      if (issued) return (issued.data.grant as PriorityGrant | undefined) ?? null;
      cur = cur.transferredFromId ? this.ctx.store.tickets.get(cur.transferredFromId) : null;
      if (cur) events = this.ctx.store.events.forTicket(cur.id);
    }
    return null;
  }

  /** Reinstates a no-show ticket (see restore-ticket.ts). */
  restore(ticketId: string, actor: Actor): Ticket {
    return this.view().toTicket(restoreTicket(this.ctx, ticketId, actor));
  }

  /** A window's no-shows of today that can still be restored, with the time each stops being restorable. */
  restorableNoShows(windowId: string): (Ticket & { restorableUntil: string })[] {
    const windowMs = this.ctx.settings().restoreWithinMinutes * 60_000;
    if (windowMs <= 0) return [];
    const day = this.businessDay();
    const view = this.view();
    return this.ctx.store.tickets
      .noShowsAt(windowId, new Date(this.ctx.now().getTime() - windowMs).toISOString())
      .filter((t) => t.businessDay === day)
      .map((t) => ({ ...view.toTicket(t), restorableUntil: new Date(Date.parse(t.finishedAt!) + windowMs).toISOString() }));
  }

  track(token: string): TrackView {
    const tickets = this.ctx.store.tickets.allByTrackToken(token);
    if (tickets.length === 0) throw new DomainError('TICKET_NOT_FOUND', 'This ticket link is not known; check the QR code on your ticket', 'token');
    return this.view().trackViewOf(tickets);
  }

  wasPrinted(ticketId: string): boolean {
    return this.ctx.store.events.forTicket(ticketId).some((e) => e.type === 'ticket.printed');
  }

  /** Recorded after the printer took the ticket, so a retried request never prints twice. */
  markPrinted(ticketId: string, actor: Actor): void {
    const at = this.ctx.now().toISOString();
    this.ctx.store.events.append({ type: 'ticket.printed', at, ticketId }, actor, { ticketId });
  }

  /** Cancels a ticket nobody will hold (its print failed), so no ghost stays in the queue. */
  cancel(ticketId: string, reason: string, actor: Actor): void {
    commitHall(this.ctx, (c) => {
      if (!this.ctx.store.tickets.get(ticketId)) throw new DomainError('TICKET_NOT_FOUND', `There is no ticket "${ticketId}"`);
      c.apply({ type: 'ticket.cancelled', at: this.ctx.now().toISOString(), ticketId, reason }, actor);
    });
  }

  /** Screens that connect after a restart still see today's last calls. */
  private restoreRecentCalls(): void {
    const { store } = this.ctx;
    const day = this.businessDay();
    const tz = this.ctx.settings().timeZone;
    const logged = store.events.list({ limit: 20, types: ['ticket.called', 'ticket.recalled'] });
    const windows = new Map(store.config.windows().map((w) => [w.id, w]));
    const calls: CalledEvent[] = [];
    for (const e of logged) {
      const t = e.ticketId ? store.tickets.get(e.ticketId) : null;
      const w = e.windowId ? windows.get(e.windowId) : undefined;
      if (!t || !w || t.businessDay !== day) continue;
      const service = store.config.service(t.serviceId);
      calls.push(calledEvent(t, w, service?.name, isoInZone(new Date(e.at), tz), e.type === 'ticket.recalled'));
    }
    this.recent.reset(calls);
  }
}
