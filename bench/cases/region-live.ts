/**
 * Region under live-rate halls (issue 14): many caught-up halls, each posting one small batch a
 * second — the events its last second made — as a hall's uplink does when caught up (it reads its
 * log every `idleMs` = 1 s and sends what is new, with the head of its log). At province scale
 * this, not the 500-event catch-up batch of `region.ts`, is the steady load: the cost per BATCH
 * (HTTP request, token check, transaction round trips, stream lock, statement, live push through
 * Redis to every node) dominates.
 *
 * Set-up as `region.ts`: a private PostgreSQL (nodes over its Unix socket) and Redis, two
 * `npm run region` nodes, halls alternating between node A and B, each on its own keep-alive
 * node:http connection, an admin `/region` socket on node B as the dashboard. Each hall posts at
 * its own phase within the second (spread evenly), 2–6 events of the bench's hall-day mix per
 * batch. A hall whose previous batch is still unanswered at its next tick sends nothing then; its
 * next batch carries both seconds' events (as the uplink's would: its log grew meanwhile).
 *
 * - search: steps of `steps` halls (doubling, then one bisection between the last sustained and
 *   the first failed step); a step is sustained when ≥ 99 % of the ticks sent on time and the p99
 *   answer is within the second (so no backlog grows);
 * - fixed N: CPU per batch and per event of PostgreSQL, each node, Redis and the bench itself
 *   (bench/lib/cpu-split.ts), batches/s, and the dashboard lag of node A's halls' batches (sent →
 *   their summary on node B's socket).
 */
import pg from 'pg';
import { io as ioClient, type Socket } from 'socket.io-client';
import { REGION_EV, REGION_NS, type HallLive } from '../../common/region.js';
import { requirePostgres, TestPostgres } from '../../test/helpers/pg.js';
import { requireRedis, TestRedis } from '../../test/helpers/redis.js';
import { RegionProcess, regionAdmin } from '../../test/region/support.js';
import { cpuWindow, describeSplit, type CpuSplit } from '../lib/cpu-split.js';
import { JsonClient } from '../lib/http.js';
import { pgWindow } from '../lib/pg-split.js';
import { benchCase, type BenchCase } from '../lib/report.js';
import { percentile, wallMs } from '../lib/stats.js';
import { clusterSettings, hallEvents, statementsReport } from './region.js';

/** Events a hall can send in one run (6 a second at most for the whole run, with margin). */
const TEMPLATE_EVENTS = 3000;
/** A step is sustained with at least this share of ticks sent on time and its p99 answer within the second. */
const ON_TIME = 0.99;
/** The idle window before the fixed load. */
const IDLE_MS = 2000;
/** Bare `SELECT 1` round trips timed for the yardstick. */
const ROUND_TRIPS = 5000;

export interface LiveOptions {
  /** Hall counts tried in order while sustained (doubling); then one bisection. */
  steps: number[];
  /** Measured seconds per search step (after one second of warm-up). */
  stepSeconds: number;
  /** The load at which CPU per batch and the dashboard lag are reported. */
  fixedHalls: number;
  fixedSeconds: number;
}

/**
 * Every hall's log is the same sequence of events (one template, serialized once: the bench's
 * own CPU is part of what it measures), dated over the last minutes so a live batch is "now".
 */
function template() {
  const events = hallEvents(TEMPLATE_EVENTS, 1, Date.now() - TEMPLATE_EVENTS * 700);
  return { json: events.map((e) => JSON.stringify(e)), heads: events.map((e) => JSON.stringify({ seq: e.seq, at: e.at })) };
}

interface StepStats {
  ticks: number;
  late: number;
  batches: number;
  events: number;
  answerMs: number[];
  lagMs: number[];
  errors: string[];
}

const newStats = (): StepStats => ({ ticks: 0, late: 0, batches: 0, events: 0, answerMs: [], lagMs: [], errors: [] });

/** One caught-up hall: its uplink connection and how far its log and the region's acknowledgement are. */
class LiveHall {
  /** Events in the hall's log (seq of the last one). */
  made = 0;
  acked = 0;
  inFlight: Promise<void> | null = null;
  /** Batches sent to node A waiting for their summary on node B's socket: [last seq, sent at]. */
  watching: [number, number][] = [];

  constructor(
    readonly id: string,
    readonly onA: boolean,
    private client: JsonClient,
  ) {}

