import { join } from 'node:path';
import type { KioskLoadConfig, KioskLoadResult } from '../workers/kiosk-load.js';
import { JsonClient } from '../lib/http.js';
import { admin, kioskTokens, OPEN_SERVICES } from '../lib/hall-setup.js';
import { forkTs, message, removeDir, startServer, tempDir, type ServerProc } from '../lib/proc.js';
import { startProductionServer } from '../lib/production.js';
import { benchCase, type BenchCase } from '../lib/report.js';
import { percentile } from '../lib/stats.js';

/** Runs `tokens.length` kiosks in one load process for `durationMs`. */
export async function kioskLoad(cfg: KioskLoadConfig): Promise<KioskLoadResult> {
  const child = forkTs('bench/workers/kiosk-load.ts', [JSON.stringify(cfg)]);
  await message(child, (m) => m.type === 'ready');
  const done = message<KioskLoadResult>(child, (m) => m.type === 'result', (cfg.durationMs ?? 60_000) + 120_000);
  child.send({ type: 'start' });
  return done;
}

export async function sqliteBaseline(durationMs: number): Promise<{ perSecond: number; latencies: number[] }> {
  const dir = tempDir();
  try {
    const child = forkTs('bench/workers/sqlite-baseline.ts', [join(dir, 'baseline.db'), String(durationMs)]);
    return await message(child, (m) => m.type === 'result', durationMs + 60_000);
  } finally {
    removeDir(dir);
  }
}

/**
 * The issue use case with no HTTP in front (bench/workers/issue-floor.ts), `group` tickets per
 * commit: what the server could issue on its one thread however cheap HTTP became.
 */
async function useCaseAlone(durationMs: number, group: number): Promise<{ perSecond: number; cpuMicrosPerTicket: number }> {
  const dir = tempDir();
  try {
    const child = forkTs('bench/workers/issue-floor.ts', [dir, String(durationMs), String(group)]);
    return await message(child, (m) => m.type === 'result', durationMs + 120_000);
  } finally {
    removeDir(dir);
  }
}

/**
 * The same 32-kiosk load against a server that does nothing but answer (bench/workers/noop-http.ts)
 * with a body of the hall's size: what HTTP alone can carry on this machine, load generator included.
 */
async function httpCeiling(durationMs: number, sampleBody: unknown, tokens: string[]): Promise<KioskLoadResult> {
  const body = JSON.stringify(sampleBody).replace(/"id":"[^"]*"/, '"id":"#"');
  const server = await startServer('/nonexistent', { script: 'bench/workers/noop-http.ts', args: [body] });
  try {
    return await kioskLoad({ base: server.url, tokens, services: OPEN_SERVICES, durationMs, keyPrefix: 'ceiling' });
  } finally {
    await server.kill();
  }
}

/** The issue target: the hall's 32-kiosk rate against a no-op HTTP server's under the same load, measured in the same run. */
const CEILING_TARGET = { text: 'ratio >= 0.3', pass: (_v: number, ratio: number | null) => (ratio ?? 0) >= 0.3 };

/** Case 1: durable issue over HTTP with 1, 8 and 32 kiosks; the target is the share of the HTTP ceiling. */
export async function issueCases(durationMs: number, log: (s: string) => void): Promise<BenchCase[]> {
  const base = await sqliteBaseline(durationMs);
  log(`  baseline: raw better-sqlite3 insert+fsync ${base.perSecond.toFixed(0)}/s, p50 ${percentile(base.latencies, 50).toFixed(2)} ms`);
  const cases: BenchCase[] = [];
  const dir = tempDir();
  let server: ServerProc | null = null;
  try {
    server = await startProductionServer(dir);
    const tokens = await kioskTokens(await admin(server.url), 32);
    for (const n of [1, 8, 32]) {
      const r = await kioskLoad({ base: server.url, tokens: tokens.slice(0, n), services: OPEN_SERVICES, durationMs, keyPrefix: `issue${n}` });
      const rate = ((r.created + r.replayed) * 1000) / r.elapsedMs;
      const p50 = percentile(r.latencies, 50);
      const p99 = percentile(r.latencies, 99);
      log(`  ${n} kiosks: ${rate.toFixed(0)} tickets/s, p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, errors ${JSON.stringify(r.errors)}`);
      // Raw inserts are for reference only: the target is the share of the HTTP ceiling below.
      cases.push(benchCase(`issue ${n} kiosk${n > 1 ? 's' : ''}: throughput`, rate, 'tickets/s', base.perSecond, null));
      cases.push(benchCase(`issue ${n} kiosk${n > 1 ? 's' : ''}: p50 latency`, p50, 'ms', percentile(base.latencies, 50), null));
      cases.push(benchCase(`issue ${n} kiosk${n > 1 ? 's' : ''}: p99 latency`, p99, 'ms', percentile(base.latencies, 99), null));
      if (n === 32) {
        const sample = (await new JsonClient(server.url, tokens[0]).post('/api/v1/tickets', { serviceId: OPEN_SERVICES[0] })).body;
        const c = await httpCeiling(durationMs, sample, tokens);
        const ceiling = ((c.created + c.replayed) * 1000) / c.elapsedMs;
        log(`  HTTP ceiling (no-op server, same 32-kiosk load): ${ceiling.toFixed(0)} requests/s; the hall reaches ${((100 * rate) / ceiling).toFixed(0)} % of it`);
        cases.push(
          benchCase('HTTP ceiling, 32 kiosks against a no-op server', ceiling, 'requests/s', base.perSecond, null, 'what this machine carries over HTTP with no work done; the issue target cannot exceed it'),
          benchCase('issue 32 kiosks: share of the HTTP ceiling', rate, 'tickets/s', ceiling, CEILING_TARGET, 'every ticket committed with synchronous=FULL before it is answered'),
        );
        for (const group of [16, 32]) {
          const f = await useCaseAlone(durationMs, group);
          log(`  the issue use case alone (no HTTP, one thread), ${group} tickets per commit: ${f.perSecond.toFixed(0)} tickets/s = ${((100 * f.perSecond) / ceiling).toFixed(0)} % of the HTTP ceiling, ${f.cpuMicrosPerTicket.toFixed(0)} µs CPU per ticket`);
          cases.push(
            benchCase(`issue use case alone, ${group} tickets per commit: share of the HTTP ceiling`, f.perSecond, 'tickets/s', ceiling, null, `no HTTP at all: the most this code issues on one thread (${f.cpuMicrosPerTicket.toFixed(0)} µs CPU per ticket)`),
          );
        }
      }
    }
  } finally {
    await server?.kill();
    removeDir(dir);
  }
  return cases;
}
