/**
 * Region (issue 14): two `npm run region` nodes on a private PostgreSQL 15 and Redis,
 * simulated halls posting uplink batches over loopback HTTP, all on this machine.
 * - ingest: events/s from `halls` halls at once (batches of 500, each hall in order,
 *   even halls to node A, odd to node B), against a raw COPY of the same rows into the
 *   same tables in the same run: every row the ingest stored (events, live tickets and
 *   windows, alerts, daily aggregates, samples, ratings) copied in again under other hall
 *   ids; and, for reference, a COPY of the events alone into `events`;
 * - dashboard lag: three probe halls each post one event to node A every 100 ms during
 *   the ingest; a /region socket on node B times each until the hall's update arrives;
 * - catch-up: 100 halls come back after 10 minutes offline. A hall's live rate is
 *   10,000 tickets × 6 events over an 8-hour day = 2.08 events/s, so 10 minutes leave
 *   1,250 events; the time is not scaled: the backlog is what 10 minutes produce, and
 *   each hall's drain is timed as the uplink sends it (full batches back to back).
 */
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { io as ioClient } from 'socket.io-client';
import { REGION_EV, REGION_NS, type HallLive, type UplinkEvent } from '../../common/region.js';
import { requirePostgres, TestPostgres } from '../../test/helpers/pg.js';
import { requireRedis, TestRedis } from '../../test/helpers/redis.js';
import { RegionProcess, regionAdmin } from '../../test/region/support.js';
import { cpuWindow, describeSplit } from '../lib/cpu-split.js';
import { JsonClient } from '../lib/http.js';
import { benchCase, type BenchCase } from '../lib/report.js';
import { percentile, wallMs } from '../lib/stats.js';

const LIVE_RATE = (10_000 * 6) / (8 * 3600); // events/s of a busy county hall
const BACKLOG = Math.round(LIVE_RATE * 600);
const BATCH = 500;
/** Probe halls posting one event every 100 ms to node A during the ingest (three, so p99 rests on ≥ 30 samples). */
const PROBES = 3;

/** The simulated hall day: yesterday (UTC), so the region's date floor never refuses it and a long stream stays in the past. */
export const BENCH_DAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** A hall day's event mix: issue, call, start (half), finish or no-show, a rating for 40 %, a window event now and then. */
export function hallEvents(n: number, startSeq = 1, t0 = Date.parse(`${BENCH_DAY}T01:00:00Z`)): UplinkEvent[] {
  const out: UplinkEvent[] = [];
  let seq = startSeq;
  let t = t0;
  const at = () => new Date((t += 700)).toISOString();
  for (let i = 0; out.length < n; i++) {
    const id = `t${seq}`;
    const w = `w${1 + (i % 8)}`;
    const svc = `s${1 + (i % 6)}`;
    const push = (type: string, data: Record<string, unknown>, windowId: string | null = null) => out.push({ seq: seq++, at: at(), type, windowId, ticketId: id, data: { type, ...data } });
    push('ticket.issued', { ticket: { id, number: `A${i}`, serviceId: svc, businessDay: new Date(t0).toISOString().slice(0, 10), status: 'waiting', priority: 'normal' } });
    push('ticket.called', { ticketId: id, windowId: w }, w);
    if (i % 2 === 0) push('ticket.started', { ticketId: id }, w);
    if (i % 10 === 9) push('ticket.no_show', { ticketId: id, automatic: false }, w);
    else push('ticket.finished', { ticketId: id }, w);
    if (i % 5 < 2) push('rating.given', { ticketId: id, windowId: w, grade: 1 + (i % 5) * 2, reasons: [], source: 'evaluator' }, w);
    if (i % 50 === 0) out.push({ seq: seq++, at: at(), type: 'window.opened', windowId: w, ticketId: null, data: { type: 'window.opened', windowId: w } });
  }
  return out.slice(0, n);
}

