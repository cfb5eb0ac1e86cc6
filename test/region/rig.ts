/**
 * The set-up most region tests share, registered as beforeAll/afterAll of the calling
 * describe: a private PostgreSQL and Redis, a small pool for the test's own queries, a
 * region node and its signed-in admin. (Not in support.ts: that one is also imported
 * outside vitest, by the trial command and the bench.)
 */
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { RunningRegion } from '../../region/node.js';
import type { Api } from '../helpers/hall.js';
import { TestPostgres } from '../helpers/pg.js';
import { TestRedis } from '../helpers/redis.js';
import { regionAdmin, startTestRegion } from './support.js';

/** A private PostgreSQL (one database) and Redis, and a small pool for the test's own queries. */
export interface RegionStore {
  cluster: TestPostgres;
  redis: TestRedis;
  /** The region database's URL. */
  url: string;
  db: pg.Pool;
}

/**
 * Starts a RegionStore in beforeAll and stops it in afterAll of the calling describe; its
 * fields are set once beforeAll ran. Hooks registered after it run after it starts and
 * (vitest's stacked hooks) stop before it stops.
 */
export function regionStore(database: string, poolMax = 2): RegionStore {
  const store = {} as RegionStore;
  beforeAll(async () => {
    [store.cluster, store.redis] = await Promise.all([TestPostgres.start(), TestRedis.start()]);
    store.url = await store.cluster.createDatabase(database);
    store.db = new pg.Pool({ connectionString: store.url, max: poolMax });
    // An idle client cut off by a PostgreSQL restart or stop must not become an uncaught error.
    store.db.on('error', () => undefined);
  }, 90_000);
  afterAll(async () => {
    await store.db?.end();
    await Promise.all([store.cluster?.stop(), store.redis?.stop()]);
  });
  return store;
}

export interface RegionRig extends RegionStore {
  region: RunningRegion;
  /** The region admin, signed in (unless `admin: false`). */
  admin: Api;
}

export interface RegionRigOptions {
  /** How the node starts (default: startTestRegion). */
  start?: (databaseUrl: string, redisUrl: string) => Promise<RunningRegion>;
  /** Sign the region admin in (default true). */
  admin?: boolean;
  /** Connections of the test's own pool (default 2). */
  poolMax?: number;
}

/** A regionStore with one in-process region node on it (and its admin signed in), for one describe. */
export function regionRig(database: string, o: RegionRigOptions = {}): RegionRig {
  const rig = regionStore(database, o.poolMax) as RegionRig;
  beforeAll(async () => {
    rig.region = await (o.start ?? startTestRegion)(rig.url, rig.redis.url);
    if (o.admin !== false) rig.admin = await regionAdmin(rig.region.url);
  }, 60_000);
  afterAll(async () => {
    await rig.region?.close();
  });
  return rig;
}

