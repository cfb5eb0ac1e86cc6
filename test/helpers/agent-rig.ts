/**
 * A kiosk PC as an installer wires it: a real hall server, the real agent CLI
 * (`npm run agent`, i.e. tsx agent/main.ts) as a child process, its printer and
 * SAM reader on `serial:` URIs at the host end of socat pty pairs, and the
 * device-side simulators in their own processes on the other ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { forkTs, message } from '../../bench/lib/proc.js';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, kioskToken, startTestHall } from './hall.js';
import { PtyPair } from './socat.js';

export const ROOT = resolve(import.meta.dirname, '../..');

export { freePort } from './ports.js';

export const until = async (cond: () => boolean | Promise<boolean>, what: string, tries = 300, stepMs = 50): Promise<void> => {
  for (let i = 0; i < tries; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** A device simulator process on the device end of a pty pair. */
export class PtyDevice {
  readonly pty: PtyPair;
  proc!: ChildProcess;

  constructor(
    name: string,
    private worker: string,
  ) {
    this.pty = new PtyPair(name);
  }

  async start(): Promise<void> {
    await this.pty.start();
    this.proc = forkTs(this.worker, [this.pty.b]);
    await message(this.proc, (m) => m.type === 'open', 15_000);
  }

  get uri(): string {
    return `serial:${this.pty.a}?baud=115200`;
  }

  /** The cable pulled: the ptys vanish. */
  unplug(): Promise<void> {
    return this.pty.stop();
  }

  async replug(): Promise<void> {
    await this.pty.start();
    this.proc.send({ type: 'reopen' });
    await message(this.proc, (m) => m.type === 'open', 15_000);
  }

  async stop(): Promise<void> {
    this.proc?.kill();
    await this.pty.stop();
  }
}

/** The agent CLI as a child process in its own process group (tsx runs node as a child). */
export class AgentProcess {
  proc: ChildProcess | null = null;
  out = '';

  start(args: string[], viaNpm = false): void {
    const cmd = viaNpm ? ['npm', ['run', '--silent', 'agent', '--', ...args]] : [resolve(ROOT, 'node_modules/.bin/tsx'), ['agent/main.ts', ...args]];
    this.out = '';
    const p = spawn(cmd[0] as string, cmd[1] as string[], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
    p.stdout?.on('data', (d) => (this.out += d));
    p.stderr?.on('data', (d) => (this.out += d));
    this.proc = p;
  }

  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    try {
      process.kill(-p.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    const t = setTimeout(() => {
      try {
        process.kill(-p.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, 5000);
    await gone;
    clearTimeout(t);
  }
}

/** A hall server on a fixed port that can be stopped and started again on the same data. */
export class HallOnPort {
  hall: RunningHall | null = null;
  admin!: Api;
  kiosk!: Api;

  constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.hall = await startTestHall(this.dir, { port: this.port });
    // A keep-alive connection to the previous server may still sit in fetch's pool: one retry.
    this.admin = await Api.login(this.url, 'admin', ADMIN_PASSWORD).catch(() => Api.login(this.url, 'admin', ADMIN_PASSWORD));
  }

  /** First start only: kiosk-1's devices move from the server to the agent; its token is issued. */
  async setUpKiosk(): Promise<void> {
    await this.admin.req('DELETE', '/api/v1/admin/devices/kiosk-1-printer');
    await this.admin.req('DELETE', '/api/v1/admin/devices/kiosk-1-reader');
    this.kiosk = new Api(this.url, await kioskToken(this.url, this.admin));
  }

  async stop(): Promise<void> {
    await this.hall?.close();
    this.hall = null;
  }

  /** An agent device's health as the admin devices page shows it (the same entries as /api/v1/health). */
  async device(id: string): Promise<{ id: string; state: string; detail: string } | undefined> {
    const r = await this.admin.get('/api/v1/admin/devices').catch(() => ({ body: { agentDevices: [] } }));
    return (r.body.agentDevices as { id: string; state: string; detail: string }[] | undefined)?.find((d) => d.id === id);
  }

  waiting(): number {
    return (this.hall!.deps.ctx.store.db.prepare(`SELECT COUNT(*) n FROM tickets WHERE status = 'waiting'`).get() as { n: number }).n;
  }
}
