/**
 * CPU time per process tree over a measured window, from /proc (Linux): how the cores were
 * shared between, e.g., PostgreSQL's backends, the region nodes and the load generator.
 * A tree's time is the sum over its live processes of utime + stime + cutime + cstime
 * (the children's times cover processes that exited and were reaped inside the window),
 * so robust to other work on the machine, unlike wall-clock rates.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Stat {
  ppid: number;
  ticks: number;
}

function statOf(pid: number): Stat | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // fields after "(comm) ": state ppid … utime(14) stime(15) cutime(16) cstime(17), 1-based in proc(5)
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

function allStats(): Map<number, Stat> {
  const out = new Map<number, Stat>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = statOf(Number(d));
    if (s) out.set(Number(d), s);
  }
  return out;
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
function machineTicks(): { busy: number; total: number; steal: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = cpu[3] + cpu[4];
  // steal: time the hypervisor ran something else while this VM's cores wanted to run
  return { busy: total - idle, total, steal: cpu[7] ?? 0 };
}

/** CPU ms of each named tree (rooted at the given pids; a process in two trees counts for the first). */
function sample(trees: Record<string, number[]>): Record<string, number> {
  const stats = allStats();
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  const seen = new Set<number>();
  const out: Record<string, number> = {};
  for (const [name, roots] of Object.entries(trees)) {
    let ticks = 0;
    const stack = [...roots];
    while (stack.length) {
      const pid = stack.pop()!;
      if (seen.has(pid)) continue;
      seen.add(pid);
      ticks += stats.get(pid)?.ticks ?? 0;
      stack.push(...(children.get(pid) ?? []));
    }
    out[name] = ticks * TICK_MS;
  }
  return out;
}

export interface CpuSplit {
  wallMs: number;
  /** CPU ms per tree in the window. */
  trees: Record<string, number>;
  /** CPU ms of the whole machine (all processes, all cores) and what the cores could give. */
  machineMs: number;
  capacityMs: number;
  /** Of machineMs: what the host took from this VM's cores (steal); a noisy host shows here. */
  stealMs: number;
}

/** Starts a window; `stop()` returns the CPU ms each tree used in it. `self` is this process (not its children). */
export function cpuWindow(trees: Record<string, number[]>): { stop: () => CpuSplit } {
  const t0 = performance.now();
  const a = sample(trees);
  const m0 = machineTicks();
  const self0 = process.cpuUsage();
  return {
    stop() {
      const b = sample(trees);
      const m1 = machineTicks();
      const self = process.cpuUsage(self0);
      const out: Record<string, number> = {};
      for (const k of Object.keys(trees)) out[k] = b[k] - a[k];
      out.self = (self.user + self.system) / 1000;
      return { wallMs: performance.now() - t0, trees: out, machineMs: (m1.busy - m0.busy) * TICK_MS, capacityMs: (m1.total - m0.total) * TICK_MS, stealMs: (m1.steal - m0.steal) * TICK_MS };
    },
  };
}

/** One line: each tree's CPU as cores (CPU ms / wall ms) and its share of the machine's busy time. */
export function describeSplit(s: CpuSplit, perUnit?: { count: number; unit: string }): string {
  const cores = (ms: number) => (ms / s.wallMs).toFixed(2);
  const parts = Object.entries(s.trees).map(([k, ms]) => `${k} ${cores(ms)} cores${perUnit ? ` (${((ms * 1000) / perUnit.count).toFixed(1)} µs/${perUnit.unit})` : ''}`);
  const ours = Object.values(s.trees).reduce((a, b) => a + b, 0);
  return `${parts.join(', ')}; machine busy ${cores(s.machineMs)} of ${cores(s.capacityMs)} cores (others ${cores(Math.max(0, s.machineMs - ours - s.stealMs))}, host steal ${cores(s.stealMs)})`;
}
