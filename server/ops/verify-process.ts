import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../domain/errors.js';

/** Heap of the verifying process (ONESTOP_BACKUP_HEAP_MB, default 1024): replaying a long log needs more than the hall's own cap. */
const heapMb = () => Number(process.env.ONESTOP_BACKUP_HEAP_MB) || 1024;

/**
 * verifyDatabase in a child process (server/ops/verify-worker.ts; from the
 * bundle, verify-worker.mjs beside main.mjs). Rejects with BACKUP_INVALID naming
 * what failed, or BACKUP_FAILED when the process itself died (e.g. out of memory).
 */
export function verifyInChildProcess(dbFile: string, scratch: string): Promise<void> {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(fromSource ? './verify-worker.ts' : './verify-worker.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(entry, [dbFile, scratch], {
      execArgv: [...(fromSource ? ['--import', 'tsx'] : []), `--max-old-space-size=${heapMb()}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 8192) stderr += d.toString();
    });
    let answer: { ok?: true; error?: { code: string; message: string } } | null = null;
    child.on('message', (m: typeof answer) => (answer = m));
    child.once('error', (err) => reject(new DomainError('BACKUP_FAILED', `The backup could not be verified: ${err.message}`)));
    child.once('close', (code, signal) => {
      const a = answer as typeof answer;
      if (a?.ok) resolve();
      else if (a?.error) reject(new DomainError(a.error.code, a.error.message));
      else reject(new DomainError('BACKUP_FAILED', `The backup check stopped (${signal ?? `exit ${code}`}${/heap out of memory/i.test(stderr) ? `: out of memory, raise ONESTOP_BACKUP_HEAP_MB (now ${heapMb()})` : ''})`));
    });
  });
}
