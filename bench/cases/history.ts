import { join } from 'node:path';
import { admin, kioskTokens, OPEN_SERVICES } from '../lib/hall-setup.js';
import { forkTs, message, removeDir, startServer, tempDir } from '../lib/proc.js';
import { startProductionServer } from '../lib/production.js';
import { benchCase, type BenchCase } from '../lib/report.js';
import { median, percentile } from '../lib/stats.js';
import { kioskLoad } from './issue.js';

interface HallFigures {
  coldTsx: number;
  coldBundle: number;
  issueP50: number;
  issueP99: number;
}

/** Cold start (spawn → first 200 from /api/v1/health), three times each way, then single-kiosk issue latency on the server as npm start runs it. */
async function measure(dir: string, tickets: number): Promise<HallFigures> {
  const coldTsx: number[] = [];
  const coldBundle: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await startServer(dir);
    coldTsx.push(s.healthyAt - s.spawnedAt);
    await s.kill();
    const b = await startProductionServer(dir);
    coldBundle.push(b.healthyAt - b.spawnedAt);
    await b.kill();
  }
  const s = await startProductionServer(dir);
  try {
    const tokens = await kioskTokens(await admin(s.url), 1, `hist${Date.now()}`);
    await kioskLoad({ base: s.url, tokens, services: OPEN_SERVICES, perKiosk: 30, keyPrefix: 'warm' });
    const r = await kioskLoad({ base: s.url, tokens, services: OPEN_SERVICES, perKiosk: tickets, keyPrefix: 'lat' });
    return { coldTsx: median(coldTsx), coldBundle: median(coldBundle), issueP50: percentile(r.latencies, 50), issueP99: percentile(r.latencies, 99) };
  } finally {
    await s.kill();
  }
}

/** Case 4: a database with `history` tickets of past days against an empty one. */
export async function historyCases(history: number, log: (s: string) => void): Promise<BenchCase[]> {
  const empty = tempDir();
  const full = tempDir();
  try {
    const e = await measure(empty, 200);
    log(`  empty db: cold start tsx ${e.coldTsx.toFixed(0)} ms, bundled ${e.coldBundle.toFixed(0)} ms; issue p50 ${e.issueP50.toFixed(2)} ms`);
    const s = await startServer(full); // creates the schema and the demo hall
    await s.kill();
    const seeder = forkTs('bench/workers/seed-history.ts', [join(full, 'onestop.db'), String(history)]);
    const seeded = await message(seeder, (m) => m.type === 'result', 900_000);
    log(`  seeded ${seeded.tickets} tickets and ${seeded.events} events in ${(seeded.ms / 1000).toFixed(1)} s`);
    const f = await measure(full, 200);
    log(`  ${history} tickets: cold start tsx ${f.coldTsx.toFixed(0)} ms, bundled ${f.coldBundle.toFixed(0)} ms; issue p50 ${f.issueP50.toFixed(2)} ms`);
    const label = `${history / 1_000_000}M history`;
    return [
      benchCase(`issue p50 with ${label}`, f.issueP50, 'ms', e.issueP50, { text: 'ratio <= 1.2', pass: (_v, r) => (r ?? Infinity) <= 1.2 }),
      benchCase(`issue p99 with ${label}`, f.issueP99, 'ms', e.issueP99, null),
      // npm start runs the bundle (scripts/ensure-server.mjs); tsx is only the developer's start:dev.
      benchCase(`cold start with ${label} (bundled, as npm start)`, f.coldBundle, 'ms', e.coldBundle, { text: '<= 1000 ms', pass: (v) => v <= 1000 }),
      benchCase(`cold start with ${label} (tsx, npm run start:dev)`, f.coldTsx, 'ms', e.coldTsx, null),
    ];
  } finally {
    removeDir(empty);
    removeDir(full);
  }
}
