/**
 * Uplink (issue 14: "the halls' issue latency was unaffected by the outage"): a hall
 * started as `npm start` starts it, with a history of past days whose event log the
 * region has not received yet (17,000 tickets: 51,000 events and more), under a fixed
 * 4-kiosk load in four phases:
 *   off        — uplink off (the baseline);
 *   blackholed — uplink on, the region unreachable: a port that accepts the connection
 *                and never answers (the uplink's request hangs until its timeout, then
 *                it backs off);
 *   stub       — uplink on to a stand-in region that acknowledges each batch after 150 ms
 *                and stores nothing: the hall's own cost of streaming its backlog;
 *   catching   — uplink on to a real `npm run region` node (private PostgreSQL and Redis,
 *                as the region bench): the hall streams its backlog while the kiosks issue
 *                (on this machine the node and PostgreSQL share the hall's cores).
 * The phases take turns in ROUNDS rounds of short slices, in rotating order, and each
 * phase's latencies are pooled: on a shared machine the load of other work drifts over a
 * run, and turns spread that drift over all phases instead of charging it to one.
 * Switching to `blackholed` stops a catch-up where it is; the next `catching` slice goes on
 * from the region's position. Issue latency p50/p99 as ratios to `off`, the catch-up rate
 * under load and the hall's CPU per streamed event. Targets and why: docs/bench.md "Uplink".
 */
import { createServer as createHttpServer } from 'node:http';
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
/** Rounds of the three phases; each phase gets a slice of `durationMs / ROUNDS` per round. */
const ROUNDS = 4;

interface Slice {
  latencies: number[];
  tickets: number;
  ms: number;
  /** Hall process CPU (user + system) during the slice. */
  cpuMs: number;
  /** Share of the machine's CPU that was busy (all processes). */
  machine: number;
}
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

/** Time the stub region takes per batch before it acknowledges (about what the real node takes here), using no CPU meanwhile. */
const STUB_BATCH_MS = 150;

/**
 * A stand-in region that acknowledges every batch after STUB_BATCH_MS and stores nothing:
 * streaming to it costs the hall what streaming to a region costs, without a region node and
 * PostgreSQL on the same cores (the `stub` phase tells the hall's own cost from the co-located region's).
 */
async function stubRegion(): Promise<{ url: string; close: () => Promise<void> }> {
  let highWater = 0;
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (body: object) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'GET') return answer({ ok: true, highWater, configVersion: 1, epoch: 0 });
      const batch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { after: number; events: { seq: number }[] };
      setTimeout(() => {
        highWater = Math.max(highWater, batch.events.at(-1)?.seq ?? batch.after);
        answer({ ok: true, highWater, accepted: batch.events.length, duplicates: 0, configVersion: 1 });
      }, STUB_BATCH_MS);
    });
  });
  const port = await freePort();
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => (server.closeAllConnections(), server.close(() => ok()))) };
}