/**
 * A simulated hall's uplink: one keep-alive connection (node:http, as the hall's own uplink
 * holds one), bodies encoded once. The load generator shares the cores with what it measures:
 * `fetch` (undici) cost the bench ~18 µs of CPU per event posted, node:http 5–7 µs (bench.md).
 */
export function uplink(base: string, hallId: string, token: string) {
  const client = new JsonClient(base, token);
  return async (body: Buffer): Promise<void> => {
    const r = await client.post(`/region/v1/halls/${hallId}/events`, body);
    if (r.status !== 200) throw new Error(`${hallId}: ${r.status} ${JSON.stringify(r.body)}`);
  };
}

/** Posts a hall's events in batches of 500, in order; returns the wall ms it took. */
async function stream(base: string, hallId: string, token: string, batches: Buffer[]): Promise<number> {
  const post = uplink(base, hallId, token);
  const t0 = wallMs();
  for (const b of batches) await post(b);
  return wallMs() - t0;
}

/** A hall's backlog as the uplink sends it: batches after the last acknowledged event, each naming where the hall's log ends. */
const batchesOf = (events: UplinkEvent[]) => {
  const out: Buffer[] = [];
  const end = events.at(-1)!;
  const head = { seq: end.seq, at: end.at };
  for (let i = 0; i < events.length; i += BATCH) out.push(Buffer.from(JSON.stringify({ after: i === 0 ? events[0].seq - 1 : events[i - 1].seq, events: events.slice(i, i + BATCH), head })));
  return out;
};

/**
 * The bench cluster runs with the test clusters' settings (test/helpers/pg.ts: fsync=off, shared_buffers=32MB,
 * 200 connections), for the ingest and the COPY baseline alike: shared_buffers=256MB, wal_buffers=16MB and
 * max_wal_size=2GB (docs/scale.md's recommendation) measured no lower CPU per event here (bench.md).
 * `ONESTOP_BENCH_PG="name=value,…"` adds settings (experiments); `ONESTOP_BENCH_PGSS=1` loads
 * pg_stat_statements and prints the ingest's statements.
 */
export function clusterSettings(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of (process.env.ONESTOP_BENCH_PG ?? '').split(',').filter(Boolean)) out[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
  if (process.env.ONESTOP_BENCH_PGSS === '1') out.shared_preload_libraries = 'pg_stat_statements';
  return out;
}

export async function statementsReport(db: pg.Pool, log: (s: string) => void): Promise<void> {
  const r = await db.query(`SELECT calls, total_exec_time, rows, shared_blks_hit, shared_blks_read, shared_blks_dirtied, wal_bytes, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 70) AS q
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 8`);
  for (const x of r.rows) {
    log(`    ${Number(x.total_exec_time).toFixed(0).padStart(7)} ms ${String(x.calls).padStart(6)} calls ${(x.total_exec_time / x.calls).toFixed(2).padStart(8)} ms/call  hit ${x.shared_blks_hit} read ${x.shared_blks_read} dirtied ${x.shared_blks_dirtied} wal ${(Number(x.wal_bytes) / 1e6).toFixed(1)} MB  ${x.q}`);
  }
}

/** Rounds of the COPY baseline (its median is the baseline). */
const COPY_ROUNDS = 3;

/** The tables an uplink batch writes rows into (region/store/batch-write.ts). */
const PROJECTED_TABLES = ['events', 'live_tickets', 'ticket_samples', 'ratings', 'live_windows', 'live_alerts', 'daily_service'];

