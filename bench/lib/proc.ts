import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { wallMs } from './stats.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BENCH_ADMIN_PASSWORD = 'bench-admin-pw';

export function tempDir(prefix = 'onestop-bench-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

const TICK = 100; // USER_HZ on Linux

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat (Linux). */
export function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / TICK; // utime + stime
}

/** A TypeScript worker in its own node process, with an IPC channel. */
export function forkTs(script: string, args: string[] = [], opts: { env?: NodeJS.ProcessEnv; execArgv?: string[]; silent?: boolean } = {}): ChildProcess {
  const plainJs = script.endsWith('.mjs') || script.endsWith('.js');
  return fork(resolve(ROOT, script), args, {
    execArgv: [...(plainJs ? [] : ['--import', 'tsx']), ...(opts.execArgv ?? [])],
    env: { ...process.env, ...opts.env },
    cwd: ROOT,
    stdio: ['ignore', 'pipe', opts.silent === false ? 'inherit' : 'pipe', 'ipc'],
  });
}

/** Resolves with the first IPC message that passes `match`. */
export function message<T = any>(child: ChildProcess, match: (m: any) => boolean = () => true, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => done(new Error(`worker ${child.pid}: no message within ${timeoutMs} ms`)), timeoutMs);
    const onMsg = (m: any) => {
      if (m && m.type === 'error') return done(new Error(`worker ${child.pid}: ${m.message}`));
      if (match(m)) done(null, m);
    };
    const onExit = (code: number | null) => done(new Error(`worker ${child.pid} exited (${code}) before answering`));
    const done = (err: Error | null, m?: T) => {
      clearTimeout(t);
      child.off('message', onMsg);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(m as T);
    };
    child.on('message', onMsg);
    child.once('exit', onExit);
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.once('exit', (code) => r(code)));
}

export interface ServerProc {
  child: ChildProcess;
  port: number;
  url: string;
  /** Wall-clock ms when the process was spawned and when it first answered /api/v1/health. */
  spawnedAt: number;
  healthyAt: number;
  stderr: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the hall server as its own process (bench/server-main.ts) on a loopback
 * port and waits until /api/v1/health answers 200.
 */
export async function startServer(
  dataDir: string,
  opts: { demoLoopback?: boolean; execArgv?: string[]; env?: NodeJS.ProcessEnv; port?: number; script?: string; args?: string[] } = {},
): Promise<ServerProc> {
  const spawnedAt = wallMs();
  const child = forkTs(opts.script ?? 'bench/server-main.ts', opts.args ?? [], {
    env: {
      DATA_DIR: dataDir,
      PORT: String(opts.port ?? 0),
      ONESTOP_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
      BENCH_DEMO_LOOPBACK: opts.demoLoopback ? '1' : '0',
      ...opts.env,
    },
    // BENCH_SERVER_ARGS: extra node flags for the server only (e.g. --cpu-prof), for investigations.
    execArgv: [...(opts.execArgv ?? []), ...(process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [])],
  });
  let err = '';
  child.stderr?.on('data', (d) => (err += d));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`server did not start within 60 s: ${err}`)), 60_000);
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`server exited (${code}) during start-up: ${err}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const healthyAt = wallMs();
  return {
    child,
    port,
    url,
    spawnedAt,
    healthyAt,
    stderr: () => err,
    kill: async (signal: NodeJS.Signals = 'SIGTERM') => {
      const done = exited(child);
      child.kill(signal);
      await done;
    },
  };
}
