import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Server as IoServer } from 'socket.io';
import { NS } from '../../common/events.js';
import type { Deps } from '../app/deps.js';
import { MetricsRepo } from '../store/metrics-repo.js';
import type { UplinkMetricsView } from '../uplink/uplink.js';
import { timeMethod, timeTransactions } from './instrument.js';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The hall's Prometheus metrics, in a registry of its own. Queue figures are
 * read from the store when scraped; latencies are timed around the issue and
 * call use cases and the store's transactions without changing them.
 */
export function createHallMetrics(deps: Deps, io: () => IoServer | null): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const repo = new MetricsRepo(deps.ctx.store.db);
  const { hall } = deps;

  const dayGauge = (name: string, help: string, pick: 'issued' | 'called' | 'served') =>
    new Gauge({
      name, help, labelNames: ['service'], registers: [registry],
      collect() {
        this.reset();
        for (const r of repo.dayCounts(hall.businessDay())) this.set({ service: r.serviceId }, r[pick] ?? 0);
      },
    });
  dayGauge('onestop_tickets_issued_today', 'Tickets issued in the current business day, by service (transfers not counted)', 'issued');
  dayGauge('onestop_tickets_called_today', 'Tickets of the current business day that were called, by service', 'called');
  dayGauge('onestop_tickets_served_today', 'Tickets of the current business day served to the end, by service', 'served');

  new Gauge({
    name: 'onestop_waiting', help: 'Tickets waiting now, by service', labelNames: ['service'], registers: [registry],
    collect() {
      this.reset();
      for (const s of deps.ctx.store.config.services()) this.set({ service: s.id }, 0);
      for (const w of repo.waiting()) this.set({ service: w.serviceId }, w.waiting);
    },
  });
  new Gauge({
    name: 'onestop_oldest_wait_seconds', help: 'How long the longest-waiting ticket has waited, by service', labelNames: ['service'], registers: [registry],
    collect() {
      this.reset();
      const now = deps.ctx.now().getTime();
      for (const w of repo.waiting()) this.set({ service: w.serviceId }, Math.max(0, (now - Date.parse(w.oldest)) / 1000));
    },
  });

  // Every call and recall as the hall bus announces it to the screens.
  const calls = new Counter({ name: 'onestop_calls_total', help: 'Calls announced since the start, by service; recall=true for recalls', labelNames: ['service', 'recall'], registers: [registry] });
  deps.ctx.bus.on('called', (e) => calls.inc({ service: e.serviceId, recall: String(e.recall) }));

  const issue = new Histogram({ name: 'onestop_issue_duration_seconds', help: 'Ticket issue, request to committed answer (group commit included)', labelNames: ['outcome'], buckets: LATENCY_BUCKETS, registers: [registry] });
  timeMethod(hall, 'issue', issue);
  const call = new Histogram({ name: 'onestop_call_duration_seconds', help: 'Call next / call a ticket at a window, to committed', labelNames: ['outcome'], buckets: LATENCY_BUCKETS, registers: [registry] });
  timeMethod(hall.windows, 'callNext', call);
  timeMethod(hall.windows, 'callTicket', call);
  const commit = new Histogram({ name: 'onestop_commit_duration_seconds', help: 'Store transactions: work, commit and fsync', labelNames: ['outcome'], buckets: LATENCY_BUCKETS, registers: [registry] });
  timeTransactions(deps.ctx.store, commit);

  new Gauge({
    name: 'onestop_sockets', help: 'Connected Socket.IO clients, by namespace', labelNames: ['namespace'], registers: [registry],
    collect() {
      const server = io();
      for (const ns of Object.values(NS)) this.set({ namespace: ns }, server ? server.of(ns).sockets.size : 0);
    },
  });
  new Gauge({
    name: 'onestop_device_up', help: 'Device health: 1 when ok, 0 otherwise; the state is a label', labelNames: ['device', 'kind', 'state'], registers: [registry],
    collect() {
      this.reset();
      for (const d of deps.devices.health()) this.set({ device: d.id, kind: d.kind, state: d.state }, d.state === 'ok' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'onestop_last_backup_timestamp_seconds', help: 'When the newest verified backup in the backup folder was made (0: none)', registers: [registry],
    collect() {
      const last = deps.backups.list()[0];
      this.set(last ? Date.parse(last.createdAt) / 1000 : 0);
    },
  });
  new Gauge({
    name: 'onestop_clock_synchronized', help: 'System clock synchronised by NTP: 1 yes, 0 no, -1 cannot tell', registers: [registry],
    collect() {
      const sync = deps.clock.health().synchronized;
      this.set(sync === null ? -1 : sync ? 1 : 0);
    },
  });
  new Gauge({
    name: 'onestop_clock_jumps', help: 'System clock jumps (steps of 2 s or more either way) seen since the start', registers: [registry],
    collect() {
      this.set(deps.clock.jumps);
    },
  });
  new Gauge({
    name: 'onestop_notifications', help: 'Outbound notifications in the outbox by kind and status (pending, sent, failed, expired = dropped because its moment passed)', labelNames: ['kind', 'status'], registers: [registry],
    collect() {
      this.reset();
      for (const r of deps.ctx.store.outbox.counts()) this.set({ kind: r.kind, status: r.status }, r.n);
    },
  });
  uplinkGauges(registry, deps);
  return registry;
}

/** The hall → region uplink (README "Metrics"): codes only, never the region's free-text message. */
function uplinkGauges(registry: Registry, deps: Deps): void {
  const gauge = (name: string, help: string, pick: (v: UplinkMetricsView) => number) =>
    new Gauge({
      name, help, registers: [registry],
      collect() {
        this.set(pick(deps.uplink.metricsView()));
      },
    });
  gauge('onestop_uplink_enabled', 'Uplink to the region turned on: 1 yes, 0 no', (v) => (v.enabled ? 1 : 0));
  gauge('onestop_uplink_connected', 'Uplink: 1 when the last exchange with the region succeeded', (v) => (v.connected ? 1 : 0));
  gauge('onestop_uplink_lag_events', 'Events in the hall log the region has not acknowledged', (v) => v.lagEvents);
  gauge('onestop_uplink_lag_seconds', 'Age of the oldest event the region has not acknowledged (0 when caught up)', (v) => v.lagSeconds);
  gauge('onestop_uplink_last_success_age_seconds', 'Seconds since the last successful exchange with the region (since the uplink started or was configured when none yet; 0 when off)', (v) => v.sinceSuccessSeconds);
  gauge('onestop_uplink_consecutive_failures', 'Failed exchanges with the region since the last success', (v) => v.failures);
  gauge('onestop_uplink_retry_delay_seconds', 'Backoff before the next attempt after the last failure (0 when fine)', (v) => v.retryMs / 1000);
  new Gauge({
    name: 'onestop_uplink_error', help: 'The uplink\'s current error: 1 for its code (a region error code, UNREACHABLE or TIMEOUT); no series when fine', labelNames: ['code'], registers: [registry],
    collect() {
      this.reset();
      const code = deps.uplink.metricsView().errorCode;
      if (code) this.set({ code }, 1);
    },
  });
}
