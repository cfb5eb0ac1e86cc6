import type { ReportBy, ReportPeriod, ReportResult } from '../../common/supervision.js';
import { DomainError } from '../domain/errors.js';
import type { AppContext } from './context.js';
import { produceReport } from './report-export.js';
import { runReportProcess, type ReportFormat, type ReportOutput } from './report-runner.js';

export interface ReportQuery {
  period: ReportPeriod;
  from: string;
  to: string;
  by: ReportBy;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 400;

function dayMs(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/**
 * Assessment reports, replayed from the event log (never from the mutable
 * tickets table) so they can be derived again and audited.
 */
export class ReportService {
  constructor(private ctx: AppContext) {}

  /** The report's figures (at most 20,000 rows; more are refused with REPORT_TOO_LARGE). */
  async report(q: ReportQuery): Promise<ReportResult> {
    const out = await this.run(q, 'json');
    if (!('report' in out)) throw new Error('report process answered a file for a JSON report');
    return { ok: true, ...out.report };
  }

  /** The report as a CSV or XLSX file, rendered in the report process. */
  async file(q: ReportQuery, format: 'csv' | 'xlsx'): Promise<Buffer> {
    const out = await this.run(q, format);
    if (!('file' in out)) throw new Error('report process answered figures for a file');
    return out.file;
  }

  private async run(q: ReportQuery, format: ReportFormat): Promise<ReportOutput> {
    if (!DAY.test(q.from) || !DAY.test(q.to) || Number.isNaN(dayMs(q.from)) || Number.isNaN(dayMs(q.to))) {
      throw new DomainError('INVALID_DATE', 'from and to are business days as YYYY-MM-DD', 'from');
    }
    if (q.to < q.from) throw new DomainError('INVALID_DATE', '"to" is before "from"', 'to');
    if ((dayMs(q.to) - dayMs(q.from)) / 86_400_000 > MAX_DAYS) {
      throw new DomainError('INVALID_DATE', `A report covers at most ${MAX_DAYS} days`, 'to');
    }
    const { store } = this.ctx;
    // Business days start at the reset hour in the hall's zone: a day either side
    // (plus a straggler day) covers every zone; the reducer keeps exactly from..to.
    const fromIso = new Date(dayMs(q.from) - 86_400_000).toISOString();
    const toIso = new Date(dayMs(q.to) + 3 * 86_400_000).toISOString();
    const labels = {
      service: new Map(store.config.services().map((s) => [s.id, s.name['zh-CN']])),
      window: new Map(store.config.windows().map((w) => [w.id, `${w.number}号窗口 ${w.name}`])),
      staff: store.reports.staffNames(),
    };
    const opts = { ...q, labels };
    if (!store.db.memory) return runReportProcess({ file: store.db.name, fromIso, toIso, opts, format });
    // An in-memory database cannot be opened by another process: replay here.
    return produceReport(store.reports.ticketEvents(fromIso, toIso), opts, format);
  }
}