interface UplinkState { connected: boolean; acknowledged: number | null; head: number; lagEvents: number; lastError: string | null }
// The admin's calls come seconds apart, between slices: a connection each (a kept-alive one may be closed by the server just then).
const CLOSE = { connection: 'close' };
const uplinkState = async (a: JsonClient): Promise<UplinkState> => (await a.req('GET', '/api/v1/admin/uplink', undefined, CLOSE)).body.state;
async function setUplink(a: JsonClient, body: Record<string, unknown>): Promise<void> {
  const r = await a.req('PATCH', '/api/v1/admin/uplink', body, CLOSE);
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

/** `durationMs`: issue load per phase (split into ROUNDS slices); `backlogTickets`: seeded history, 3 events each. */
export async function uplinkCases(durationMs: number, backlogTickets: number, log: (s: string) => void): Promise<BenchCase[]> {
  const sliceMs = durationMs / ROUNDS;
  if (!havePostgres() || !haveRedis()) {
    if (process.env.CI) throw new Error('the uplink bench needs postgresql and redis-server (apt-get install postgresql redis-server)');
    log('  SKIPPED: the uplink bench needs postgresql and redis-server (apt-get install postgresql redis-server)');
    return [];
  }
  const dir = tempDir();
  const [cluster, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
  const hole = await blackhole();
  const stub = await stubRegion();
  let node: RegionProcess | null = null;
  let hall: ServerProc | null = null;
  try {
    await cluster.createDatabase('region');
    node = await RegionProcess.start(cluster.socketUrl('region'), redis.url); // over PostgreSQL's Unix socket, as region.ts
    const hallToken = await registerHall(node.url, await regionLogin(node.url));
    await seededHall(dir, backlogTickets, log);
    hall = await startProductionServer(dir);
    const a = await admin(hall.url);
    const tokens = await kioskTokens(a, KIOSKS);
    type Phase = 'off' | 'blackholed' | 'stub' | 'catching';
    const setting: Record<Phase, Record<string, unknown>> = {
      off: { enabled: false },
      blackholed: { enabled: true, url: hole.url, hallId: HALL_ID, token: hallToken },
      stub: { enabled: true, url: stub.url, hallId: HALL_ID, token: hallToken },
      catching: { enabled: true, url: node.url, hallId: HALL_ID, token: hallToken },
    };
    const slices: Record<Phase, Slice[]> = { off: [], blackholed: [], stub: [], catching: [] };
    const load = async (phase: Phase, round: number): Promise<Slice> => {
      const cpu0 = cpuMs(hall!.child.pid!);
      const m0 = machineCpu();
      const r = await kioskLoad({ base: hall!.url, tokens, services: OPEN_SERVICES, durationMs: sliceMs, keyPrefix: `uplink-${phase}-${round}` });
      const cpu = cpuMs(hall!.child.pid!) - cpu0;
      const m1 = machineCpu();
      const failed = Object.values(r.errors).reduce((n, k) => n + k, 0) + r.networkErrors;
      if (failed) throw new Error(`${phase}, round ${round}: ${failed} failed issues ${JSON.stringify(r.errors)}`);
      const tickets = r.created + r.replayed;
      const slice = { latencies: r.latencies, tickets, ms: r.elapsedMs, cpuMs: cpu, machine: (m1.busy - m0.busy) / (m1.total - m0.total) };
      log(`  round ${round} ${phase.padEnd(10)} ${((tickets * 1000) / r.elapsedMs).toFixed(0)} tickets/s, p50 ${percentile(r.latencies, 50).toFixed(1)} ms, p99 ${percentile(r.latencies, 99).toFixed(1)} ms; hall CPU ${((100 * cpu) / r.elapsedMs).toFixed(0)} % of a core, machine ${(100 * slice.machine).toFixed(0)} % busy`);
      return slice;
    };
    await kioskLoad({ base: hall.url, tokens, services: OPEN_SERVICES, perKiosk: 50, keyPrefix: 'warm-up' });

    const backlog = (await uplinkState(a)).head;
    let acked = 0;
    let streamed = 0;
    let drained = false;
    const order: Phase[] = ['off', 'blackholed', 'stub', 'catching'];
    let stubAcked = 0;
    let stubStreamed = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < order.length; k++) {
        const phase = order[(k + round) % order.length]; // each phase takes each position in turn
        await setUplink(a, setting[phase]);
        slices[phase].push(await load(phase, round));
        const s = await uplinkState(a);
        if (phase === 'catching') {
          streamed += (s.acknowledged ?? acked) - acked;
          acked = s.acknowledged ?? acked;
          if (s.lagEvents === 0) drained = true;
        }
        if (phase === 'stub') {
          stubStreamed += (s.acknowledged ?? stubAcked) - stubAcked;
          stubAcked = s.acknowledged ?? stubAcked;
          if (s.lagEvents === 0) drained = true;
        }
        if (phase === 'blackholed' && s.connected) throw new Error('the uplink says it is connected to a blackholed port');
      }
    }
    if (drained) log('  WARNING: the backlog was drained during a catching-up slice: raise the backlog or shorten the slices');
    // the rest of the backlog, without load: everything arrives
    await setUplink(a, setting.catching);
    const t0 = wallMs();
    for (;;) {
      const s = await uplinkState(a);
      if (s.connected && s.lagEvents === 0) break;
      if (wallMs() - t0 > 600_000) throw new Error(`the uplink did not catch up in 10 minutes: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    log(`  ${streamed} of ${backlog} backlog events streamed during the loaded slices; the rest (no load) in ${((wallMs() - t0) / 1000).toFixed(1)} s`);

    const all = (ph: Phase) => slices[ph].flatMap((x) => x.latencies);
    const sum = (ph: Phase, k: 'tickets' | 'ms' | 'cpuMs') => slices[ph].reduce((n, x) => n + x[k], 0);
    const rate = (ph: Phase) => (sum(ph, 'tickets') * 1000) / sum(ph, 'ms');
    const p = (ph: Phase, q: number) => percentile(all(ph), q);
    // The hall's CPU while catching up beyond what its tickets cost with the uplink off: the uplink's own work (read, sanitize, send).
    const uplinkCpu = Math.max(0, sum('catching', 'cpuMs') - (sum('off', 'cpuMs') / sum('off', 'tickets')) * sum('catching', 'tickets'));
    const machine = (ph: Phase) => (100 * slices[ph].reduce((n, x) => n + x.machine * x.ms, 0)) / sum(ph, 'ms');
    const note = `${KIOSKS} kiosks; ${ROUNDS} rounds of ${(sliceMs / 1000).toFixed(1)} s slices, the phases in rotating order, pooled per phase`;
    return [
      benchCase('uplink blackholed: issue p50', p('blackholed', 50), 'ms', p('off', 50), null, note),
      benchCase('uplink blackholed: issue p99', p('blackholed', 99), 'ms', p('off', 99), P99_TARGET, note),
      benchCase('uplink catching up: issue p50', p('catching', 50), 'ms', p('off', 50), null, `${streamed} of ${backlog} backlog events streamed during the slices`),
      benchCase('uplink catching up: issue p99', p('catching', 99), 'ms', p('off', 99), P99_TARGET, drained ? 'backlog drained during a slice' : 'backlog left at the end of every slice'),
      benchCase('uplink streaming to a stub region: issue p50', p('stub', 50), 'ms', p('off', 50), null, `${stubStreamed} events streamed; the stub acknowledges each batch after ${STUB_BATCH_MS} ms and stores nothing`),
      benchCase('uplink streaming to a stub region: issue p99', p('stub', 99), 'ms', p('off', 99), P99_TARGET, "the hall's own cost of a catch-up, without a region node and PostgreSQL on its cores"),
      benchCase('uplink catching up: issue throughput', rate('catching'), 'tickets/s', rate('off'), null),
      benchCase('uplink catch-up rate under the kiosk load', (streamed * 1000) / sum('catching', 'ms'), 'events/s', null, null),
      benchCase('uplink catching up: hall CPU per streamed event', streamed ? (1000 * uplinkCpu) / streamed : NaN, 'µs', null, null, "hall CPU while catching up beyond its tickets' cost with the uplink off"),
      benchCase('uplink catching up: machine CPU busy', machine('catching'), '%', machine('off'), null, 'the region node, PostgreSQL and Redis share the cores with the hall and the load'),
    ];
  } finally {
    await hall?.kill();
    await node?.stop();
    await hole.close();
    await stub.close();
    await Promise.all([cluster.stop(), redis.stop()]);
    removeDir(dir);
  }
}
