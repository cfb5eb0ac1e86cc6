/**
 * The region's chaos run, shared by the quick variant (`npm test`) and the long one
 * (`npm run test:chaos`): real hall server processes stream through loopback proxies
 * to two `npm run region` nodes on a private PostgreSQL and Redis while every kind of
 * ticket flows at each hall (chaos-load.ts: plain tickets, restored no-shows, online
 * numbers that arrive or expire, transfers, joint cases, call-ticket and recall,
 * ratings). Faults, one after another: kill -9 of a region node (restarted), a
 * PostgreSQL restart (immediate stop = crash), the hall→region link cut (reset) and
 * blackholed (no answer), a hall killed with -9 and restarted with a backlog. During
 * each fault every hall must keep issuing (the check waits for fresh tickets at each
 * hall; a stall fails it) and no action may fail. Afterwards each hall's stream in the
 * region is complete and single (count = distinct seqs = the hall's head), the region's
 * report equals the hall's own report row by row and in the month totals (every figure
 * both have), and the hall's report counts each kind the load did.
 */
import pg from 'pg';
import { expect } from 'vitest';
import type { RegionReport } from '../../common/region.js';
import { BENCH_ADMIN_PASSWORD, removeDir, startServer, tempDir, type ServerProc } from '../../bench/lib/proc.js';
import { Api } from '../helpers/hall.js';
import { TestPostgres } from '../helpers/pg.js';
import { freePort, waitFor } from '../helpers/ports.js';
import { RecordingProxy } from '../helpers/proxy.js';
import { TestRedis } from '../helpers/redis.js';
import { Load, prepareHall } from './chaos-load.js';
import { RegionProcess, regionAdmin } from './support.js';

export interface ChaosOptions {
  halls: number;
  /** How many times the whole fault sequence runs. */
  rounds: number;
  /** Tickets each hall must issue during every fault. */
  ticketsPerFault: number;
  /** Also kill -9 a hall with a backlog and restart it (default true; the quick variant leaves it to the long one). */
  restartHall?: boolean;
  /**
   * Wait for online numbers to expire and check that they did (a minute after they were taken, on
   * the halls' real clocks: the long variant runs long enough; the quick one does not wait).
   */
  expiry?: boolean;
  log?: (line: string) => void;
}

const UPLINK = JSON.stringify({ idleMs: 100, minBackoffMs: 100, maxBackoffMs: 1000, requestTimeoutMs: 2000, batchSize: 200 });
interface Hall {
  id: string;
  dir: string;
  port: number;
  proc: ServerProc;
  proxy: RecordingProxy;
  admin: Api;
  load: Load;
}

