/**
 * Report process entry (forked by report-runner.ts): replays the event log for
 * one report on its own read-only connection, in its own process, so a year's
 * report neither stops the hall's event loop nor, if it outgrows its memory,
 * the hall itself. IPC: ← ReportJob, → { result }.
 */
import { buildReport } from '../domain/report.js';
import { openReadOnly } from '../store/db.js';
import { ReportRepo } from '../store/report-repo.js';
import type { ReportJob } from './report-runner.js';

process.once('message', (job: ReportJob) => {
  const db = openReadOnly(job.file);
  try {
    const labels = { service: new Map(job.labels.service), window: new Map(job.labels.window), staff: new Map(job.labels.staff) };
    const result = buildReport(new ReportRepo(db).ticketEvents(job.fromIso, job.toIso), { ...job.query, labels });
    process.send!({ result }, () => process.exit(0));
  } finally {
    db.close();
  }
});
