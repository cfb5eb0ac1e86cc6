/**
 * Report process entry (forked by report-runner.ts): replays the event log for
 * one report on its own read-only connection and renders the file if one was
 * asked for, in its own process, so a year's report neither stops the hall's
 * event loop nor, if it outgrows its memory, the hall itself.
 * IPC (advanced serialization): ← ReportJob, → ReportOutput | { error }.
 */
import { DomainError } from '../domain/errors.js';
import { openReadOnly } from '../store/db.js';
import { ReportRepo } from '../store/report-repo.js';
import { produceReport } from './report-export.js';
import type { ReportJob, ReportOutput } from './report-runner.js';

async function run(job: ReportJob): Promise<ReportOutput> {
  const db = openReadOnly(job.file);
  try {
    return await produceReport(new ReportRepo(db).ticketEvents(job.fromIso, job.toIso), job.opts, job.format);
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