  /** The hall's second passed: its log grew by 2–6 events; send them unless the last batch is unanswered. */
  tick(t: ReturnType<typeof template>, stats: StepStats, random: () => number, watch: boolean): void {
    stats.ticks++;
    this.made += 2 + Math.floor(random() * 5);
    if (this.made > TEMPLATE_EVENTS) return void stats.errors.push(`${this.id}: the template's ${TEMPLATE_EVENTS} events are used up (a longer run needs a longer template)`);
    if (this.inFlight) return void stats.late++;
    const after = this.acked;
    const last = this.made;
    const body = `{"after":${after},"events":[${t.json.slice(after, last).join(',')}],"head":${t.heads[last - 1]}}`;
    const sent = wallMs();
    if (this.onA && watch) this.watching.push([last, sent]);
    this.inFlight = this.client
      .post(`/region/v1/halls/${this.id}/events`, body)
      .then((r) => {
        if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
        stats.answerMs.push(wallMs() - sent);
        stats.batches++;
        stats.events += last - after;
        this.acked = r.body.highWater;
      })
      .catch((err) => void stats.errors.push(`${this.id}: ${(err as Error).message}`))
      .finally(() => (this.inFlight = null));
  }

  /** The hall's summary arrived on the dashboard: every batch it covers is shown. */
  shown(highWater: number, at: number, stats: StepStats): void {
    while (this.watching.length && this.watching[0][0] <= highWater) stats.lagMs.push(at - this.watching.shift()![1]);
  }
}

/** A small deterministic generator, so a run's batch sizes do not depend on Math.random's state. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Runs `halls` at one batch a second each for 1 s of warm-up plus `seconds`, each hall at its own
 * phase; returns the measured window's figures and its CPU split.
 */
async function runLoad(halls: LiveHall[], seconds: number, t: ReturnType<typeof template>, trees: Record<string, number[]>, dashboard: { stats: StepStats | null }): Promise<{ stats: StepStats; cpu: CpuSplit; wallS: number }> {
  const warm = newStats();
  const stats = newStats();
  const random = lcg(halls.length);
  const start = wallMs() + 20;
  const end = start + (1 + seconds) * 1000;
  let window: ReturnType<typeof cpuWindow> | null = null;
  let measuredFrom = 0;
  const timers = new Set<NodeJS.Timeout>();
  await new Promise<void>((done) => {
    let left = halls.length;
    halls.forEach((h, i) => {
      const phase = (i * 1000) / halls.length;
      const run = (k: number) => {
        const due = start + phase + k * 1000;
        if (due >= end) return void (--left === 0 && done());
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (k === 1 && i === 0) {
            window = cpuWindow(trees);
            measuredFrom = wallMs();
            dashboard.stats = stats;
          }
          h.tick(t, k === 0 ? warm : stats, random, k > 0);
          run(k + 1);
        }, Math.max(0, due - wallMs()));
        timers.add(timer);
      };
      run(0);
    });
  });
  // the last ticks' answers (and their pushes) belong to the window
  await Promise.all(halls.map((h) => h.inFlight));
  await new Promise((r) => setTimeout(r, 300));
  const cpu = (window as ReturnType<typeof cpuWindow> | null)!.stop();
  dashboard.stats = null;
  for (const h of halls) h.watching.length = 0;
  stats.errors.push(...warm.errors);
  return { stats, cpu, wallS: (wallMs() - measuredFrom) / 1000 };
}

const sustained = (s: StepStats) => s.errors.length === 0 && s.late <= (1 - ON_TIME) * s.ticks && percentile(s.answerMs, 99) < 1000;

function describeStep(n: number, r: { stats: StepStats; cpu: CpuSplit; wallS: number }): string {
  const s = r.stats;
  const ok = sustained(s) ? 'sustained' : 'NOT sustained';
  const err = s.errors.length ? `, ${s.errors.length} errors (${s.errors[0]})` : '';
  return `${n} halls: ${ok}; ${(s.batches / r.wallS).toFixed(0)} batches/s, ${(s.events / r.wallS).toFixed(0)} events/s, ${s.late} of ${s.ticks} ticks late, answer p50 ${percentile(s.answerMs, 50).toFixed(0)} / p99 ${percentile(s.answerMs, 99).toFixed(0)} ms${err}; machine busy ${(r.cpu.machineMs / r.cpu.wallMs).toFixed(2)} of ${(r.cpu.capacityMs / r.cpu.wallMs).toFixed(2)} cores`;
}

