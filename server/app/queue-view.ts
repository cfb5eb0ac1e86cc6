import type { HallSnapshot, LocalizedText, Ticket, TrackView, WindowState } from '../../common/types.js';
import { isoInZone } from '../domain/business-day.js';
import { DEFAULT_SERVICE_SECONDS, estimateWaitSeconds, rollingAverage } from '../domain/estimate.js';
import type { ServiceDef, TicketRecord, WindowDef, WindowRuntime } from '../domain/model.js';
import { peopleAheadFromCounts, type AheadCounts } from '../domain/priority.js';
import { currentStep } from '../domain/route.js';
import type { AppContext } from './context.js';

/**
 * A read-only picture of the queues at one moment, built once and used to
 * answer many questions (people ahead, estimates, snapshots) without going back
 * to the database for each ticket.
 */
export class QueueView {
  readonly services: ServiceDef[];
  readonly windows: WindowDef[];
  readonly runtimes: Map<string, WindowRuntime>;
  private counts: Map<string, number> | null = null;
  private streaks: Map<string, number> | null = null;
  private averages = new Map<string, number>();
  private ahead = new Map<string, AheadCounts>();

  constructor(private ctx: AppContext) {
    const { store } = ctx;
    this.services = store.config.services();
    this.windows = store.config.windows();
    this.runtimes = new Map(store.config.runtimes().map((r) => [r.windowId, r]));
  }

  service(id: string): ServiceDef | undefined {
    return this.services.find((s) => s.id === id);
  }

  waitingCount(serviceId: string): number {
    this.counts ??= this.ctx.store.tickets.waitingCounts();
    return this.counts.get(serviceId) ?? 0;
  }

  averageServiceSeconds(serviceId: string): number {
    let avg = this.averages.get(serviceId);
    if (avg === undefined) {
      const n = this.ctx.settings().serviceTimeWindow;
      avg = rollingAverage(this.ctx.store.tickets.recentDurations(serviceId, n), n, DEFAULT_SERVICE_SECONDS);
      this.averages.set(serviceId, avg);
    }
    return avg;
  }

  openWindowsFor(serviceId: string): number {
    return this.windows.filter(
      (w) => this.runtimes.get(w.id)?.status === 'open' && w.services.some((s) => s.serviceId === serviceId),
    ).length;
  }

  /** Estimated wait for someone who takes a ticket for this service now. */
  estimateForNew(serviceId: string): number {
    return estimateWaitSeconds(
      this.waitingCount(serviceId),
      this.averageServiceSeconds(serviceId),
      this.openWindowsFor(serviceId),
    );
  }

  /** Reads the places ahead of these tickets in one go (the tickets of one commit) instead of one query each. */
  preloadAhead(tickets: readonly TicketRecord[]): void {
    const waiting = tickets.filter((t) => t.status === 'waiting');
    for (const [id, c] of this.ctx.store.tickets.aheadCountsMany(waiting)) this.ahead.set(id, c);
  }

  aheadOf(t: TicketRecord): number {
    // A remote ticket not yet arrived: where it would queue if it arrived now (the hall's arrival rule).
    if (t.status === 'remote') {
      return this.ctx.settings().remoteQueue.arrivalRule === 'keep' ? this.aheadOf({ ...t, status: 'waiting' }) : this.waitingCount(t.serviceId);
    }
    if (t.status !== 'waiting') return 0;
    this.streaks ??= this.ctx.store.tickets.streaks();
    const streak = t.targetWindowId ? 0 : (this.streaks.get(t.serviceId) ?? 0);
    const counts = this.ahead.get(t.id) ?? this.ctx.store.tickets.aheadCounts(t);
    return peopleAheadFromCounts(t.priority, counts, this.ctx.settings().fairnessRatio, streak, this.ctx.settings().greenExemptFromFairness);
  }

