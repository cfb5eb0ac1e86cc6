/** A private redis-server (trial, bench, tests): free loopback port, no persistence, stopped after. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import { freePort, stopChild, waitFor } from './processes.js';

export const REDIS_BIN = process.env.ONESTOP_REDIS_BIN ?? 'redis-server';

export const haveRedis = (): boolean => spawnSync(REDIS_BIN, ['--version'], { stdio: 'ignore' }).status === 0;

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    let got = '';
    s.once('error', () => resolve(false));
    s.connect(port, '127.0.0.1', () => s.write('PING\r\n'));
    s.on('data', (d) => {
      got += d;
      if (got.includes('\r\n')) {
        s.destroy();
        resolve(got.startsWith('+PONG'));
      }
    });
  });
}

export class PrivateRedis {
  port = 0;
  private proc?: ChildProcess;

  static async start(): Promise<PrivateRedis> {
    const r = new PrivateRedis();
    r.port = await freePort();
    await r.startServer();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async startServer(): Promise<void> {
    const proc = spawn(REDIS_BIN, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: 'ignore',
    });
    this.proc = proc;
    const reap = () => proc.kill('SIGKILL');
    process.once('exit', reap);
    proc.once('exit', () => process.off('exit', reap));
    await waitFor('redis-server to answer PING', async () => {
      if (proc.exitCode !== null) throw new Error('redis-server exited');
      return ping(this.port);
    });
  }

  async stop(): Promise<void> {
    await stopChild(this.proc);
    this.proc = undefined;
  }
}
