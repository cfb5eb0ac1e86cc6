/**
 * A private redis-server (trial, bench, tests): free loopback port, no persistence,
 * stopped after; optionally with a password (`requirepass`), as the README's set-up has it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import { freePort, stopChild, waitFor } from './processes.js';

export const REDIS_BIN = process.env.ONESTOP_REDIS_BIN ?? 'redis-server';

export const haveRedis = (): boolean => spawnSync(REDIS_BIN, ['--version'], { stdio: 'ignore' }).status === 0;

function ping(port: number, password: string | null): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    let got = '';
    s.once('error', () => resolve(false));
    // with a password: AUTH first; the answer to PING is then the second line
    s.connect(port, '127.0.0.1', () => s.write(password ? `AUTH ${password}\r\nPING\r\n` : 'PING\r\n'));
    s.on('data', (d) => {
      got += d;
      const lines = got.split('\r\n');
      if (lines.length > (password ? 2 : 1)) {
        s.destroy();
        resolve(lines[password ? 1 : 0] === '+PONG');
      }
    });
  });
}

export class PrivateRedis {
  port = 0;
  private proc?: ChildProcess;

  private constructor(readonly password: string | null) {}

  /** `password`: the server requires it (AUTH); the url carries it. */
  static async start(opts: { password?: string } = {}): Promise<PrivateRedis> {
    const r = new PrivateRedis(opts.password ?? null);
    r.port = await freePort();
    await r.startServer();
    return r;
  }

  get url(): string {
    return `redis://${this.password ? `:${encodeURIComponent(this.password)}@` : ''}127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  async startServer(): Promise<void> {
    const proc = spawn(REDIS_BIN, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...(this.password ? ['--requirepass', this.password] : [])], {
      stdio: 'ignore',
    });
    this.proc = proc;
    const reap = () => proc.kill('SIGKILL');
    process.once('exit', reap);
    proc.once('exit', () => process.off('exit', reap));
    await waitFor('redis-server to answer PING', async () => {
      if (proc.exitCode !== null) throw new Error('redis-server exited');
      return ping(this.port, this.password);
    });
  }

  async stop(): Promise<void> {
    await stopChild(this.proc);
    this.proc = undefined;
  }
}
