/** What the region's browser tests start: a private PostgreSQL and Redis, one region node (in process) and Chromium. */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { RunningRegion } from '../../region/node.js';
import { TestPostgres } from '../helpers/pg.js';
import { TestRedis } from '../helpers/redis.js';
import { startTestRegion } from '../region/support.js';
import { ensureUi, launchBrowser, type OpenPage } from './support.js';

export interface RegionBrowserRig {
  cluster: TestPostgres;
  redis: TestRedis;
  region: RunningRegion;
  browser: Browser;
}

/** Starts everything, with the region's database named `database`; screenshots go to `shots`. */
export async function startRegionBrowser(database: string, shots: string): Promise<RegionBrowserRig> {
  await ensureUi();
  const [cluster, redis] = await Promise.all([TestPostgres.start(), TestRedis.start()]);
  const region = await startTestRegion(await cluster.createDatabase(database), redis.url);
  const browser = await launchBrowser();
  mkdirSync(shots, { recursive: true });
  return { cluster, redis, region, browser };
}

/** Stops what `startRegionBrowser` started (whatever of it did start) and the test's last page. */
export async function stopRegionBrowser(rig: Partial<RegionBrowserRig>, page?: OpenPage): Promise<void> {
  await page?.context.close().catch(() => undefined);
  await rig.browser?.close();
  await rig.region?.close();
  await Promise.all([rig.cluster?.stop(), rig.redis?.stop()]);
}
