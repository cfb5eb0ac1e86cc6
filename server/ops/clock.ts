import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { ClockHealth } from '../../common/types.js';

export interface ClockJump {
  /** Hall time when it was seen. */
  at: string;
  /** Wall clock minus where it should have been: negative = stepped back. */
  seconds: number;
}

/** A step larger than this is a jump (NTP slews smaller errors without stepping). */
const JUMP_MS = 2000;
/** A jump is shown for a day. */
const JUMP_WARN_MS = 24 * 3600_000;

/**
 * The hall's clock: the wall clock, except that it never goes backwards. When
 * the system clock steps back, hall time carries on from where it was at the
 * monotonic clock's pace until the wall clock catches up, so ticket numbers,
 * business days and queue order (issue time) never run backwards.
 */
export function steadyClock(wall: () => Date, onStepBack: (ms: number, hallTime: Date) => void = () => undefined): () => Date {
  let last = -Infinity;
  let lastMono = 0;
  let behind = false;
  return () => {
    const w = wall().getTime();
    const mono = performance.now();
    let t = w;
    if (w < last) {
      t = last + Math.max(0, mono - lastMono);
      // Reported once, when the step happens (not at every read while catching up).
      if (!behind && last - w >= JUMP_MS) onStepBack(w - last, new Date(t));
      behind = true;
    } else {
      behind = false;
    }
    last = t;
    lastMono = mono;
    return new Date(t);
  };
}

/** Asks systemd whether NTP has synchronised the clock: true/false, or null when it cannot tell. */
export function timedatectlSynchronized(): Promise<boolean | null> {
  return new Promise((resolve) => {
    execFile('timedatectl', ['show', '-p', 'NTPSynchronized', '--value'], { timeout: 3000 }, (err, stdout) => {
      const v = String(stdout ?? '').trim();
      resolve(err ? null : v === 'yes' ? true : v === 'no' ? false : null);
    });
  });
}

/**
 * Watches the clock: a jump (wall clock against the monotonic clock, either
 * way) and whether it is synchronised. Its health goes to /api/v1/health, the
 * admin banner and /metrics.
 */
export class ClockWatch {
  private lastJump: ClockJump | null = null;
  private synchronized: boolean | null = null;
  private timers: NodeJS.Timeout[] = [];
  private prev = { wall: 0, mono: 0 };
  jumps = 0;

  constructor(
    private wall: () => Date,
    private hallNow: () => Date,
    private probe: () => Promise<boolean | null> = timedatectlSynchronized,
    private onJump: (j: ClockJump) => void = () => undefined,
  ) {}

  /** Called by the steady clock and by the periodic check. */
  jumped(ms: number, at: Date): void {
    this.lastJump = { at: at.toISOString(), seconds: Math.round(ms / 100) / 10 };
    this.jumps++;
    this.onJump(this.lastJump);
  }

  /**
   * Forward jumps: the wall clock moved further than the monotonic clock since
   * the last check. Steps back are reported by the steady clock, which this
   * reads too, so one is seen even when nothing else asks the time.
   */
  check(): void {
    const now = this.hallNow();
    const wall = this.wall().getTime();
    const mono = performance.now();
    if (this.prev.mono > 0 && wall - this.prev.wall - (mono - this.prev.mono) >= JUMP_MS) this.jumped(wall - this.prev.wall - (mono - this.prev.mono), now);
    this.prev = { wall, mono };
  }

  async probeSync(): Promise<void> {
    this.synchronized = await this.probe().catch(() => null);
  }

  start(checkMs = 5000, probeMs = 10 * 60_000): void {
    this.check();
    void this.probeSync();
    this.timers.push(setInterval(() => this.check(), checkMs), setInterval(() => void this.probeSync(), probeMs));
    for (const t of this.timers) t.unref();
  }

  stop(): void {
    this.timers.forEach(clearInterval);
    this.timers = [];
  }

  health(): ClockHealth {
    const recent = this.lastJump && this.hallNow().getTime() - Date.parse(this.lastJump.at) < JUMP_WARN_MS ? this.lastJump : null;
    return {
      synchronized: this.synchronized,
      lastJump: recent,
      warning: recent ? 'jumped' : this.synchronized === false ? 'not-synchronized' : null,
    };
  }
}