  toTicket(t: TicketRecord): Ticket {
    const ahead = this.aheadOf(t);
    const tz = this.ctx.settings().timeZone;
    return {
      id: t.id,
      number: t.number,
      serviceId: t.serviceId,
      status: t.status,
      priority: t.priority,
      issuedAt: isoInZone(new Date(t.issuedAt), tz),
      calledAt: t.calledAt ? isoInZone(new Date(t.calledAt), tz) : undefined,
      windowId: t.windowId ?? undefined,
      waitingAhead: ahead,
      estimatedWaitSeconds:
        t.status === 'waiting' || t.status === 'remote'
          ? estimateWaitSeconds(ahead, this.averageServiceSeconds(t.serviceId), this.openWindowsFor(t.serviceId))
          : 0,
      trackToken: t.trackToken,
      businessDay: t.businessDay,
      recallCount: t.recallCount,
      identity: t.identity
        ? { maskedName: t.identity.maskedName, maskedIdNumber: t.identity.maskedIdNumber }
        : undefined,
      targetWindowId: t.targetWindowId ?? undefined,
      transferredFromId: t.transferredFromId ?? undefined,
      step: t.routeStep && t.routeTotal ? { index: t.routeStep, total: t.routeTotal } : undefined,
      caseServiceId: t.caseServiceId ?? undefined,
    };
  }

  windowState(w: WindowDef, staffName?: (id: string) => string | undefined): WindowState {
    const rt = this.runtimes.get(w.id);
    const current = rt?.currentTicketId ? this.ctx.store.tickets.get(rt.currentTicketId) : null;
    return {
      id: w.id,
      number: w.number,
      name: w.name,
      departmentId: w.departmentId,
      status: rt?.status ?? 'closed',
      pauseReason: rt?.pauseReason ?? undefined,
      staffId: rt?.staffId ?? undefined,
      staffName: rt?.staffId ? staffName?.(rt.staffId) : undefined,
      serviceIds: w.services.map((s) => s.serviceId),
      current: current ? this.toTicket(current) : null,
    };
  }

  /**
   * The phone page of a track token. Transfers and parallel steps give one token
   * several tickets: show the one that matters now (at a window, else the one
   * nearest its turn, else the latest).
   */
  trackViewOf(tickets: readonly TicketRecord[]): TrackView {
    const live = tickets.find((t) => t.status === 'called' || t.status === 'serving');
    const waiting = tickets
      .filter((t) => t.status === 'waiting' || t.status === 'remote')
      .map((t) => ({ t, ahead: this.aheadOf(t) }))
      .sort((a, b) => a.ahead - b.ahead)[0]?.t;
    const chosen = live ?? waiting ?? tickets[tickets.length - 1];
    const view = this.trackView(chosen);
    const total = chosen.routeTotal;
    const step = total ? currentStep(tickets, total) : undefined;
    return step ? { ...view, step } : view;
  }

  /** Remote tickets' arrival code and expiry for the phone page (set by the hall). */
  remoteTrack: (t: TicketRecord) => TrackView['remote'] = () => undefined;

  trackView(t: TicketRecord): TrackView {
    const service = this.service(t.serviceId);
    const remote = this.remoteTrack(t);
    const window = t.windowId ? this.windows.find((w) => w.id === t.windowId) : undefined;
    const dto = this.toTicket(t);
    return {
      number: t.number,
      status: t.status,
      serviceName: service?.name ?? ({ 'zh-CN': t.serviceId } as LocalizedText),
      waitingAhead: dto.waitingAhead,
      estimatedWaitSeconds: dto.estimatedWaitSeconds,
      windowNumber: window?.number,
      windowName: window?.name,
      calledAt: dto.calledAt,
      recallCount: t.recallCount,
      ...(service ? { fees: service.guide.fees, promisedMinutes: service.promisedMinutes } : {}),
      ...(remote ? { remote } : {}),
      notifyAhead: this.ctx.settings().notify.aheadThreshold,
    };
  }

  snapshot(recentCalls: HallSnapshot['recentCalls'], businessDay: string): HallSnapshot {
    const s = this.ctx.settings();
    const staff = new Map(this.ctx.store.auth.users().map((u) => [u.id, u.name]));
    return {
      hallName: s.hallName,
      businessDay,
      services: this.services.map((sv) => ({
        id: sv.id,
        name: sv.name,
        prefix: sv.prefix,
        waiting: this.waitingCount(sv.id),
        estimatedWaitSeconds: this.estimateForNew(sv.id),
        fees: sv.guide.fees,
        promisedMinutes: sv.promisedMinutes,
      })),
      windows: this.windows.map((w) => this.windowState(w, (id) => staff.get(id))),
      recentCalls,
      notices: s.notices,
      serverTime: isoInZone(this.ctx.now(), s.timeZone),
      timeZone: s.timeZone,
      voiceTemplate: s.voiceTemplate,
      voiceRepeat: s.voiceRepeat,
    };
  }
}
