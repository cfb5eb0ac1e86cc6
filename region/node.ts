/** One region node: PostgreSQL store, Redis fan-out, HTTP + Socket.IO. Holds no state of its own. */
import { createServer, type RequestListener, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { RegionAuth } from './app/auth.js';
import { RegionAdmin } from './app/admin.js';
import { Epochs } from './app/epochs.js';
import { HallDetails } from './app/hall-detail.js';
import { BatchGate } from './app/batch-gate.js';
import { Ingest } from './app/ingest.js';
import { buildRegionApp } from './http/app.js';
import { attachRegionRealtime } from './realtime.js';
import { AuthRepo } from './store/auth-repo.js';
import { checkEncoding, migrate, openPool } from './store/db.js';
import { LiveRepo } from './store/live-repo.js';
import { monthsBefore, Partitions } from './store/partitions.js';
import { pruneLiveTickets, pruneSetAside } from './store/maintenance.js';
import { LoginLimit } from './store/login-limit.js';
import { Redis } from 'ioredis';

export interface RegionOptions {
  databaseUrl: string;
  redisUrl: string;
  port?: number;
  host?: string;
  /** Password of `admin`, created on first start when given. */
  adminPassword?: string;
  /** Keep raw rows (events, samples, ratings) of this many months before the current one; older monthly partitions are dropped (start, then hourly). Unset: keep all. */
  retentionMonths?: number;
  /** Bulk uplink batches (more than LIVE_BATCH events) this node commits at once (REGION_BULK_BATCHES, default 2); the other slots are kept for live batches. */
  bulkBatches?: number;
  log?: pino.Logger;
}

export interface RunningRegion {
  url: string;
  port: number;
  http: HttpServer;
  close(): Promise<void>;
}

const HOUR = 3600_000;
/**
 * Connections per node: uplink batches take at most all but INGEST_SPARE of them; the rest
 * serve the live pushes (two at a time, realtime.ts), token checks, positions and reads.
 */
const POOL_MAX = 12;
const INGEST_SPARE = 4;
/**
 * Bulk batches one node commits at once. On the 2-core bench VM, 2 per node gave the same
 * ingest rate as 6 and a quarter of the live lag (docs/bench.md): a batch is CPU work in
 * PostgreSQL, and more of them at once only lengthen each. Raise it for a primary with many cores.
 */
const BULK_BATCHES = 2;

export async function startRegion(opts: RegionOptions): Promise<RunningRegion> {
  const log = opts.log ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const pool = openPool(opts.databaseUrl, POOL_MAX);
  try {
    await checkEncoding(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  await migrate(pool);
  const partitions = new Partitions(pool, (o, m) => log.warn(o, m));
  await partitions.ensureAhead(new Date());
  const retention = () => {
    if (!opts.retentionMonths) return;
    const now = new Date();
    const keepMonths = opts.retentionMonths;
    partitions.dropOlderThan(now, keepMonths).then(
      (dropped) => dropped.length && log.info({ dropped, keepMonths }, 'retention: old partitions dropped'),
      (err) => log.warn({ err }, 'retention'),
    );
    pruneSetAside(pool, monthsBefore(now.toISOString().slice(0, 7), keepMonths)).then(
      (gone) => (gone.superseded || gone.retractions) && log.info({ ...gone, keepMonths }, 'retention: old set-aside rows removed'),
      (err) => log.warn({ err }, 'retention of set-aside rows'),
    );
  };
  const ahead = setInterval(() => {
    partitions.ensureAhead(new Date()).catch((err) => log.warn({ err }, 'partitions ahead'));
    pruneLiveTickets(pool, new Date()).catch((err) => log.warn({ err }, 'live ticket pruning'));
    retention();
  }, HOUR);
  ahead.unref();
  const authRepo = new AuthRepo(pool);
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 2 });
  redis.on('error', () => {});
  const auth = new RegionAuth(authRepo, new LoginLimit(redis));
  if (opts.adminPassword) await auth.ensureAdmin(opts.adminPassword);
  const live = new LiveRepo(pool);
  const details = new HallDetails(pool, live);

  // The request listener exists before Socket.IO attaches, so Socket.IO answers /socket.io/
  // itself (polling included) and hands everything else to the express app.
  let handle: RequestListener = (_req, res) => res.writeHead(503).end();
  const http = createServer((req, res) => handle(req, res));
  const realtime = attachRegionRealtime(http, opts.redisUrl, auth, live, details);
  // a user disabled or rescoped loses the live sockets opened under the old rights, on every node
  const admin = new RegionAdmin(pool, (userId) => realtime.dropUser(userId));
  const ingest = new Ingest(pool, partitions, (hallId) => {
    realtime.publish(hallId).catch((err) => log.warn({ err, hallId }, 'live push failed'));
  }, opts.retentionMonths, new BatchGate(POOL_MAX - INGEST_SPARE, opts.bulkBatches ?? BULK_BATCHES));
  const epochs = new Epochs(pool, (hallId) => {
    realtime.publish(hallId).catch((err) => log.warn({ err, hallId }, 'live push failed'));
  });
  handle = buildRegionApp({ pool, auth, ingest, live, details, admin, epochs, dropSession: (t) => realtime.dropSession(t), log });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, opts.host ?? '0.0.0.0', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  log.info({ port }, 'region node listening');
  retention();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    http,
    close: async () => {
      clearInterval(ahead);
      await realtime.close();
      if (http.listening) await new Promise<void>((r) => http.close(() => r()));
      await pool.end();
      redis.disconnect();
    },
  };
}
