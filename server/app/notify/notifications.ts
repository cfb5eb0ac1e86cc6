import { appointmentKey, appointmentPayload, calledKey, nearKey, ticketPayload } from '../../domain/notify.js';
import type { HallEvent } from '../../domain/events.js';
import type { TicketRecord } from '../../domain/model.js';
import { nearHeads } from '../../domain/priority.js';
import type { AppointmentRecord } from '../../store/appointment-repo.js';
import { isoInZone } from '../../domain/business-day.js';
import { onHallCommit, type HallCommit } from '../hall-commit.js';
import type { Hall } from '../hall.js';
import { Outbox } from './outbox.js';
import { WebhookNotifier, type Notifier } from './notifier.js';
import { reportRefusedTargets } from './target-check.js';
import { notifyTargetsFromEnv, type NotifyTargets } from './targets.js';

/**
 * Citizen notifications (a ticket is `aheadThreshold` places from the front, or
 * called) to the hall's webhook, and booking-platform callbacks (check-in,
 * no-show) to the platform client's `callbackUrl`. Every message is written in
 * the transaction of the change that caused it (hall events through the commit
 * hook, appointments through their audit), so a crash cannot lose one.
 * Rules in docs/hall-features.md.
 */
export class Notifications {
  readonly outbox: Outbox;
  /** The target policy (SSRF guard) as configured at start. */
  readonly targets: NotifyTargets = notifyTargetsFromEnv();

  constructor(
    private hall: Hall,
    notifier?: Notifier,
  ) {
    notifier ??= new WebhookNotifier(this.targets);
    this.outbox = new Outbox(hall.ctx, notifier);
    onHallCommit(hall.ctx, (commits) => this.inCommit(commits));
    hall.appointments.afterAudit = (type, a, extra) => this.appointment(type, a, extra);
  }

  private get ctx() {
    return this.hall.ctx;
  }

  /** Inside a hall commit's transaction: a message per call and recall, then the tickets now near the front of the services the commits touched. */
  private inCommit(commits: readonly HallCommit[]): void {
    if (!this.ctx.settings().notify.webhookUrl) return;
    const touched = new Set<string>();
    for (const c of commits) {
      for (const e of c.events) {
        if (e.type === 'ticket.called' || e.type === 'ticket.recalled') this.called(c.ticket(e.ticketId), e.windowId, e.at);
        for (const id of servicesOf(e, c)) touched.add(id);
      }
    }
    if (touched.size > 0) this.scanNear([...touched]);
  }

  private called(t: TicketRecord | null, windowId: string, at: string): void {
    const s = this.ctx.settings();
    if (!t) return;
    const key = calledKey(t.id, at);
    const windowNumber = this.ctx.store.config.window(windowId)?.number;
    const payload = ticketPayload(key, 'ticket.called', isoInZone(new Date(at), s.timeZone), s.hallName['zh-CN'], { ...this.facts(t), windowNumber }, s.notify.includeTrackToken);
    this.outbox.enqueue({ key, target: s.notify.webhookUrl, kind: 'ticket.called', payload, ticketId: t.id });
  }

  /**
   * Tickets now within `aheadThreshold` of the front of these services (all with
   * someone waiting when not given): one message each. Per service, the heads of
   * each class are read once and the places worked out in memory; tickets whose
   * message is already queued are skipped before anything is built. Runs inside hall commits.
   */
  scanNear(serviceIds?: readonly string[]): number {
    const s = this.ctx.settings();
    const n = s.notify.aheadThreshold;
    if (!s.notify.webhookUrl || n <= 0) return 0;
    const view = this.hall.view();
    const ids = (serviceIds ?? view.services.map((x) => x.id)).filter((id) => view.waitingCount(id) > 0);
    const streaks = ids.length > 0 ? this.ctx.store.tickets.streaks() : new Map<string, number>();
    const near: { ticket: TicketRecord; ahead: number }[] = [];
    for (const id of ids) {
      const heads = this.ctx.store.tickets.queueHeads([id], '', n + 1);
      near.push(...nearHeads(heads, n, s.fairnessRatio, streaks.get(id) ?? 0, s.greenExemptFromFairness));
    }
    const queuedAlready = this.ctx.store.outbox.existingKeys(near.map((x) => nearKey(x.ticket.id)));
    let queued = 0;
    for (const { ticket: t, ahead } of near) {
      const key = nearKey(t.id);
      if (queuedAlready.has(key)) continue;
      const payload = ticketPayload(key, 'ticket.near', this.ctx.now().toISOString(), s.hallName['zh-CN'], { ...this.facts(t), ahead }, s.notify.includeTrackToken);
      if (this.outbox.enqueue({ key, target: s.notify.webhookUrl, kind: 'ticket.near', payload, ticketId: t.id })) queued++;
    }
    return queued;
  }

  /** Runs inside the appointment's own transaction, so the callback is as durable as the change. */
  private appointment(type: string, a: AppointmentRecord, extra: { ticketNumber?: string }): void {
    if (type !== 'appointment.checked_in' && type !== 'appointment.no_show') return;
    const client = a.clientId ? this.ctx.store.auth.client(a.clientId) : null;
    const url = client?.config?.callbackUrl;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return;
    const key = appointmentKey(type, a.id, a.attempts);
    const payload = appointmentPayload(key, type, this.ctx.now().toISOString(), { appointmentId: a.id, serviceId: a.serviceId, date: a.date, slotStart: a.slotStart, ticketNumber: extra.ticketNumber });
    this.outbox.enqueue({ key, target: url, kind: type, payload });
  }

  private facts(t: TicketRecord) {
    const service = this.ctx.store.config.service(t.caseServiceId ?? t.serviceId);
    return {
      ticketId: t.id,
      number: t.number,
      serviceId: t.serviceId,
      serviceName: service?.name['zh-CN'] ?? t.serviceId,
      businessDay: t.businessDay,
      trackToken: t.trackToken,
    };
  }

  /** Stored targets the policy refuses: logged and alerted (at start and on each settings read). */
  checkTargets(): void {
    reportRefusedTargets(this.ctx, this.targets);
  }

  start(): void {
    this.checkTargets();
    this.outbox.start();
  }

  stop(): Promise<void> {
    return this.outbox.stop();
  }
}

/** The services whose queue order an event may have changed. */
function servicesOf(e: HallEvent, c: HallCommit): string[] {
  switch (e.type) {
    case 'ticket.issued':
      return [e.ticket.serviceId];
    case 'ticket.routed':
      return e.next.map((t) => t.serviceId);
    case 'ticket.transferred':
      return [e.next.serviceId, ...(c.ticket(e.ticketId) ? [c.ticket(e.ticketId)!.serviceId] : [])];
    default: {
      if (!('ticketId' in e)) return [];
      const t = c.ticket(e.ticketId);
      return t ? [t.serviceId] : [];
    }
  }
}
