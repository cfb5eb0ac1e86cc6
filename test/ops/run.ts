import { spawn } from 'node:child_process';
import { ROOT } from '../../bench/lib/proc.js';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command (e.g. `npm run backup -- …`) the way an operator would, in the checkout. */
export function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; umask?: string } = {}): Promise<RunResult> {
  const [file, argv] = opts.umask ? ['sh', ['-c', `umask ${opts.umask} && exec "$@"`, 'sh', cmd, ...args]] : [cmd, args];
  const child = spawn(file, argv, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Permission bits of a path, e.g. 0o600. */
export async function modeOf(path: string): Promise<number> {
  const { statSync } = await import('node:fs');
  return statSync(path).mode & 0o777;
}
