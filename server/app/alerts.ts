import { EVENT_ALERT_KINDS, type SupervisionAlert } from '../../common/supervision.js';
import { alertMessages, detectAlerts, diffAlerts, type DetectedAlert } from '../domain/alerts.js';
import { DomainError } from '../domain/errors.js';
import { SYSTEM, type Actor } from '../store/event-log.js';
import type { AppContext } from './context.js';

/**
 * Supervision: a sweep looks at the hall every 30 s, raises each condition
 * (long wait, long queue, long pause, overdue service, idle window) once, and
 * resolves it when it no longer holds. Raised alerts are stored, logged and
 * pushed to the admin monitor.
 */
export class AlertService {
  private timer: NodeJS.Timeout | null = null;

  constructor(private ctx: AppContext) {}

  start(intervalMs = 30_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.sweep();
      } catch (err) {
        this.ctx.log.error({ err }, 'supervision sweep failed');
      }
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One sweep; returns the alerts it raised (updated ones are pushed too). */
  sweep(): SupervisionAlert[] {
    const { store } = this.ctx;
    const s = this.ctx.settings();
    const now = this.ctx.now();
    const at = now.toISOString();
    const detected = detectAlerts({
      now,
      thresholds: s,
      services: store.config.services(),
      windows: store.config.windows().map((def) => ({
        def,
        runtime: store.config.runtime(def.id)!,
        lastActivityAt: store.reports.lastActivity(def.id),
      })),
      active: store.tickets.activeForAlerts(),
    });
    const texts = (d: DetectedAlert) => {
      const messages = alertMessages(d);
      return { messages, message: messages['zh-CN'] };
    };
    const { raised, updated } = store.tx(() => {
      // Alerts raised by events (an agent that moved) are not the sweep's: they stay until acknowledged.
      const live = store.alerts.live();
      for (const key of live.keys()) if (EVENT_ALERT_KINDS.some((k) => key.startsWith(`${k}:`))) live.delete(key);
      const { raise, update, resolve } = diffAlerts(detected, live);
      for (const key of resolve) {
        store.alerts.resolve(key, at);
        store.events.append({ type: 'alert.resolved', at }, SYSTEM, { key });
      }
      // A grouped alert's count and worst value change as tickets come and go: stored and pushed, not logged each sweep.
      const updated = update.map((d) => store.alerts.update({ ...d, ...texts(d), at })).filter((a): a is SupervisionAlert => a !== null);
      const raised = raise.map((d) => {
        const alert = store.alerts.raise({ ...d, ...texts(d), at });
        store.events.append({ type: 'alert.raised', at, ticketId: d.ticketId }, SYSTEM, {
          alertId: alert.id,
          key: d.key,
          kind: d.kind,
          windowId: d.windowId,
          serviceId: d.serviceId,
          value: d.value,
          threshold: d.threshold,
          count: d.count,
          message: alert.message,
        });
        return alert;
      });
      return { raised, updated };
    });
    for (const a of [...raised, ...updated]) this.ctx.bus.emit('alert', a);
    return raised;
  }

  list(opts: { open: boolean; limit: number }): SupervisionAlert[] {
    return this.ctx.store.alerts.list({ unacked: opts.open, limit: opts.limit });
  }

  ack(id: number, actor: Actor): SupervisionAlert {
    const { store } = this.ctx;
    return store.tx(() => {
      const a = store.alerts.get(id);
      if (!a) throw new DomainError('ALERT_NOT_FOUND', `There is no alert ${id}`, 'id');
      if (a.ackedAt) return a;
      const at = this.ctx.now().toISOString();
      store.alerts.ack(id, actor.id, at);
      // An event's alert is over once seen: the next such event raises a new one.
      if (EVENT_ALERT_KINDS.includes(a.kind)) store.alerts.resolveId(id, at);
      store.events.append({ type: 'alert.acked', at }, actor, { alertId: id, kind: a.kind });
      return store.alerts.get(id)!;
    });
  }
}
