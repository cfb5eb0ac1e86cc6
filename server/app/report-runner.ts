import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../domain/errors.js';
import type { buildReport, ReportOptions } from '../domain/report.js';

export type BuiltReport = ReturnType<typeof buildReport>;

/** What the report process needs; labels as entries (IPC carries JSON, not Maps). */
export interface ReportJob {
  file: string;
  fromIso: string;
  toIso: string;
  query: Omit<ReportOptions, 'labels'>;
  labels: { service: [string, string][]; window: [string, string][]; staff: [string, string][] };
}

/**
 * Heap a report may use (ONESTOP_REPORT_HEAP_MB, default 512): far above a year of a
 * busy hall (10 months of 4,000 tickets a day replay in under 200 MB), far below what
 * would hurt the machine.
 */
const reportHeapMb = () => Number(process.env.ONESTOP_REPORT_HEAP_MB) || 512;
export const REPORT_TIMEOUT_MS = 180_000;

/**
 * Runs one report in its own node process (server/app/report-worker.ts). A process,
 * not a worker thread: the hall's --max-old-space-size is process-wide and would
 * cap a thread too. From source (tsx, vitest) the entry is the .ts file run
 * through tsx; from the bundle it is report-worker.mjs beside the server's bundle.
 */
export function runReportProcess(job: ReportJob): Promise<BuiltReport> {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(fromSource ? './report-worker.ts' : './report-worker.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const tooLarge = () =>
      new DomainError('REPORT_TOO_LARGE', 'This report needs more memory or time than the server allows; choose a shorter period', 'to');
    const child = fork(entry, [], {
      execArgv: [...(fromSource ? ['--import', 'tsx'] : []), `--max-old-space-size=${reportHeapMb()}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    // The start of it: V8 prints "heap out of memory" before a long native stack.
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 65_536) stderr += d.toString();
    });
    let result: BuiltReport | null = null;
    const timer = setTimeout(() => child.kill('SIGKILL'), REPORT_TIMEOUT_MS);
    child.on('message', (m: { result: BuiltReport }) => (result = m.result));
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else if (signal === 'SIGKILL' || /heap out of memory|javascript OOM/i.test(stderr)) reject(tooLarge());
      else reject(new Error(`report process exited (${code ?? signal}) without a result: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
    child.send(job);
  });
}
