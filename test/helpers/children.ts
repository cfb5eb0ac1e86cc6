/** Child processes of the tests: the real hall server started as a user starts it, and a clean stop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { stopChild } from '../../region/dev/processes.js';

export { stopChild };

const ROOT = resolve(import.meta.dirname, '../..');

export interface ServerChild {
  child: ChildProcess;
  /** Resolves when the server says it is running (exit null) or when it exits first (its code), with what it wrote. */
  outcome: Promise<{ exit: number | null; out: string }>;
}

/**
 * The real server start (`npm run start:dev`'s command: node --import tsx server/main.ts) on a
 * free port with DATA_DIR and `env`; `umask` runs it under that umask (through sh).
 */
export function spawnServer(dataDir: string, env: Record<string, string>, umask?: string): ServerChild {
  const [cmd, args] = umask ? ['sh', ['-c', `umask ${umask} && exec node --import tsx server/main.ts`]] : [process.execPath, ['--import', 'tsx', 'server/main.ts']];
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const outcome = new Promise<{ exit: number | null; out: string }>((ok) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Onestop is running')) ok({ exit: null, out });
    });
    child.stderr!.on('data', (d) => (out += d));
    child.once('exit', (code) => ok({ exit: code, out }));
  });
  return { child, outcome };
}

/** What one test started: temp folders and children, all stopped and removed by `cleanup()` (its afterEach). */
export class Started {
  private dirs: string[] = [];
  private children: ChildProcess[] = [];

  /** A fresh temp folder, removed at cleanup. */
  dir(): string {
    const d = mkdtempSync(join(tmpdir(), 'onestop-'));
    this.dirs.push(d);
    return d;
  }

  /** A child to stop at cleanup (returned as given). */
  child(c: ChildProcess): ChildProcess {
    this.children.push(c);
    return c;
  }

  async cleanup(): Promise<void> {
    for (const c of this.children.splice(0)) await stopChild(c);
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}
