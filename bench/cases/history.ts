import { join } from 'node:path';
import { admin, kioskTokens, OPEN_SERVICES } from '../lib/hall-setup.js';
import { forkTs, message, removeDir, startServer, tempDir } from '../lib/proc.js';
import { startProductionServer } from '../lib/production.js';
import { benchCase, type BenchCase } from '../lib/report.js';
import { median, percentile } from '../lib/stats.js';
import { kioskLoad } from './issue.js';

/** Rounds of the latency measurement, empty and full databases taking turns (the machine's noise hits both). */
const ROUNDS = 3;

/** Cold start (spawn → first 200 from /api/v1/health), three times each way; medians. */
async function coldStarts(dir: string): Promise<{ tsx: number; bundle: number }> {
  const tsx: number[] = [];
  const bundle: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await startServer(dir);
    tsx.push(s.healthyAt - s.spawnedAt);
    await s.kill();
    const b = await startProductionServer(dir);
    bundle.push(b.healthyAt - b.spawnedAt);
    await b.kill();
  }
  return { tsx: median(tsx), bundle: median(bundle) };
}

/** Single-kiosk issue latency on the server as npm start runs it, after a warm-up. */
async function issueLatency(dir: string, tickets: number): Promise<{ p50: number; p99: number }> {
  const s = await startProductionServer(dir);
  try {
    const tokens = await kioskTokens(await admin(s.url), 1, `hist${Date.now()}`);
    await kioskLoad({ base: s.url, tokens, services: OPEN_SERVICES, perKiosk: 50, keyPrefix: 'warm-up' });
    const r = await kioskLoad({ base: s.url, tokens, services: OPEN_SERVICES, perKiosk: tickets, keyPrefix: 'latency' });
    return { p50: percentile(r.latencies, 50), p99: percentile(r.latencies, 99) };
  } finally {
    await s.kill();
  }
}

/** Case 4: a database with `history` tickets of past days against an empty one. */
export async function historyCases(history: number, log: (s: string) => void, tickets = 1000): Promise<BenchCase[]> {
  const empty = tempDir();
  const full = tempDir();
  try {
    const s = await startServer(full); // creates the schema and the demo hall
    await s.kill();
    const seeder = forkTs('bench/workers/seed-history.ts', [join(full, 'onestop.db'), String(history)]);
    const seeded = await message(seeder, (m) => m.type === 'result', 900_000);
    log(`  seeded ${seeded.tickets} tickets and ${seeded.events} events in ${(seeded.ms / 1000).toFixed(1)} s`);
    const coldEmpty = await coldStarts(empty);
    const coldFull = await coldStarts(full);
    log(`  cold start: empty db tsx ${coldEmpty.tsx.toFixed(0)} ms, bundled ${coldEmpty.bundle.toFixed(0)} ms; ${history} tickets tsx ${coldFull.tsx.toFixed(0)} ms, bundled ${coldFull.bundle.toFixed(0)} ms`);
    const e: { p50: number; p99: number }[] = [];
    const f: { p50: number; p99: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      e.push(await issueLatency(empty, tickets));
      f.push(await issueLatency(full, tickets));
      log(`  round ${round + 1}: issue p50 empty ${e[round].p50.toFixed(2)} ms, with history ${f[round].p50.toFixed(2)} ms`);
    }
    const mid = (xs: { p50: number; p99: number }[], k: 'p50' | 'p99') => median(xs.map((x) => x[k]));
    const label = `${history / 1_000_000}M history`;
    return [
      benchCase(`issue p50 with ${label}`, mid(f, 'p50'), 'ms', mid(e, 'p50'), { text: 'ratio <= 1.2', pass: (_v, r) => (r ?? Infinity) <= 1.2 }, `median of ${ROUNDS} rounds of ${tickets} tickets, empty and full in turn`),
      benchCase(`issue p99 with ${label}`, mid(f, 'p99'), 'ms', mid(e, 'p99'), null),
      // npm start runs the bundle (scripts/ensure-server.mjs); tsx is only the developer's start:dev.
      benchCase(`cold start with ${label} (bundled, as npm start)`, coldFull.bundle, 'ms', coldEmpty.bundle, { text: '<= 1000 ms', pass: (v) => v <= 1000 }),
      benchCase(`cold start with ${label} (tsx, npm run start:dev)`, coldFull.tsx, 'ms', coldEmpty.tsx, null),
    ];
  } finally {
    removeDir(empty);
    removeDir(full);
  }
}