export async function regionChaos(o: ChaosOptions): Promise<void> {
  const log = o.log ?? (() => undefined);
  const [cluster, redis] = await Promise.all([TestPostgres.start(), TestRedis.start()]);
  const url = await cluster.createDatabase('chaos');
  const nodes = [await RegionProcess.start(url, redis.url), await RegionProcess.start(url, redis.url)];
  const db = new pg.Pool({ connectionString: url, max: 2 });
  db.on('error', () => undefined);
  const halls: Hall[] = [];
  const dirs: string[] = []; // removed at the end even when a hall never came up
  try {
    const regionApi = await regionAdmin(nodes[0].url);
    for (let i = 0; i < o.halls; i++) {
      const id = `chaos-${i + 1}`;
      const token = (await regionApi.post('/region/v1/halls', { id, name: id, area: 'north' })).body.token;
      const dir = tempDir('onestop-chaos-');
      dirs.push(dir);
      const port = await freePort();
      const proc = await startServer(dir, { port, env: { BENCH_UPLINK: UPLINK } });
      const proxy = await RecordingProxy.start(nodes[i % 2].url);
      const admin = await Api.login(proc.url, 'admin', BENCH_ADMIN_PASSWORD);
      expect((await admin.req('PATCH', '/api/v1/admin/uplink', { enabled: true, url: proxy.url, hallId: id, token })).status).toBe(200);
      halls.push({ id, dir, port, proc, proxy, admin, load: new Load(await prepareHall(admin)) });
    }
    const uplink = async (h: Hall) => (await h.admin.get('/api/v1/admin/uplink')).body.state;

    /** Runs a fault: every hall (but `down`) must issue `ticketsPerFault` fresh tickets while it lasts. */
    const fault = async (name: string, start: () => Promise<void>, noticed: () => Promise<boolean>, end: () => Promise<void>, down?: Hall) => {
      log(`fault: ${name}`);
      await start();
      await waitFor(`${name}: an uplink to notice`, noticed, 60_000);
      const before = halls.map((h) => h.load.issued);
      await waitFor(`${name}: every hall to keep issuing`, () => halls.every((h, i) => h === down || h.load.issued >= before[i] + o.ticketsPerFault), 120_000);
      await end();
    };
    const disconnected = (hs: Hall[]) => async () => (await Promise.all(hs.map(uplink))).some((s) => !s.connected);

    for (let round = 0; round < o.rounds; round++) {
      const onA = halls.filter((_, i) => i % 2 === 0);
      const victim = nodes[round % 2];
      await fault('kill -9 of a region node', () => victim.stop('SIGKILL'), disconnected(round % 2 === 0 ? onA : halls.filter((_, i) => i % 2 === 1)), () => victim.start());
      await fault('PostgreSQL restart', () => cluster.stopServer('immediate'), disconnected(halls), () => cluster.startServer());
      const [cut, hole] = [halls[round % halls.length], halls[(round + 1) % halls.length]];
      await fault('link cut and blackholed', async () => (cut.proxy.down(), hole.proxy.blackhole()), disconnected([cut, hole]), async () => (cut.proxy.up(), hole.proxy.up()));
      // a hall restarted mid-stream: its link is cut so it holds a backlog, then it is killed and comes back
      if (o.restartHall === false) continue;
      const h = halls[(round + 2) % halls.length];
      h.proxy.down();
      await waitFor('a backlog at the hall', async () => (await uplink(h)).lagEvents > 0);
      await fault(
        'kill -9 of a hall with a backlog',
        async () => {
          await h.load.hold();
          await h.proc.kill('SIGKILL');
        },
        async () => true,
        async () => {
          h.proc = await startServer(h.dir, { port: h.port, env: { BENCH_UPLINK: UPLINK } });
          h.load.paused = false;
          h.proxy.up();
        },
        h,
      );
    }

    // a quick run may end before a hall's load came round to every kind both ways: it goes on until it has
    // (or until it failed: the failures are reported below)
    await waitFor('every hall to do every kind of ticket both ways', () => halls.every((h) => h.load.failures.length > 0 || Object.values(h.load.done).every((n) => n >= 2)), 120_000);
    for (const h of halls) await h.load.stop();
    // a region node that died in the faults fails the run here, with its last words (not after the catch-up wait)
    nodes.forEach((n, i) => expect(n.proc?.exitCode, `region node ${i} exited: ${n.output.slice(-2000)}`).toBe(null));
    for (const h of halls) {
      expect(h.load.failures, `${h.id}: an action failed during the faults`).toEqual([]);
      expect(h.proc.child.exitCode, `${h.id} exited: ${h.proc.stderr().slice(-2000)}`).toBe(null);
      let last: unknown = null;
      await waitFor(`${h.id} to catch up`, async () => {
        const s = (last = await uplink(h));
        return s.connected && s.lagEvents === 0;
      }, 300_000).catch(async (e) => {
        const region = await db.query('SELECT * FROM hall_uplink WHERE hall_id = $1', [h.id]).catch((err) => ({ rows: [String(err)] }));
        const locks = await db.query(`SELECT pid, state, wait_event_type, left(query, 80) AS q FROM pg_stat_activity WHERE datname = 'chaos'`).catch(() => ({ rows: [] }));
        const target = nodes[halls.indexOf(h) % 2];
        const direct = await fetch(`${target.url}/region/v1/health`).then((r) => `HTTP ${r.status}`, (err) => `${err.message} ${err.cause?.code ?? ''}`);
        const nodeState = nodes.map((n, i) => `node ${i} port ${n.port} pid ${n.proc?.pid} exit ${n.proc?.exitCode} ${n.proc?.signalCode}: ${n.output.slice(-1500)}`).join('\n');
        throw new Error(`${(e as Error).message}: hall ${JSON.stringify(last)} (exit ${h.proc.child.exitCode}, ${h.proc.stderr().slice(-1000)}) region ${JSON.stringify(region.rows)} sessions ${JSON.stringify(locks.rows)} proxy ${h.proxy.bodies.slice(-2).map((b) => b.slice(0, 120)).join(' | ')} upstream errors ${h.proxy.upstreamErrors.slice(-3).join(' | ')} direct ${direct}\n${nodeState}`);
      });
    }
    // 0 lost, 0 counted twice: per hall, the stream is whole and single, and the reports agree
    const day = new Date();
    const from = new Date(day.getTime() - 86_400_000).toISOString().slice(0, 10);
    const to = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
    const month = `from=${from}&to=${to}&period=month`;
    const ownReport = async (h: Hall) => (await h.admin.get(`/api/v1/admin/reports?${month}&by=service`)).body;
    for (const h of halls) {
      // online numbers left unarrived expire a minute after they were taken (the hall's sweep runs every 30 s)
      if (o.expiry) await waitFor(`${h.id}: an online number to expire`, async () => (await ownReport(h)).totals.expired > 0, 120_000);
      // The hall still acts on its own (its expiry sweep): the figures are compared when the region had every
      // event up to the hall's head and the head did not move while both reports were read.
      for (let attempt = 1; ; attempt++) {
        let head = -1;
        await waitFor(`${h.id} to be caught up`, async () => {
          const s = await uplink(h);
          head = s.head;
          return s.connected && s.lagEvents === 0;
        });
        const own = await ownReport(h);
        const byService = (await regionApi.get(`/region/v1/reports?${month}&by=service`)).body;
        const byHall = (await regionApi.get(`/region/v1/reports?${month}&by=hall`)).body;
        const s = (await db.query('SELECT count(*)::int AS n, count(DISTINCT seq)::int AS d, max(seq)::int AS m FROM events WHERE hall_id = $1', [h.id])).rows[0];
        if ((await uplink(h)).head !== head && attempt < 5) continue;
        expect(s, h.id).toEqual({ n: head, d: head, m: head });
        expectRegionEqualsHall(h, own, byService, byHall);
        expectEveryKindExercised(h, own, o.expiry === true);
        log(`${h.id}: ${h.load.issued} tickets, ${head} events, ${JSON.stringify({ ...h.load.done, ...h.load.made, expired: own.totals.expired })}, region = hall`);
        break;
      }
    }
  } finally {
    for (const h of halls) {
      await h.load.stop().catch(() => undefined);
      await h.proc.kill('SIGKILL').catch(() => undefined);
      await h.proxy.close().catch(() => undefined);
    }
    for (const d of dirs) removeDir(d);
    await db.end().catch(() => undefined);
    await Promise.all(nodes.map((n) => n.stop()));
    await Promise.all([cluster.stop(), redis.stop()]);
  }
}

