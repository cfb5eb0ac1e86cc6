/** `npm run region` as a child process, as an operator starts it (the trial, the bench and the tests). */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, waitFor } from './processes.js';

/** The region user `admin`'s password in the trial and the tests (REGION_ADMIN_PASSWORD). */
export const REGION_ADMIN_PASSWORD = 'region-admin-pw';
const root = new URL('../..', import.meta.url).pathname;

/** One region node: `npm run region` in its own process group. */
export class RegionProcess {
  proc?: ChildProcess;
  output = '';
  constructor(
    readonly port: number,
    private env: Record<string, string>,
  ) {}

  static async start(databaseUrl: string, redisUrl: string): Promise<RegionProcess> {
    const p = new RegionProcess(await freePort(), { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REGION_ADMIN_PASSWORD });
    await p.start();
    return p;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const proc = spawn('npm', ['run', '--silent', 'region'], {
      cwd: root,
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.proc = proc;
    proc.stdout?.on('data', (d) => (this.output = (this.output + d).slice(-8000)));
    proc.stderr?.on('data', (d) => (this.output = (this.output + d).slice(-8000)));
    const reap = () => this.kill('SIGKILL');
    process.once('exit', reap);
    proc.once('exit', () => process.off('exit', reap));
    await waitFor(`region node on ${this.port}`, async () => {
      if (proc.exitCode !== null) throw new Error(`region exited: ${this.output}`);
      return (await fetch(`${this.url}/region/v1/health`)).ok;
    });
  }

  /** Signals the whole process group (npm → tsx → node). */
  kill(sig: NodeJS.Signals): void {
    if (this.proc?.pid && this.proc.exitCode === null) {
      try {
        process.kill(-this.proc.pid, sig);
      } catch {
        // already gone
      }
    }
  }

  async stop(sig: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    this.kill(sig);
    await exited;
  }
}
