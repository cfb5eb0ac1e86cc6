/**
 * Where one region ingest batch spends its time: a private PostgreSQL, the Ingest use
 * case called directly (no HTTP, no second node), `halls` halls × `batches` batches of
 * 500 events of the bench's mix, one batch at a time; every statement is timed by kind.
 * `node --import tsx bench/profile-ingest.ts [halls] [batches]`. Prints a table.
 */
import pino from 'pino';
import { Ingest } from '../region/app/ingest.js';
import { migrate, openPool } from '../region/store/db.js';
import { Partitions } from '../region/store/partitions.js';
import { TestPostgres } from '../test/helpers/pg.js';
import { BENCH_DAY, hallEvents } from './cases/region.js';

const halls = Number(process.argv[2] ?? 10);
const batches = Number(process.argv[3] ?? 10);
const BATCH = 500;
void pino;

const pgc = await TestPostgres.start();
try {
  const pool = openPool(await pgc.createDatabase('profile'));
  await migrate(pool);
  const partitions = new Partitions(pool);
  await partitions.ensureAhead(new Date(`${BENCH_DAY}T00:00:00Z`));
  for (let h = 0; h < halls; h++) await pool.query('INSERT INTO halls (id, name) VALUES ($1, $1)', [`p${h}`]);

  const spent = new Map<string, { n: number; ms: number }>();
  const label = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 48);
  const connect = pool.connect.bind(pool);
  (pool as any).connect = async () => {
    const c = await connect();
    if (!(c as any).__timed) {
      const q = c.query.bind(c);
      (c as any).query = async (sql: any, args?: any) => {
        const t0 = performance.now();
        try {
          return await q(sql, args);
        } finally {
          const k = label(typeof sql === 'string' ? sql : sql.text);
          const e = spent.get(k) ?? { n: 0, ms: 0 };
          e.n++;
          e.ms += performance.now() - t0;
          spent.set(k, e);
        }
      };
      (c as any).__timed = true;
    }
    return c;
  };
  const ingest = new Ingest(pool, partitions, () => {});
  const streams = Array.from({ length: halls }, (_, h) => hallEvents(batches * BATCH, 1, Date.parse(`${BENCH_DAY}T01:00:00Z`) + h));
  const t0 = performance.now();
  for (let b = 0; b < batches; b++) {
    for (let h = 0; h < halls; h++) {
      const events = streams[h].slice(b * BATCH, (b + 1) * BATCH);
      await ingest.batch(`p${h}`, { after: b * BATCH, events });
    }
  }
  const wall = performance.now() - t0;
  const total = halls * batches * BATCH;
  const inDb = [...spent.values()].reduce((a, e) => a + e.ms, 0);
  console.log(`${total} events in ${(wall / 1000).toFixed(2)} s = ${Math.round(total / (wall / 1000))} events/s (one batch at a time); statements ${Math.round((inDb / wall) * 100)} % of the time`);
  console.log('ms per batch | calls per batch | statement');
  for (const [k, e] of [...spent].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`${(e.ms / (halls * batches)).toFixed(2).padStart(8)} | ${(e.n / (halls * batches)).toFixed(1).padStart(5)} | ${k}`);
  }
  await pool.end();
} finally {
  await pgc.stop();
}