/** The figures the region has for these cases and the hall's report has too. */
const FIELDS = ['issued', 'served', 'noShows', 'transferred', 'restored', 'remote', 'expired', 'waitAvg', 'waitMedian', 'waitP90', 'serviceAvg', 'ratings', 'satisfaction'] as const;
const pick = (r: any) => Object.fromEntries(FIELDS.map((f) => [f, r[f]]));

/** The region's rows per hall service and month equal the hall's report rows; its rows per hall and month equal the hall's month totals. */
function expectRegionEqualsHall(h: Hall, own: any, byService: RegionReport, byHall: RegionReport): void {
  expect(own.totals.issued, `${h.id}: every acknowledged ticket is in the hall's report`).toBe(h.load.issued);
  const mine = byService.rows.filter((r) => r.key.startsWith(`${h.id}/`));
  expect(mine.map((r) => `${r.period} ${r.key}`), h.id).toEqual(own.rows.map((r: any) => `${r.period} ${h.id}/${r.key}`).sort());
  for (const row of own.rows) {
    const got = mine.find((r) => r.period === row.period && r.key === `${h.id}/${row.key}`);
    expect(pick(got), `${h.id} ${row.period} ${row.key}`).toEqual(pick(row));
  }
  const months = byHall.rows.filter((r) => r.key === h.id);
  expect(months.map((r) => r.period), h.id).toEqual(own.periodTotals.map((t: any) => t.period));
  for (const t of own.periodTotals) expect(pick(months.find((r) => r.period === t.period)), `${h.id} ${t.period}`).toEqual(pick(t));
}

/** The run did every kind of ticket, and the hall counted exactly what it acknowledged (so the test cannot pass by not doing them). */
function expectEveryKindExercised(h: Hall, own: any, expiry: boolean): void {
  const { done, made } = h.load;
  // each kind both ways (a kind's second time round takes its other way)
  for (const [kind, n] of Object.entries(done)) expect(n, `${h.id}: ${kind} steps`).toBeGreaterThanOrEqual(2);
  const ratings = Object.values(own.totals.ratings as Record<string, number>).reduce((a, b) => a + b, 0);
  expect({ restored: own.totals.restored, remote: own.totals.remote, transferred: own.totals.transferred, ratings }, h.id).toEqual({
    restored: made.restored,
    remote: made.remote,
    transferred: made.transferred,
    ratings: made.rated,
  });
  expect(own.totals.expired, `${h.id}: online numbers left to expire`).toBeLessThanOrEqual(done.online);
  if (expiry) expect(own.totals.expired, `${h.id}: online numbers expired`).toBeGreaterThanOrEqual(Math.max(1, made.lateCheckIns));
  expect(own.totals.noShows, h.id).toBeGreaterThan(0);
  const joint = own.rows.filter((r: any) => r.key === h.load.jointId);
  expect(joint.reduce((a: number, r: any) => a + r.issued, 0), `${h.id}: joint cases issued`).toBe(done.joint);
  expect(joint.reduce((a: number, r: any) => a + r.completed, 0), `${h.id}: joint cases completed`).toBe(done.joint);
}
