/**
 * Uplink (issue 14: "the halls' issue latency was unaffected by the outage"): a hall
 * started as `npm start` starts it, with a history of past days whose event log the
 * region has not yet received (≥ 50,000 events), under a fixed 4-kiosk load in four
 * phases of the same length, in this order:
 *   (a) uplink off;
 *   (b) uplink on, region unreachable: a blackholed port (accepts the connection and
 *       never answers; the uplink's request times out and it backs off);
 *   (c) uplink on to a real `npm run region` node (private PostgreSQL and Redis, as the
 *       region bench): the hall streams its backlog while the kiosks issue (the case
 *       checks the backlog was not drained before the phase ended);
 *   (a') uplink off again, after the catch-up: the baseline is (a) and (a') pooled, so
 *       drift over the run is not charged to (b) or (c).
 * Issue latency p50/p99 of (b) and (c) as ratios to the baseline; the catch-up rate
 * under load for reference. Targets and why: docs/bench.md "Uplink".
 */
import { createServer, type Socket } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { PrivatePostgres, havePostgres } from '../../region/dev/postgres.js';
import { freePort } from '../../region/dev/processes.js';
import { PrivateRedis, haveRedis } from '../../region/dev/redis.js';
import { RegionProcess, REGION_ADMIN_PASSWORD } from '../../region/dev/region-process.js';
import type { JsonClient } from '../lib/http.js';
import { admin, kioskTokens, OPEN_SERVICES } from '../lib/hall-setup.js';
import { cpuMs, forkTs, message, removeDir, startServer, tempDir, type ServerProc } from '../lib/proc.js';
import { startProductionServer } from '../lib/production.js';
import { benchCase, type BenchCase } from '../lib/report.js';
import { percentile, wallMs } from '../lib/stats.js';
import { kioskLoad } from './issue.js';

const KIOSKS = 4;
const HALL_ID = 'bench-uplink';
/** p99 issue latency with the uplink busy or failing, as a share of the uplink-off baseline. */
const P99_TARGET = { text: 'ratio <= 1.5', pass: (_v: number, r: number | null) => (r ?? Infinity) <= 1.5 };

/** A port that accepts connections and never answers (a blackholed region). */
async function blackhole(): Promise<{ url: string; close: () => Promise<void> }> {
  const held = new Set<Socket>();
  const server = createServer((s) => {
    held.add(s);
    s.on('error', () => undefined);
    s.on('close', () => held.delete(s));
  });
  const port = await freePort();
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => (held.forEach((s) => s.destroy()), server.close(() => ok()))),
  };
}

interface UplinkState { connected: boolean; acknowledged: number | null; head: number; lagEvents: number; lastError: string | null }
const uplinkState = async (a: JsonClient): Promise<UplinkState> => (await a.get('/api/v1/admin/uplink')).body.state;
async function setUplink(a: JsonClient, body: Record<string, unknown>): Promise<void> {
  const r = await a.req('PATCH', '/api/v1/admin/uplink', body);
  if (r.status !== 200) throw new Error(`uplink setting refused: ${JSON.stringify(r.body)}`);
}

/** Busy and total CPU ms of the whole machine so far (all cores). */
function machineCpu(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times.user + c.times.nice + c.times.sys + c.times.irq + c.times.idle;
    total += t;
    busy += t - c.times.idle;
  }
  return { busy, total };
}