export async function regionCases(halls: number, batchesPerHall: number, catchUpHalls: number, log: (s: string) => void): Promise<BenchCase[]> {
  if (!requirePostgres() || !requireRedis()) return [];
  const settings = clusterSettings();
  const [cluster, redis] = await Promise.all([TestPostgres.start({ settings }), TestRedis.start()]);
  const nodes: RegionProcess[] = [];
  const db = new pg.Pool({ connectionString: cluster.url('region'), max: 2 });
  db.on('error', () => undefined);
  const csv = join(cluster.dir, 'copy.csv');
  try {
    await cluster.createDatabase('region');
    // the nodes reach PostgreSQL over its Unix socket, as nodes on the database's machine do (README):
    // over loopback TCP every round trip cost the node and PostgreSQL ~40 % more CPU (bench.md)
    const url = cluster.socketUrl('region');
    nodes.push(await RegionProcess.start(url, redis.url), await RegionProcess.start(url, redis.url));
    const admin = await regionAdmin(nodes[0].url);
    const register = async (id: string) => (await admin.post('/region/v1/halls', { id, name: id, area: 'bench' })).body.token as string;
    const tokens = new Map<string, string>();
    for (let h = 0; h < halls; h++) tokens.set(`ingest-${h}`, await register(`ingest-${h}`));
    for (let h = 0; h < catchUpHalls; h++) tokens.set(`catchup-${h}`, await register(`catchup-${h}`));
    for (let p = 0; p < PROBES; p++) tokens.set(`probe-${p}`, await register(`probe-${p}`));
    const nodeOf = (h: number) => nodes[h % 2].url;
    const pgss = settings.shared_preload_libraries?.includes('pg_stat_statements');
    if (pgss) await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const trees = { postgres: [cluster.pid!], nodeA: [nodes[0].proc!.pid!], nodeB: [nodes[1].proc!.pid!], redis: [redis.pid!] };

    // --- ingest with the dashboard probe
    const perHall = batchesPerHall * BATCH;
    const events = hallEvents(perHall);
    const batches = batchesOf(events);
    const dash = ioClient(nodes[1].url + REGION_NS, { auth: { token: admin.token }, transports: ['websocket'], forceNew: true });
    await new Promise<void>((ok, fail) => (dash.once('halls', () => ok()), dash.once('connect_error', fail)));
    const sent = new Map<string, number>();
    const lags: number[] = [];
    /** How long node A took to answer the probe's POST (the commit), against the lag to node B's socket (commit + push + fan-out). */
    const acked: number[] = [];
    dash.on(REGION_EV.hall, (h: HallLive) => {
      const key = `${h.hallId}:${h.highWater}`;
      const t = sent.get(key);
      if (t !== undefined) (lags.push(wallMs() - t), sent.delete(key));
    });
    let probing = true;
    const probe = (hallId: string) =>
      (async () => {
        const ev = hallEvents(100_000);
        const post = uplink(nodes[0].url, hallId, tokens.get(hallId)!);
        for (let i = 0; probing; i++) {
          const t = wallMs();
          sent.set(`${hallId}:${ev[i].seq}`, t);
          await post(Buffer.from(JSON.stringify({ after: i, events: [ev[i]], head: { seq: ev[i].seq, at: ev[i].at } })));
          acked.push(wallMs() - t);
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
    const probes = Array.from({ length: PROBES }, (_, p) => probe(`probe-${p}`));
    log(`  ingest: ${halls} halls × ${perHall} events`);
    if (pgss) await db.query('SELECT pg_stat_statements_reset()');
    // each measured phase starts right after a checkpoint, so that neither pays for one the other caused
    await db.query('CHECKPOINT');
    const ingestCpu = cpuWindow(trees);
    const t0 = wallMs();
    await Promise.all(Array.from({ length: halls }, (_, h) => stream(nodeOf(h), `ingest-${h}`, tokens.get(`ingest-${h}`)!, batches)));
    const ingestMs = wallMs() - t0;
    const ingestSplit = ingestCpu.stop();
    probing = false;
    await Promise.all(probes);
    await new Promise((r) => setTimeout(r, 500));
    dash.close();
    const total = halls * perHall;
    const rate = total / (ingestMs / 1000);
    log(`  CPU during the ingest (self = the bench: halls' HTTP client and probes): ${describeSplit(ingestSplit, { count: total, unit: 'event' })}`);
    if (pgss) await statementsReport(db, log);

    // --- raw COPY of the same rows into the same tables: every row the ingest stored (its events and the
    // projection rows they moved), read back and copied in again under other hall ids: what PostgreSQL alone
    // takes for that data, without HTTP, the nodes or the projection's work (the target's baseline)
    // Copied COPY_ROUNDS times under fresh hall ids, each round after a checkpoint; the median round is the
    // baseline: on this VM one short COPY's rate swung by 2× between quiet runs (10.6–22.6 µs of PostgreSQL per event).
    const copyRates: number[] = [];
    const copyPgMs: number[] = [];
    let copiedRows = 0;
    for (let round = 0; round < COPY_ROUNDS; round++) {
      const prefix = `copy${round}-`;
      await db.query(`INSERT INTO halls (id, name, area) SELECT $1 || substr(id, 8), name, area FROM halls WHERE id LIKE 'ingest-%'`, [prefix]);
      const files: { table: string; columns: string; file: string; rows: number }[] = [];
      for (const table of PROJECTED_TABLES) {
        const cols = (
          await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND column_name <> 'feed_xid' AND is_generated = 'NEVER' ORDER BY ordinal_position`, [table])
        ).rows.map((r) => r.column_name as string);
        const file = join(cluster.dir, `copy-${table}.csv`);
        const select = cols.map((c) => (c === 'hall_id' ? `'${prefix}' || substr(hall_id, 8)` : c)).join(', ');
        const out = await db.query(`COPY (SELECT ${select} FROM ${table} WHERE hall_id LIKE 'ingest-%') TO '${file}' WITH (FORMAT csv)`);
        files.push({ table, columns: cols.join(', '), file, rows: out.rowCount ?? 0 });
      }
      await db.query('CHECKPOINT');
      const copyCpu = cpuWindow(trees);
      const a0 = wallMs();
      for (const f of files) await db.query(`COPY ${f.table} (${f.columns}) FROM '${f.file}' WITH (FORMAT csv)`);
      copyRates.push(total / ((wallMs() - a0) / 1000));
      const copySplit = copyCpu.stop();
      copyPgMs.push(copySplit.trees.postgres);
      log(`  CPU during COPY round ${round + 1} of the same rows (${copyRates.at(-1)!.toFixed(0)} events/s): ${describeSplit(copySplit, { count: total, unit: 'event' })}`);
      copiedRows = files.reduce((n, f) => n + f.rows, 0);
      for (const f of files) rmSync(f.file, { force: true });
      // each round copies into tables of the same size as the first: this round's rows go again
      if (round < COPY_ROUNDS - 1) {
        for (const f of files) await db.query(`DELETE FROM ${f.table} WHERE hall_id LIKE $1`, [`${prefix}%`]);
        await db.query(`VACUUM ${PROJECTED_TABLES.join(', ')}`);
      }
    }
    // the median round: its rate is the baseline, its PostgreSQL CPU the reference line's
    const median = copyRates.map((rate, i) => ({ rate, pgMs: copyPgMs[i] })).sort((a, b) => a.rate - b.rate)[Math.floor(COPY_ROUNDS / 2)];
    const copyAllRate = median.rate;

    // --- for reference: a raw COPY of the events alone (no projection rows) into the events table
    const lines: string[] = [];
    for (let h = 0; h < halls; h++) {
      for (const e of events) {
        lines.push([`copyev-${h}`, e.seq, e.at, e.type, e.windowId ?? '', e.ticketId ?? '', `"${JSON.stringify(e.data).replace(/"/g, '""')}"`].join(','));
      }
    }
    writeFileSync(csv, lines.join('\n') + '\n');
    chmodSync(csv, 0o644);
    lines.length = 0;
    const c0 = wallMs();
    await db.query(`COPY events (hall_id, seq, at, type, window_id, ticket_id, data) FROM '${csv}' WITH (FORMAT csv, NULL '')`);
    const copyRate = total / ((wallMs() - c0) / 1000);
    log(`  ingest ${rate.toFixed(0)} events/s; COPY of the same ${copiedRows} rows (events and projections) ${copyAllRate.toFixed(0)} events/s (median of ${copyRates.map((r) => r.toFixed(0)).join(', ')}; best ${Math.max(...copyRates).toFixed(0)}: ratio ${(rate / Math.max(...copyRates)).toFixed(3)} against it); COPY of the events alone ${copyRate.toFixed(0)} rows/s; ${lags.length} probe updates`);
    log(`  probe POST answered: p50 ${percentile(acked, 50).toFixed(0)} ms, p99 ${percentile(acked, 99).toFixed(0)} ms (of ${acked.length})`);

    // --- catch-up: 100 halls, 10 minutes of backlog each, all back at once
    const backlog = batchesOf(hallEvents(BACKLOG));
    const drains = await Promise.all(Array.from({ length: catchUpHalls }, (_, h) => stream(nodeOf(h), `catchup-${h}`, tokens.get(`catchup-${h}`)!, backlog)));
    const slowest = Math.max(...drains);
    const catchUpRate = BACKLOG / (slowest / 1000);
    const p99 = percentile(lags, 99);
    // what it costs: bytes on the wire per event (JSON batches, uncompressed) and stored per event (events partitions with indexes)
    const wire = batches.reduce((n, b) => n + b.length, 0) / perHall;
    const stored = (
      await db.query(`SELECT (SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'events'::regclass) / (SELECT count(*) FROM events) AS b`)
    ).rows[0].b;
    log(`  ${wire.toFixed(0)} bytes/event on the wire, ${Number(stored).toFixed(0)} bytes/event stored (with indexes)`);
    return [
      benchCase(`region ingest: ${halls} halls → 2 nodes (events/s)`, rate, 'events/s', null, { text: '≥ 20,000', pass: (v) => v >= 20_000 }, `${total} events in ${(ingestMs / 1000).toFixed(1)} s`),
      benchCase('region ingest vs raw COPY of the same rows into the same tables', rate, 'events/s', copyAllRate, { text: 'ratio ≥ 0.5', pass: (_v, r) => r !== null && r >= 0.5 }, `${copiedRows} rows: the events and the projection rows they moved; median of ${COPY_ROUNDS} rounds`),
      // PostgreSQL's CPU per event in the COPY against in the ingest: what PostgreSQL alone spends, as if the nodes
      // ran elsewhere (reference only: fsync=off leaves out the WAL flush of each batch's commit)
      benchCase(
        'region ingest vs raw COPY, PostgreSQL CPU efficiency (CPU per event only; reference)',
        (total * 1000) / ingestSplit.trees.postgres,
        'events per PostgreSQL core-second',
        (total * 1000) / median.pgMs,
        null,
        `PostgreSQL ${((ingestSplit.trees.postgres * 1000) / total).toFixed(1)} µs/event in the ingest, ${((median.pgMs * 1000) / total).toFixed(1)} in the COPY (median round); CPU only: fsync=off, no WAL flush per commit`,
      ),
      benchCase('region ingest vs raw COPY of the events alone (reference)', rate, 'events/s', copyRate, null, 'COPY moves no projection rows'),
      benchCase('region dashboard lag (node A ingest → node B socket): p50', percentile(lags, 50), 'ms', null, null, `${lags.length} samples during the ingest load`),
      benchCase('region dashboard lag: p99', p99, 'ms', null, { text: '≤ 2,000 ms', pass: (v) => v <= 2000 }, 'plus the hall uplink poll when caught up (idle 1 s)'),
      benchCase('region uplink bytes per event on the wire (JSON, uncompressed)', wire, 'B', null, null),
      benchCase('region events stored per event (partitions with their indexes)', Number(stored), 'B', null, null),
      benchCase(`region catch-up: ${catchUpHalls} halls × 10 min backlog (${BACKLOG} events)`, catchUpRate, 'events/s per hall', LIVE_RATE, { text: 'ratio ≥ 10', pass: (_v, r) => r !== null && r >= 10 }, `slowest hall drained in ${(slowest / 1000).toFixed(1)} s`),
    ];
  } finally {
    rmSync(csv, { force: true });
    await db.end().catch(() => undefined);
    await Promise.all(nodes.map((n) => n.stop()));
    await Promise.all([cluster.stop(), redis.stop()]);
  }
}
