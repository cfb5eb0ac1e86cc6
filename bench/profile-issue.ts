/**
 * Where the hall's issue path spends its CPU: the production server (as `npm start` runs it)
 * under the bench's 32-kiosk load for `seconds`, its CPU time per ticket read from
 * /proc/<pid>/stat before and after (robust on a shared machine, unlike a rate), the
 * load generator's too, and the group-commit batch sizes from the metrics.
 * `node --import tsx bench/profile-issue.ts [seconds] [kiosks]`; with
 * BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=DIR" the server also writes a V8 profile.
 */
import { readFileSync } from 'node:fs';
import { admin, kioskTokens, OPEN_SERVICES } from './lib/hall-setup.js';
import { removeDir, startServer, tempDir } from './lib/proc.js';
import { startProductionServer } from './lib/production.js';
import { kioskLoad } from './cases/issue.js';

const seconds = Number(process.argv[2] ?? 8);
const kiosks = Number(process.argv[3] ?? 32);
const TICK = 100; // USER_HZ on Linux

function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / TICK; // utime + stime
}

const dir = tempDir();
// BENCH_UNBUNDLED=1: the TypeScript sources through tsx, so a profile names files and packages.
const server = process.env.BENCH_UNBUNDLED ? await startServer(dir) : await startProductionServer(dir);
// BENCH_NOOP=1: the same load against the no-op HTTP server of the issue case (its CPU per request is the floor).
const noop = process.env.BENCH_NOOP ? await startServer('/nonexistent', { script: 'bench/workers/noop-http.ts', args: ['{"ok":true,"ticket":{"id":"#"}}'] }) : null;
try {
  const tokens = await kioskTokens(await admin(server.url), kiosks);
  const target = noop ?? server;
  await kioskLoad({ base: target.url, tokens, services: OPEN_SERVICES, durationMs: 2000, keyPrefix: 'warm' });
  const before = cpuMs(target.child.pid!);
  const r = await kioskLoad({ base: target.url, tokens, services: OPEN_SERVICES, durationMs: seconds * 1000, keyPrefix: 'prof' });
  const spent = cpuMs(target.child.pid!) - before;
  const n = r.created + r.replayed;
  console.log(`${kiosks} kiosks, ${seconds} s: ${n} tickets, ${((n * 1000) / r.elapsedMs).toFixed(0)}/s, errors ${JSON.stringify(r.errors)}`);
  console.log(`server CPU ${spent.toFixed(0)} ms = ${((spent * 1000) / n).toFixed(0)} µs per ticket; busy ${((100 * spent) / r.elapsedMs).toFixed(0)} % of one core`);
} finally {
  await noop?.kill();
  await server.kill();
  removeDir(dir);
}
