/**
 * Where the hall's issue path spends its CPU: the production server (as `npm start` runs it)
 * under the bench's 32-kiosk load for `seconds`, its CPU time per ticket read from
 * /proc/<pid>/stat before and after (robust on a shared machine, unlike a rate), the
 * load generator's too, and the group-commit batch sizes from the metrics.
 * `node --import tsx bench/profile-issue.ts [seconds] [kiosks]`; with
 * BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=DIR" the server also writes a V8 profile.
 */
import { admin, kioskTokens, OPEN_SERVICES } from './lib/hall-setup.js';
import { cpuMs, removeDir, startServer, tempDir } from './lib/proc.js';
import { startProductionServer } from './lib/production.js';
import { kioskLoad } from './cases/issue.js';

const seconds = Number(process.argv[2] ?? 8);
const kiosks = Number(process.argv[3] ?? 32);
const dir = tempDir();
// BENCH_UNBUNDLED=1: the TypeScript sources through tsx, so a profile names files and packages.
const server = process.env.BENCH_UNBUNDLED ? await startServer(dir) : await startProductionServer(dir);
// BENCH_NOOP=1: the same load against the no-op HTTP server of the issue case (its CPU per request is the floor).
const noop = process.env.BENCH_NOOP ? await startServer('/nonexistent', { script: 'bench/workers/noop-http.ts', args: ['{"ok":true,"ticket":{"id":"#"}}'] }) : null;
try {
  const tokens = await kioskTokens(await admin(server.url), kiosks);
  const target = noop ?? server;
  await kioskLoad({ base: target.url, tokens, services: OPEN_SERVICES, durationMs: 2000, keyPrefix: 'warm' });
  const metric = async (name: string) => {
    if (noop) return 0;
    const text = await (await fetch(`${server.url}/metrics`)).text();
    return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'gm'))].reduce((a, m) => a + Number(m[1]), 0);
  };
  const commits0 = await metric('onestop_commit_duration_seconds_count');
  const commitSec0 = await metric('onestop_commit_duration_seconds_sum');
  const before = cpuMs(target.child.pid!);
  const r = await kioskLoad({ base: target.url, tokens, services: OPEN_SERVICES, durationMs: seconds * 1000, keyPrefix: 'prof' });
  const spent = cpuMs(target.child.pid!) - before;
  const n = r.created + r.replayed;
  console.log(`${kiosks} kiosks, ${seconds} s: ${n} tickets, ${((n * 1000) / r.elapsedMs).toFixed(0)}/s, errors ${JSON.stringify(r.errors)}`);
  const commits = (await metric('onestop_commit_duration_seconds_count')) - commits0;
  const commitSec = (await metric('onestop_commit_duration_seconds_sum')) - commitSec0;
  if (!noop) console.log(`${commits} commits: ${(n / commits).toFixed(1)} tickets per commit, ${((commitSec * 1000) / commits).toFixed(2)} ms each (work + fsync), ${((commitSec * 1e6) / n).toFixed(0)} µs per ticket`);
  console.log(`server CPU ${spent.toFixed(0)} ms = ${((spent * 1000) / n).toFixed(0)} µs per ticket; busy ${((100 * spent) / r.elapsedMs).toFixed(0)} % of one core`);
  console.log(`load generator CPU ${(r.cpuMicros / 1000).toFixed(0)} ms = ${(r.cpuMicros / n).toFixed(0)} µs per request; busy ${((100 * r.cpuMicros) / 1000 / r.elapsedMs).toFixed(0)} % of one core`);
} finally {
  await noop?.kill();
  await server.kill();
  removeDir(dir);
}