async function regionLogin(base: string): Promise<string> {
  const r = await fetch(`${base}/region/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: REGION_ADMIN_PASSWORD }) });
  return ((await r.json()) as { token: string }).token;
}

async function registerHall(base: string, token: string): Promise<string> {
  const r = await fetch(`${base}/region/v1/halls`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ id: HALL_ID, name: 'Bench hall', area: 'bench' }) });
  if (r.status !== 201) throw new Error(`hall registration: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

/** A hall data folder with `tickets` tickets of past days (3 events each) the region has not seen. */
async function seededHall(dir: string, tickets: number, log: (s: string) => void): Promise<void> {
  const s = await startServer(dir); // the schema and the demo hall
  await s.kill();
  const seeder = forkTs('bench/workers/seed-history.ts', [join(dir, 'onestop.db'), String(tickets)]);
  const seeded = await message(seeder, (m) => m.type === 'result', 900_000);
  log(`  seeded ${seeded.tickets} tickets, ${seeded.events} events of past days in ${(seeded.ms / 1000).toFixed(1)} s`);
}

export async function uplinkCases(durationMs: number, backlogTickets: number, log: (s: string) => void): Promise<BenchCase[]> {
  if (!havePostgres() || !haveRedis()) {
    if (process.env.CI) throw new Error('the uplink bench needs postgresql and redis-server (apt-get install postgresql redis-server)');
    log('  SKIPPED: the uplink bench needs postgresql and redis-server (apt-get install postgresql redis-server)');
    return [];
  }
  const dir = tempDir();
  const [cluster, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
  const hole = await blackhole();
  let node: RegionProcess | null = null;
  let hall: ServerProc | null = null;
  try {
    node = await RegionProcess.start(await cluster.createDatabase('region'), redis.url);
    const hallToken = await registerHall(node.url, await regionLogin(node.url));
    await seededHall(dir, backlogTickets, log);
    hall = await startProductionServer(dir);
    const a = await admin(hall.url);
    const tokens = await kioskTokens(a, KIOSKS);
    const load = async (phase: string) => {
      const cpu0 = cpuMs(hall!.child.pid!);
      const m0 = machineCpu();
      const r = await kioskLoad({ base: hall!.url, tokens, services: OPEN_SERVICES, durationMs, keyPrefix: `uplink-${phase.split(':')[0].replace(/\W/g, 'x')}` });
      const hallCpu = (cpuMs(hall!.child.pid!) - cpu0) / r.elapsedMs;
      const m1 = machineCpu();
      const machine = (m1.busy - m0.busy) / (m1.total - m0.total);
      const failed = Object.values(r.errors).reduce((n, k) => n + k, 0) + r.networkErrors;
      if (failed) throw new Error(`phase ${phase}: ${failed} failed issues ${JSON.stringify(r.errors)}`);
      const rate = ((r.created + r.replayed) * 1000) / r.elapsedMs;
      const tickets = r.created + r.replayed;
      const cpuPerTicket = (hallCpu * r.elapsedMs) / tickets;
      log(`  (${phase}) ${rate.toFixed(0)} tickets/s, p50 ${percentile(r.latencies, 50).toFixed(2)} ms, p99 ${percentile(r.latencies, 99).toFixed(2)} ms; hall process CPU ${(100 * hallCpu).toFixed(0)} % of a core (${cpuPerTicket.toFixed(2)} ms per ticket), machine ${(100 * machine).toFixed(0)} % busy`);
      return { latencies: r.latencies, rate, hallCpu, machine, cpuMs: hallCpu * r.elapsedMs, tickets };
    };
    await kioskLoad({ base: hall.url, tokens, services: OPEN_SERVICES, perKiosk: 50, keyPrefix: 'warm-up' });

    const off = await load('a: uplink off');

    await setUplink(a, { enabled: true, url: hole.url, hallId: HALL_ID, token: hallToken });
    const down = await load('b: region blackholed');
    const downState = await uplinkState(a);
    log(`  (b) uplink: connected ${downState.connected}, lag ${downState.lagEvents} events, last error ${downState.lastError}`);

    const backlog = (await uplinkState(a)).head;
    await setUplink(a, { url: node.url });
    const t0 = wallMs();
    const catching = await load('c: catching up');
    const mid = await uplinkState(a);
    const sentDuring = mid.acknowledged ?? 0;
    if (mid.lagEvents === 0) log(`  (c) WARNING: the backlog was drained before the phase ended: raise the backlog or shorten the phase`);
    for (;;) {
      const s = await uplinkState(a);
      if (s.connected && s.lagEvents === 0) break;
      if (wallMs() - t0 > 600_000) throw new Error(`the uplink did not catch up in 10 minutes: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const caughtUpMs = wallMs() - t0;
    log(`  (c) ${sentDuring} of ${backlog}+ events acknowledged during the loaded phase; all caught up after ${(caughtUpMs / 1000).toFixed(1)} s`);

    await setUplink(a, { enabled: false });
    const off2 = await load("a': uplink off again");

    const base = [...off.latencies, ...off2.latencies];
    const p = (xs: number[], q: number) => percentile(xs, q);
    // The hall's CPU in (c) beyond what its tickets cost in the baseline: the uplink's own work (read, sanitize, send).
    const perTicket = (off.cpuMs + off2.cpuMs) / (off.tickets + off2.tickets);
    const uplinkCpu = Math.max(0, catching.cpuMs - perTicket * catching.tickets);
    const note = `${KIOSKS} kiosks, ${(durationMs / 1000).toFixed(0)} s per phase; baseline = phases (a) and (a') pooled`;
    return [
      benchCase('uplink blackholed: issue p50', p(down.latencies, 50), 'ms', p(base, 50), null, note),
      benchCase('uplink blackholed: issue p99', p(down.latencies, 99), 'ms', p(base, 99), P99_TARGET, note),
      benchCase('uplink catching up: issue p50', p(catching.latencies, 50), 'ms', p(base, 50), null, `${sentDuring} events streamed during the phase`),
      benchCase('uplink catching up: issue p99', p(catching.latencies, 99), 'ms', p(base, 99), P99_TARGET, mid.lagEvents === 0 ? 'backlog drained before the phase ended' : `backlog still ${mid.lagEvents} events at the end of the phase`),
      benchCase('uplink catching up: issue throughput', catching.rate, 'tickets/s', (off.rate + off2.rate) / 2, null),
      benchCase('uplink catch-up rate under the kiosk load', (sentDuring * 1000) / durationMs, 'events/s', null, null, `backlog ${backlog} events, all acknowledged after ${(caughtUpMs / 1000).toFixed(1)} s`),
      benchCase('uplink catching up: hall CPU per streamed event', sentDuring ? (1000 * uplinkCpu) / sentDuring : NaN, 'µs', null, null, 'hall CPU in (c) beyond its tickets\' baseline cost, per event acknowledged'),
      benchCase('uplink catching up: machine CPU busy', 100 * catching.machine, '%', 100 * Math.max(off.machine, off2.machine), null, 'region node, PostgreSQL and Redis share the 2 cores with the hall and the load'),
    ];
  } finally {
    await hall?.kill();
    await node?.stop();
    await hole.close();
    await Promise.all([cluster.stop(), redis.stop()]);
    removeDir(dir);
  }
}
