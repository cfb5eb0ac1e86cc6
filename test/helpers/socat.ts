/**
 * A linked pty pair made by socat, for driver ↔ simulator tests over the real
 * serialport binding. `stop()` is the "unplug": both ptys vanish; `start()`
 * again is the "replug" on the same link paths.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild } from './children.js';

export function socatAvailable(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
}

/**
 * Skip (with a loud reason) when socat is missing on a developer machine;
 * on CI a missing socat is a broken runner and must fail.
 */
export function requireSocat(): boolean {
  if (socatAvailable()) return true;
  if (process.env.CI) throw new Error('socat is required for the pty tests on CI (apt-get install socat)');
  console.warn('\n*** SKIPPING pty tests: socat is not installed (apt-get install socat) ***\n');
  return false;
}

export class PtyPair {
  readonly a: string;
  readonly b: string;
  private proc?: ChildProcess;

  constructor(name: string) {
    const dir = mkdtempSync(join(tmpdir(), `onestop-${name}-`));
    this.a = join(dir, 'host');
    this.b = join(dir, 'device');
  }

  async start(): Promise<void> {
    const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.a}`, `pty,raw,echo=0,link=${this.b}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.proc = proc;
    let stderr = '';
    proc.stderr?.on('data', (d) => (stderr += d));
    const end = Date.now() + 5000;
    while (!(existsSync(this.a) && existsSync(this.b) && stderr.includes('starting data transfer loop'))) {
      if (proc.exitCode !== null) throw new Error(`socat exited early: ${stderr}`);
      if (Date.now() > end) throw new Error(`socat did not create the ptys: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Kill socat and wait until it is gone, links removed. */
  async stop(): Promise<void> {
    await stopChild(this.proc);
    this.proc = undefined;
  }
}
