/**
 * PostgreSQL's CPU over a window, split by kind of process (Linux /proc): the client backends
 * (the statements, their parsing and planning, the protocol), autovacuum workers, the other
 * background processes (WAL writer, checkpointer, background writer, launcher) and the
 * postmaster itself with the children that ended in the window (their time in it only).
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10;

function kindOf(cmd: string): string {
  if (/autovacuum worker/.test(cmd)) return 'autovacuum';
  if (/\[local\]|\d+\.\d+\.\d+\.\d+\(\d+\)/.test(cmd)) return 'backends';
  return 'background';
}

/** CPU ms of each of the postmaster's children by kind, and of the postmaster (with its reaped children). */
function sample(postmaster: number): Map<number, { kind: string; ms: number }> {
  const out = new Map<number, { kind: string; ms: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      const pid = Number(d);
      if (pid !== postmaster && Number(f[1]) !== postmaster) continue;
      const ms = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS;
      const kind = pid === postmaster ? 'postmaster' : kindOf(readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' '));
      out.set(pid, { kind, ms });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export function pgWindow(postmaster: number): { stop: () => Record<string, number> } {
  const a = sample(postmaster);
  return {
    stop() {
      const b = sample(postmaster);
      const out: Record<string, number> = { backends: 0, autovacuum: 0, background: 0, postmaster: 0 };
      for (const [pid, x] of b) out[x.kind] += x.ms - (a.get(pid)?.ms ?? 0);
      // a child that ended in the window (a pool's idle connection closed, an autovacuum worker done) is in the
      // postmaster's reaped-children time with ALL its CPU: take off what it had used before the window
      for (const [pid, x] of a) if (!b.has(pid) && x.kind !== 'postmaster') out.postmaster -= x.ms;
      return { backends: out.backends, autovacuum: out.autovacuum, background: out.background, 'ended in the window + postmaster': out.postmaster };
    },
  };
}
