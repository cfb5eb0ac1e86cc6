/**
 * Where one region ingest batch spends its time: a private PostgreSQL, the Ingest use
 * case called directly (no HTTP, no second node), `halls` halls × `batches` batches of
 * 500 events of the bench's mix, one batch at a time; every statement is timed by kind.
 * `node --import tsx bench/profile-ingest.ts [halls] [batches] [--explain]`. Prints a table,
 * the CPU of this process and of PostgreSQL per event, and with `--explain` the time of
 * each part (CTE) of the batch's writing statement from EXPLAIN (ANALYZE, BUFFERS) of every
 * batch after the first round (EXPLAIN runs the statement: the rows are stored as usual).
 */
import pino from 'pino';
import { Ingest } from '../region/app/ingest.js';
import { migrate, openPool } from '../region/store/db.js';
import { Partitions } from '../region/store/partitions.js';
import { TestPostgres } from '../test/helpers/pg.js';
import { BENCH_DAY, hallEvents } from './cases/region.js';
import { cpuWindow, describeSplit } from './lib/cpu-split.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const explain = process.argv.includes('--explain');
const halls = Number(args[0] ?? 10);
const batches = Number(args[1] ?? 10);
/** Events per batch (`PROFILE_BATCH=4`: a caught-up hall's live batch). */
const BATCH = Number(process.env.PROFILE_BATCH ?? 500);
void pino;

const pgc = await TestPostgres.start({ settings: Object.fromEntries((process.env.ONESTOP_BENCH_PG ?? '').split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])) });
try {
  const pool = openPool(await pgc.createDatabase('profile'));
  await migrate(pool);
  const partitions = new Partitions(pool);
  await partitions.ensureAhead(new Date(`${BENCH_DAY}T00:00:00Z`));
  for (let h = 0; h < halls; h++) await pool.query('INSERT INTO halls (id, name) VALUES ($1, $1)', [`p${h}`]);

  const spent = new Map<string, { n: number; ms: number }>();
  /** Per part of the writing statement (EXPLAIN ANALYZE): ms and buffers summed over the explained batches. */
  const parts = new Map<string, { ms: number; hit: number; dirtied: number; rows: number }>();
  let explained = 0;
  let explainOn = false;
  const addPlan = (node: any, name: string) => {
    const e = parts.get(name) ?? { ms: 0, hit: 0, dirtied: 0, rows: 0 };
    e.ms += node['Actual Total Time'] * node['Actual Loops'];
    e.hit += node['Shared Hit Blocks'] ?? 0;
    e.dirtied += node['Shared Dirtied Blocks'] ?? 0;
    e.rows += node['Actual Rows'] ?? 0;
    parts.set(name, e);
  };
  const label = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 48);
  const connect = pool.connect.bind(pool);
  (pool as any).connect = async () => {
    const c = await connect();
    if (!(c as any).__timed) {
      const q = c.query.bind(c);
      const record = (sql: any, t0: number) => {
        const k = label(typeof sql === 'string' ? sql : sql.text);
        const e = spent.get(k) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += performance.now() - t0;
        spent.set(k, e);
      };
      (c as any).query = (sql: any, args?: any) => {
        const t0 = performance.now();
        // a submittable (the COPY of a bulk batch's events) ends through its callback
        if (typeof sql === 'object' && typeof sql.submit === 'function') {
          const done = sql.callback;
          sql.callback = (err: unknown, r: unknown) => (record(sql, t0), done(err, r));
          return q(sql);
        }
        const run = async () => {
          if (explainOn && typeof sql === 'object' && String(sql.name).startsWith('region-write-batch')) {
            const r = await q(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql.text}`, sql.values);
            const top = r.rows[0]['QUERY PLAN'][0];
            explained++;
            addPlan({ 'Actual Total Time': top['Execution Time'], 'Actual Loops': 1 }, '(execution, all parts)');
            addPlan({ 'Actual Total Time': top['Planning Time'], 'Actual Loops': 1 }, '(planning)');
            for (const sub of top.Plan.Plans ?? []) addPlan(sub, sub['Subplan Name'] ?? sub['Node Type']);
            for (const t of top.Triggers ?? []) addPlan({ 'Actual Total Time': t.Time, 'Actual Loops': 1 }, `trigger ${t['Trigger Name']}`);
            return r;
          }
          return q(sql, args);
        };
        return run().finally(() => record(sql, t0));
      };
      (c as any).__timed = true;
    }
    return c;
  };
  const ingest = new Ingest(pool, partitions, () => {});
  const streams = Array.from({ length: halls }, (_, h) => hallEvents(batches * BATCH, 1, Date.parse(`${BENCH_DAY}T01:00:00Z`) + h));
  const cpu = cpuWindow({ postgres: [pgc.pid!] });
  const t0 = performance.now();
  for (let b = 0; b < batches; b++) {
    explainOn = explain && b > 0;
    for (let h = 0; h < halls; h++) {
      const events = streams[h].slice(b * BATCH, (b + 1) * BATCH);
      await ingest.batch(`p${h}`, { after: b * BATCH, events });
    }
  }
  const wall = performance.now() - t0;
  const total = halls * batches * BATCH;
  console.log(`CPU: ${describeSplit(cpu.stop(), { count: total, unit: 'event' })}`);
  const inDb = [...spent.values()].reduce((a, e) => a + e.ms, 0);
  console.log(`${total} events in ${(wall / 1000).toFixed(2)} s = ${Math.round(total / (wall / 1000))} events/s (one batch at a time); statements ${Math.round((inDb / wall) * 100)} % of the time`);
  console.log('ms per batch | calls per batch | statement');
  for (const [k, e] of [...spent].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`${(e.ms / (halls * batches)).toFixed(2).padStart(8)} | ${(e.n / (halls * batches)).toFixed(1).padStart(5)} | ${k}`);
  }
  if (explained) {
    console.log(`EXPLAIN (ANALYZE, BUFFERS) of the writing statement, ${explained} batches: ms per batch | blocks hit | dirtied | rows | part`);
    for (const [k, e] of parts) console.log(`${(e.ms / explained).toFixed(2).padStart(8)} | ${(e.hit / explained).toFixed(0).padStart(6)} | ${(e.dirtied / explained).toFixed(1).padStart(6)} | ${(e.rows / explained).toFixed(0).padStart(5)} | ${k}`);
  }
  await pool.end();
} finally {
  await pgc.stop();
}
