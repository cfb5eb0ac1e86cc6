/**
 * `npm run region:trial`: a whole region on one machine, for a look. Private
 * PostgreSQL and Redis instances in a temporary folder (the same launchers the tests
 * use; PostgreSQL runs as an unprivileged user when started as root), two
 * `npm run region` nodes, three demo halls streaming to them (hall 1 and 3 to node A,
 * hall 2 to node B) with a little traffic (a ticket every few seconds, calls, ratings).
 * Ctrl-C stops everything and removes the folder. Env: TRIAL_PORT (node A; node B is
 * the next port; default 3100), TRIAL_PACE_MS (traffic pace, default 3000).
 * Prints one line `TRIAL READY {json}` when everything is up. (Run by plain node with
 * the tsx loader, not the tsx CLI: the CLI's parent process exits on Ctrl-C and takes
 * this one with it before it has stopped the nodes and removed the folder.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startHall, type RunningHall } from '../server/bootstrap.js';
import { DEMO_STAFF_PASSWORD } from '../server/app/demo-hall.js';
import { havePostgres, PG_BIN, PrivatePostgres } from './dev/postgres.js';
import { haveRedis, PrivateRedis } from './dev/redis.js';
import { RegionProcess, REGION_ADMIN_PASSWORD } from './dev/region-process.js';

const say = (s: string) => process.stdout.write(`${s}\n`);
if (!havePostgres() || !haveRedis()) {
  say(`region:trial needs the PostgreSQL server (postgres and initdb, looked for in ${PG_BIN}; ONESTOP_PG_BIN=<folder> names another) and redis-server: apt-get install postgresql redis-server`);
  process.exit(2);
}
const basePort = Number(process.env.TRIAL_PORT ?? 3100);
const pace = Number(process.env.TRIAL_PACE_MS ?? 3000);
const HALL_ADMIN_PASSWORD = 'trial-admin';

async function call(base: string, method: string, path: string, token?: string, body?: unknown): Promise<any> {
  const r = await fetch(base + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await r.json().catch(() => null)) as any;
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json?.error ?? json)}`);
  return json;
}

const dir = mkdtempSync(join(tmpdir(), 'onestop-region-trial-'));
const halls: RunningHall[] = [];
const nodes: RegionProcess[] = [];
let pg: PrivatePostgres | null = null;
let redis: PrivateRedis | null = null;
let timer: NodeJS.Timeout | null = null;

async function stop(): Promise<void> {
  if (timer) clearInterval(timer);
  for (const h of halls) await h.close().catch(() => undefined);
  await Promise.all(nodes.map((n) => n.stop().catch(() => undefined)));
  await Promise.all([pg?.stop(), redis?.stop()].map((p) => p?.catch(() => undefined)));
  rmSync(dir, { recursive: true, force: true });
}

try {
  [pg, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
  await pg.createDatabase('region');
  // the nodes run on the database's machine: over its Unix socket, as README advises
  const url = pg.socketUrl('region');
  nodes.push(new RegionProcess(basePort, { DATABASE_URL: url, REDIS_URL: redis.url, REGION_ADMIN_PASSWORD }));
  nodes.push(new RegionProcess(basePort + 1, { DATABASE_URL: url, REDIS_URL: redis.url, REGION_ADMIN_PASSWORD }));
  for (const n of nodes) await n.start(); // one after the other: the first applies the migrations
  const regionToken = (await call(nodes[0].url, 'POST', '/region/v1/auth/login', undefined, { username: 'admin', password: REGION_ADMIN_PASSWORD })).token;

  const traffic: (() => Promise<void>)[] = [];
  for (let i = 1; i <= 3; i++) {
    const id = `demo-${i}`;
    const hallToken = (await call(nodes[0].url, 'POST', '/region/v1/halls', regionToken, { id, name: `示范大厅 ${i}`, area: i === 3 ? 'south' : 'north' })).token;
    const hall = await startHall({
      dataDir: join(dir, id), port: 0, host: '127.0.0.1', adminPassword: HALL_ADMIN_PASSWORD, demoLoopback: false,
      log: pino({ level: 'warn' }), uplink: { idleMs: 500 },
    });
    halls.push(hall);
    const admin = (await call(hall.url, 'POST', '/api/v1/auth/login', undefined, { username: 'admin', password: HALL_ADMIN_PASSWORD })).token;
    await call(hall.url, 'PATCH', '/api/v1/admin/uplink', admin, { enabled: true, url: nodes[(i + 1) % 2].url, hallId: id, token: hallToken });
    const client = (await call(hall.url, 'POST', '/api/v1/admin/clients', admin, { kind: 'kiosk', name: 'trial kiosk' })).client;
    const kiosk = (await call(hall.url, 'POST', `/api/v1/admin/clients/${client.id}/token`, admin)).token;
    const clerk = (await call(hall.url, 'POST', '/api/v1/auth/login', undefined, { username: 'clerk3', password: DEMO_STAFF_PASSWORD })).token;
    await call(hall.url, 'POST', '/api/v1/windows/w3/open', clerk);
    let n = 0;
    traffic.push(async () => {
      await call(hall.url, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'social' });
      if (n++ % 2 === 1 && (await call(hall.url, 'POST', '/api/v1/windows/w3/call-next', clerk)).ticket) {
        await call(hall.url, 'POST', '/api/v1/windows/w3/finish', clerk);
        hall.deps.hall.ratings.fromEvaluator('w3', 3 + (n % 3), null, { kind: 'device', id: 'trial-evaluator' });
      }
    });
  }
  timer = setInterval(() => {
    for (const t of traffic) t().catch((err) => say(`traffic: ${(err as Error).message}`));
  }, pace);
  const info = {
    region: nodes.map((n) => `${n.url}/region`),
    regionLogin: { username: 'admin', password: REGION_ADMIN_PASSWORD },
    halls: halls.map((h) => h.url),
    hallLogin: { username: 'admin', password: HALL_ADMIN_PASSWORD },
    folder: dir,
  };
  say(`\nRegion trial is up (Ctrl-C stops it and removes ${dir}):`);
  say(`  region nodes  ${info.region.join('  ')}   (admin / ${REGION_ADMIN_PASSWORD}; run npm run build:ui once for the page)`);
  say(`  demo halls    ${info.halls.join('  ')}   (admin / ${HALL_ADMIN_PASSWORD})`);
  say(`TRIAL READY ${JSON.stringify(info)}`);
} catch (err) {
  say(`region:trial failed: ${(err as Error).stack ?? err}`);
  await stop();
  process.exit(1);
}

let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (closing) return;
    closing = true;
    void stop().then(() => process.exit(0));
  });
}
