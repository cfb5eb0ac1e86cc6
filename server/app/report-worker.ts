/**
 * Report process entry (forked by report-runner.ts): replays the event log for
 * one report on its own read-only connection and renders the file if one was
 * asked for, in its own process, so a year's report neither stops the hall's
 * event loop nor, if it outgrows its memory, the hall itself.
 * IPC (advanced serialization): ← ReportJob, → ReportOutput | { error }.
 */
import { DomainError } from '../domain/errors.js';
import { buildReport } from '../domain/report.js';
import { openReadOnly } from '../store/db.js';
import { ReportRepo } from '../store/report-repo.js';
import { reportCsv, reportXlsx } from './report-export.js';
import type { ReportJob, ReportOutput } from './report-runner.js';

/** Rows a JSON answer may carry: it is serialised in the hall's own (capped) heap. Files have no such limit. */
const MAX_JSON_ROWS = 20_000;

async function run(job: ReportJob): Promise<ReportOutput> {
  const db = openReadOnly(job.file);
  try {
    const { from, to, period, by } = job.opts;
    const report = { period, by, from, to, ...buildReport(new ReportRepo(db).ticketEvents(job.fromIso, job.toIso), job.opts) };
    if (job.format === 'csv') return { file: Buffer.from(reportCsv({ ok: true, ...report }), 'utf8') };
    if (job.format === 'xlsx') return { file: await reportXlsx({ ok: true, ...report }) };
    if (report.rows.length > MAX_JSON_ROWS) {
      throw new DomainError('REPORT_TOO_LARGE', `This report has ${report.rows.length} rows (at most ${MAX_JSON_ROWS} as JSON): choose week or month, or download it as CSV or XLSX`, 'period');
    }
    return { report };
  } finally {
    db.close();
  }
}

process.once('message', (job: ReportJob) => {
  run(job).then(
    (out) => process.send!(out, () => process.exit(0)),
    (err: unknown) => {
      const e = err instanceof DomainError ? { code: err.code, message: err.message, field: err.field } : { code: 'INTERNAL', message: String(err) };
      process.send!({ error: e }, () => process.exit(0));
    },
  );
});
