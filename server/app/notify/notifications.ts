import { appointmentKey, appointmentPayload, calledKey, nearKey, ticketPayload } from '../../domain/notify.js';
import type { TicketRecord } from '../../domain/model.js';
import type { AppointmentRecord } from '../../store/appointment-repo.js';
import type { CalledEvent } from '../../../common/types.js';
import type { Hall } from '../hall.js';
import { Outbox } from './outbox.js';
import { WebhookNotifier, type Notifier } from './notifier.js';

/**
 * Citizen notifications (a ticket is `aheadThreshold` places from the front, or
 * called) to the hall's webhook, and booking-platform callbacks (check-in,
 * no-show) to the platform client's `callbackUrl`. Rules in docs/hall-features.md.
 */
export class Notifications {
  readonly outbox: Outbox;
  private pending = false;

  constructor(
    private hall: Hall,
    notifier: Notifier = new WebhookNotifier(),
  ) {
    this.outbox = new Outbox(hall.ctx, notifier);
    const { bus } = hall.ctx;
    bus.on('called', (e) => this.safely(() => this.called(e)));
    bus.on('changed', () => this.scheduleNearScan());
    hall.appointments.afterAudit = (type, a, extra) => this.appointment(type, a, extra);
  }

  private get ctx() {
    return this.hall.ctx;
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.ctx.log.error({ err }, 'notification not queued');
    }
  }

  private called(e: CalledEvent): void {
    const s = this.ctx.settings();
    if (!s.notify.webhookUrl) return;
    const t = this.ctx.store.tickets.get(e.ticketId);
    if (!t) return;
    const key = calledKey(t.id, e.calledAt);
    const payload = ticketPayload(key, 'ticket.called', e.calledAt, s.hallName['zh-CN'], { ...this.facts(t), windowNumber: e.windowNumber }, s.notify.includeTrackToken);
    this.outbox.enqueue({ key, target: s.notify.webhookUrl, kind: 'ticket.called', payload });
  }

  private scheduleNearScan(): void {
    if (this.pending) return;
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      this.safely(() => this.scanNear());
    });
  }

  /** Tickets now within `aheadThreshold` of the front: one message each (the outbox key makes it once). */
  scanNear(): number {
    const s = this.ctx.settings();
    const n = s.notify.aheadThreshold;
    if (!s.notify.webhookUrl || n <= 0) return 0;
    const view = this.hall.view();
    const ids = view.services.filter((x) => view.waitingCount(x.id) > 0).map((x) => x.id);
    let queued = 0;
    for (const t of this.ctx.store.tickets.queueHeads(ids, '', n + 1)) {
      const ahead = view.aheadOf(t);
      if (ahead > n) continue;
      const key = nearKey(t.id);
      const payload = ticketPayload(key, 'ticket.near', this.ctx.now().toISOString(), s.hallName['zh-CN'], { ...this.facts(t), ahead }, s.notify.includeTrackToken);
      if (this.outbox.enqueue({ key, target: s.notify.webhookUrl, kind: 'ticket.near', payload })) queued++;
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

  start(): void {
    this.outbox.start();
  }

  stop(): Promise<void> {
    return this.outbox.stop();
  }
}
