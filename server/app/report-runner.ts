import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ReportResult } from '../../common/supervision.js';
import { DomainError } from '../domain/errors.js';
import type { ReportOptions } from '../domain/report.js';

export type ReportFormat = 'json' | 'csv' | 'xlsx';

/** What the report process needs. */
export interface ReportJob {
  file: string;
  fromIso: string;
  toIso: string;
  opts: ReportOptions;
  format: ReportFormat;
}

/** The report as figures (json), or the file's bytes (csv, xlsx) rendered in the report process. */
export type ReportOutput = { report: Omit<ReportResult, 'ok'> } | { file: Buffer };

/**
 * Heap a report may use (ONESTOP_REPORT_HEAP_MB, default 512): far above a year of a
 * busy hall (10 months of 4,000 tickets a day replay in under 200 MB), far below what
 * would hurt the machine.
 */
const reportHeapMb = () => Number(process.env.ONESTOP_REPORT_HEAP_MB) || 512;
export const REPORT_TIMEOUT_MS = 180_000;
/** Report processes at once; more are refused (503 REPORT_BUSY), so a few clicks cannot take gigabytes. */
export const MAX_REPORT_PROCESSES = 2;

const running = new Set<ChildProcess>();

/** Stops every report process (the hall is closing). */
export function stopReportProcesses(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * Runs one report in its own node process (server/app/report-worker.ts). A process,
 * not a worker thread: the hall's --max-old-space-size is process-wide and would
 * cap a thread too. Files are rendered there as well, so a big export's bytes reach
 * the hall as a Buffer (outside its JS heap). From source (tsx, vitest) the entry is
 * the .ts file run through tsx; from the bundle it is report-worker.mjs beside it.
 */
export function runReportProcess(job: ReportJob): Promise<ReportOutput> {
  if (running.size >= MAX_REPORT_PROCESSES) {
    return Promise.reject(new DomainError('REPORT_BUSY', `${MAX_REPORT_PROCESSES} reports are being prepared already; try again in a minute`));
  }
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(fromSource ? './report-worker.ts' : './report-worker.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const tooLarge = () =>
      new DomainError('REPORT_TOO_LARGE', 'This report needs more memory or time than the server allows; choose a shorter period', 'to');
    const child = fork(entry, [], {
      execArgv: [...(fromSource ? ['--import', 'tsx'] : []), `--max-old-space-size=${reportHeapMb()}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Structured clone over IPC: Maps in the options, a Buffer back.
      serialization: 'advanced',
    });
    running.add(child);
    // The start of it: V8 prints "heap out of memory" before a long native stack.
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 65_536) stderr += d.toString();
    });
    let output: ReportOutput | null = null;
    let failure: Error | null = null;
    const timer = setTimeout(() => child.kill('SIGKILL'), REPORT_TIMEOUT_MS);
    child.on('message', (m: ReportOutput | { error: { code: string; message: string; field?: string } }) => {
      if ('error' in m) failure = m.error.code === 'INTERNAL' ? new Error(m.error.message) : new DomainError(m.error.code, m.error.message, m.error.field);
      else output = 'file' in m ? { file: Buffer.from(m.file) } : m;
    });
    child.once('error', (err) => (failure ??= err));
    // 'close' comes after the last message and after stderr has ended.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (output) resolve(output);
      else if (failure) reject(failure);
      else if (signal === 'SIGKILL' || /heap out of memory|javascript OOM/i.test(stderr)) reject(tooLarge());
      else reject(new Error(`report process exited (${code ?? signal}) without a result: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
    child.send(job);
  });
}