export async function regionLiveCases(o: LiveOptions, log: (s: string) => void): Promise<BenchCase[]> {
  if (!requirePostgres() || !requireRedis()) return [];
  const settings = clusterSettings();
  const [cluster, redis] = await Promise.all([TestPostgres.start({ settings }), TestRedis.start()]);
  const nodes: RegionProcess[] = [];
  const clients: JsonClient[] = [];
  let dash: Socket | null = null;
  const db = new pg.Pool({ connectionString: cluster.url('region'), max: 1 });
  db.on('error', () => undefined);
  try {
    await cluster.createDatabase('region');
    const url = cluster.socketUrl('region');
    nodes.push(...(await Promise.all([RegionProcess.start(url, redis.url), RegionProcess.start(url, redis.url)])));
    const pgss = settings.shared_preload_libraries?.includes('pg_stat_statements');
    if (pgss) await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const admin = await regionAdmin(nodes[0].url);
    const t = template();
    const halls: LiveHall[] = [];
    /** Registers halls up to `n` (a few at a time: registration is not what is measured). */
    const grow = async (n: number) => {
      const from = halls.length;
      const ids = Array.from({ length: n - from }, (_, i) => `live-${from + i}`);
      for (let i = 0; i < ids.length; i += 16) {
        const made = await Promise.all(
          ids.slice(i, i + 16).map(async (id, j) => {
            const r = await admin.post('/region/v1/halls', { id, name: id, area: 'bench' });
            if (r.status !== 201) throw new Error(`hall ${id}: ${r.status} ${JSON.stringify(r.body)}`);
            const onA = (from + i + j) % 2 === 0;
            const c = new JsonClient(nodes[onA ? 0 : 1].url, r.body.token as string);
            clients.push(c);
            return new LiveHall(id, onA, c);
          }),
        );
        halls.push(...made);
      }
    };
    const trees = { postgres: [cluster.pid!], nodeA: [nodes[0].proc!.pid!], nodeB: [nodes[1].proc!.pid!], redis: [redis.pid!] };

    // the dashboard: an admin's socket on node B, which gets every hall's summary
    dash = ioClient(nodes[1].url + REGION_NS, { auth: { token: admin.token }, transports: ['websocket'], forceNew: true });
    await new Promise<void>((ok, fail) => (dash!.once('halls', () => ok()), dash!.once('connect_error', fail)));
    const byId = new Map<string, LiveHall>();
    const board: { stats: StepStats | null } = { stats: null };
    dash.on(REGION_EV.hall, (h: HallLive) => {
      const hall = byId.get(h.hallId);
      if (hall && board.stats) hall.shown(h.highWater, wallMs(), board.stats);
    });
    const load = async (n: number, seconds: number) => {
      if (halls.length < n) await grow(n);
      for (const h of halls.slice(0, n)) byId.set(h.id, h);
      await db.query('CHECKPOINT');
      const r = await runLoad(halls.slice(0, n), seconds, t, trees, board);
      byId.clear();
      return r;
    };

    // --- search: double while sustained, then bisect once between the last sustained and the first failed step
    const tried: string[] = [];
    let best = 0;
    let failed = 0;
    for (const n of o.steps) {
      const r = await load(n, o.stepSeconds);
      log(`  ${describeStep(n, r)}`);
      tried.push(`${n}${sustained(r.stats) ? '✓' : '✗'}`);
      if (!sustained(r.stats)) {
        failed = n;
        break;
      }
      best = n;
    }
    if (failed && best) {
      const mid = Math.round((best + failed) / 2 / 50) * 50;
      if (mid > best && mid < failed) {
        const r = await load(mid, o.stepSeconds);
        log(`  ${describeStep(mid, r)}`);
        tried.push(`${mid}${sustained(r.stats) ? '✓' : '✗'}`);
        if (sustained(r.stats)) best = mid;
      }
    }

    // --- the fixed load: CPU per batch and per event, batches/s, dashboard lag
    const n = o.fixedHalls;
    // what each process spends with no hall sending (PostgreSQL's background workers, timers), same halls registered:
    // taken off the loaded window's CPU, so the figures are per batch, not per second of run
    await new Promise((r) => setTimeout(r, 500));
    const idleWindow = cpuWindow(trees);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const idle = idleWindow.stop();
    log(`  idle, ${n} halls registered: ${describeSplit(idle)}`);
    // a same-run yardstick: PostgreSQL's CPU for one bare round trip (`SELECT 1`, a prepared statement) over the Unix socket
    const bare = new pg.Client({ connectionString: url });
    await bare.connect();
    const rtWindow = cpuWindow({ postgres: trees.postgres });
    for (let i = 0; i < ROUND_TRIPS; i++) await bare.query({ name: 'bare', text: 'SELECT 1' });
    const rt = rtWindow.stop();
    await bare.end();
    const rtUs = (rt.trees.postgres * 1000) / ROUND_TRIPS;
    log(`  ${ROUND_TRIPS} bare round trips: ${describeSplit(rt, { count: ROUND_TRIPS, unit: 'round trip' })}`);
    if (pgss) await db.query('SELECT pg_stat_statements_reset()');
    const pgKinds = pgWindow(cluster.pid!);
    const r = await load(n, o.fixedSeconds);
    const kinds = pgKinds.stop();
    const s = r.stats;
    log(`  fixed: ${describeStep(n, r)}`);
    const c: Record<string, number> = {};
    for (const [k, ms] of Object.entries(r.cpu.trees)) c[k] = Math.max(0, ms - (k === 'self' ? 0 : (idle.trees[k] * r.cpu.wallMs) / idle.wallMs));
    const net = { ...r.cpu, trees: c };
    log(`  CPU per batch at ${n} halls (idle taken off): ${describeSplit(net, { count: s.batches, unit: 'batch' })}`);
    log(`  CPU per event at ${n} halls (idle taken off): ${describeSplit(net, { count: s.events, unit: 'event' })}`);
    const pgAll = Object.values(kinds).reduce((a, b) => a + b, 0) || 1;
    log(`  PostgreSQL's CPU by process (the window and its warm-up second): ${Object.entries(kinds).map(([k, ms]) => `${k} ${((ms * 100) / pgAll).toFixed(0)} %`).join(', ')}`);
    if (pgss) {
      log(`  statements (${s.batches} batches in the window, and the warm-up second's):`);
      await statementsReport(db, log);
      const plan = await db.query(`SELECT calls, total_plan_time, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 50) AS q FROM pg_stat_statements WHERE total_plan_time > 0 AND calls > 0 ORDER BY total_plan_time DESC LIMIT 4`);
      for (const x of plan.rows) log(`    planning ${(x.total_plan_time / x.calls).toFixed(2)} ms/call (${x.calls} calls) ${x.q}`);
    }
    const perBatch = (ms: number) => (ms * 1000) / s.batches;
    const perEvent = (ms: number) => (ms * 1000) / s.events;
    const cpuCase = (what: string, ms: number, idleMs = 0) =>
      benchCase(`region live ${n} halls: CPU per batch, ${what}`, perBatch(ms), 'µs', null, null, `${perEvent(ms).toFixed(1)} µs/event, ${(ms / r.cpu.wallMs).toFixed(2)} cores (idle ${(idleMs / idle.wallMs).toFixed(2)} cores taken off)`);
    const evPerBatch = s.events / s.batches;
    return [
      benchCase('region live: most halls sustained at 1 batch/s each (2 nodes)', best, 'halls', null, null, `steps ${tried.join(' ')}; sustained: ≥ ${ON_TIME * 100} % of ticks on time, answer p99 < 1 s`),
      benchCase(`region live ${n} halls: batches/s`, s.batches / r.wallS, 'batches/s', null, null, `${(s.events / r.wallS).toFixed(0)} events/s, ${evPerBatch.toFixed(2)} events/batch, ${s.late} of ${s.ticks} ticks late, answer p99 ${percentile(s.answerMs, 99).toFixed(0)} ms${s.errors.length ? `, ${s.errors.length} errors` : ''}`),
      cpuCase('PostgreSQL', c.postgres, idle.trees.postgres),
      benchCase(`region live ${n} halls: PostgreSQL CPU per batch vs one bare round trip`, perBatch(c.postgres), 'µs', rtUs, null, `${ROUND_TRIPS} × SELECT 1 over the Unix socket in the same run; a batch is ~6 statements`),
      cpuCase('node A', c.nodeA, idle.trees.nodeA),
      cpuCase('node B', c.nodeB, idle.trees.nodeB),
      cpuCase('Redis', c.redis, idle.trees.redis),
      cpuCase('bench (halls and dashboard)', c.self),
      benchCase(`region live ${n} halls: CPU per batch, PostgreSQL + nodes + Redis`, perBatch(c.postgres + c.nodeA + c.nodeB + c.redis), 'µs', null, null, `${perEvent(c.postgres + c.nodeA + c.nodeB + c.redis).toFixed(1)} µs/event`),
      benchCase(`region live ${n} halls: dashboard lag p50 (node A batch → node B socket)`, percentile(s.lagMs, 50), 'ms', null, null, `${s.lagMs.length} batches of node A's halls`),
      benchCase(`region live ${n} halls: dashboard lag p99`, percentile(s.lagMs, 99), 'ms', null, null, 'plus up to the uplink idle poll (1 s) at the hall'),
    ];
  } finally {
    dash?.close();
    for (const c of clients) c.close();
    await db.end().catch(() => undefined);
    await Promise.all(nodes.map((x) => x.stop()));
    await Promise.all([cluster.stop(), redis.stop()]);
  }
}
