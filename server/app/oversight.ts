import { SYSTEM } from '../store/event-log.js';
import { AlertService } from './alerts.js';
import type { AppContext } from './context.js';
import { ReportService } from './reports.js';
import { RetentionService } from './retention.js';

/** Supervision and assessment: alerts, reports and data retention, with their timers. */
export class Oversight {
  readonly alerts: AlertService;
  readonly reports: ReportService;
  readonly retention: RetentionService;

  constructor(ctx: AppContext) {
    this.alerts = new AlertService(ctx);
    this.reports = new ReportService(ctx);
    this.retention = new RetentionService(ctx);
  }

  /** Timers are unref'd: they never keep the process alive. */
  start(): void {
    this.alerts.start();
    this.retention.start(SYSTEM);
  }

  stop(): void {
    this.alerts.stop();
    this.retention.stop();
  }
}
