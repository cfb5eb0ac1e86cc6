/**
 * A hall restored from an older backup, end to end: a real hall streams to a real
 * region node, is backed up (the admin's "back up now"), serves on and streams on,
 * then is restored with the real `npm run restore` and serves again. Its uplink
 * stops (UPLINK_BEHIND / UPLINK_DIVERGED) and the region shows the problem; a region
 * admin asks for a new epoch; the uplink finds the last event both logs share and
 * proposes it, the admin confirms what the region shows would be set aside, the
 * region moves what followed aside and recomputes, and the hall streams on. Afterwards
 * the region's counts equal the hall's own report exactly.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { bareKiosk } from '../helpers/features.js';
import { requirePostgres } from '../helpers/pg.js';
import { waitFor } from '../helpers/ports.js';
import { requireRedis } from '../helpers/redis.js';
import { run } from '../ops/run.js';
import { regionAdmin } from './support.js';
import { regionRig } from './rig.js';

const FAST = { idleMs: 50, minBackoffMs: 50, maxBackoffMs: 200, requestTimeoutMs: 5000 };
const HALL = 'restored-county';

describe.runIf(requirePostgres() && requireRedis())('a hall restored from an older backup: a new epoch', () => {
  const rig = regionRig('epoch', { admin: false });
  let dir: string;
  let hall: RunningHall | undefined;

  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(async () => {
    await hall?.close();
    removeDir(dir);
  });

  /** Some traffic: `n` tickets at window 1's service, every other one called and finished (and rated), one no-show. */
  async function traffic(h: RunningHall, admin: Api, n: number, label: string) {
    const kiosk = await bareKiosk(admin, label);
    const clerk = await clerkAt(h.url, 1);
    const serviceId = h.deps.ctx.store.config.window('w1')!.services[0].serviceId;
    for (let i = 0; i < n; i++) expect((await kiosk.api.post('/api/v1/tickets', { serviceId })).status).toBe(201);
    for (let i = 0; i < n; i += 2) {
      expect((await clerk.post('/api/v1/windows/w1/call-next')).status).toBe(200);
      expect((await clerk.post(`/api/v1/windows/w1/${i === 2 ? 'no-show' : 'finish'}`)).status).toBe(200);
      if (i !== 2) h.deps.hall.ratings.fromEvaluator('w1', 1 + ((n + i) % 5), null, { kind: 'device', id: 'evaluator' });
    }
  }
  const stateOf = async (admin: Api) => (await admin.get('/api/v1/admin/uplink')).body.state;
  const caughtUp = (admin: Api) =>
    waitFor('the uplink to catch up', async () => {
      const s = await stateOf(admin);
      return s.connected && s.lagEvents === 0 && s.acknowledged === s.head;
    });
  const regionHall = async (api: Api) => (await api.get('/region/v1/halls')).body.halls.find((h: any) => h.hallId === HALL);

  it('the region admin starts a new epoch; afterwards the region counts exactly what the restored hall reports', async () => {
    const regionApi = await regionAdmin(rig.region.url);
    const token = (await regionApi.post('/region/v1/halls', { id: HALL, name: 'Restored county', area: 'north' })).body.token;

    // the hall as it was: streams, is backed up, then serves and streams on
    hall = await startTestHall(dir, { uplink: FAST });
    let admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    await admin.req('PATCH', '/api/v1/admin/uplink', { enabled: true, url: rig.region.url, hallId: HALL, token });
    await traffic(hall, admin, 4, 'before backup');
    await caughtUp(admin);
    const made = await admin.post('/api/v1/admin/backups');
    expect(made.status).toBe(201);
    const backupPath = made.body.backup.path as string;
    const backupDb = new Database(join(backupPath, 'onestop.db'), { readonly: true });
    const commonPoint = (backupDb.prepare('SELECT max(id) AS m FROM events').get() as { m: number }).m;
    backupDb.close();
    await traffic(hall, admin, 6, 'after backup');
    await caughtUp(admin);
    const regionHadUpTo = (await regionHall(regionApi)).highWater;
    expect(regionHadUpTo).toBeGreaterThan(commonPoint + 5);
    await hall.close();
    hall = undefined;

    // restored with the real command, then serving again
    const restored = await run('npm', ['run', '--silent', 'restore', '--', backupPath, '--data-dir', dir]);
    expect(restored.code, restored.stderr).toBe(0);
    hall = await startTestHall(dir, { uplink: FAST });
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    await waitFor('the uplink to stop: the region is ahead of the restored log', async () => /UPLINK_BEHIND/.test((await stateOf(admin)).lastError ?? ''));
    expect((await regionHall(regionApi)).problem).toBe('UPLINK_BEHIND');
    // the restored hall serves on: its new events take seqs the region had for others
    await traffic(hall, admin, 8, 'after restore');
    await waitFor('the region to see the diverged log', async () => (await regionHall(regionApi)).problem === 'UPLINK_DIVERGED');
    expect((await stateOf(admin)).connected).toBe(false);

    // only a region admin may ask for the new epoch; a hall token cannot start one unasked
    const hallApi = new Api(rig.region.url, token);
    const unasked = await hallApi.post(`/region/v1/halls/${HALL}/epoch`, { commonPoint: 1 });
    expect([unasked.status, unasked.body.error.code]).toEqual([409, 'RESYNC_NOT_REQUESTED']);
    expect((await hallApi.post(`/region/v1/halls/${HALL}/resync`)).status).toBe(401);
    expect((await regionApi.post(`/region/v1/halls/${HALL}/resync`)).status).toBe(200);
    // the hall proposes the last shared event; the region admin sees what would be set aside and confirms
    await waitFor('the hall to propose its common point', async () => (await regionHall(regionApi)).proposal !== null);
    await waitFor('the uplink to wait for the confirmation', async () => /UPLINK_EPOCH_PROPOSED|confirm/.test((await stateOf(admin)).lastError ?? ''));
    const proposal = (await regionHall(regionApi)).proposal;
    expect(proposal).toMatchObject({ commonPoint, superseded: regionHadUpTo - commonPoint });
    expect(proposal.from <= proposal.to).toBe(true);
    expect((await regionApi.post(`/region/v1/halls/${HALL}/epoch/confirm`, { commonPoint })).status).toBe(200);
    await caughtUp(admin);

    const st = await stateOf(admin);
    expect(st.lastError).toBeNull();
    expect(st.epoch).toBe(1);
    expect(st.lastEpoch).toMatchObject({ epoch: 1, commonPoint, superseded: regionHadUpTo - commonPoint, requestedBy: 'admin' });
    expect((await admin.get('/api/v1/health')).body.uplink.lastEpoch).toMatchObject({ epoch: 1, commonPoint });
    const after = await regionHall(regionApi);
    expect(after).toMatchObject({ problem: null, resyncRequestedAt: null, epoch: 1, highWater: st.head });

    // the region holds the restored hall's log exactly, and keeps what it had aside
    const head = hall.deps.ctx.store.events.list({ limit: 1 })[0].id;
    const seqs = (await rig.db.query('SELECT seq, type, at FROM events WHERE hall_id = $1 ORDER BY seq', [HALL])).rows;
    expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    const local = hall.deps.ctx.store.events.list({ limit: head }).reverse();
    expect(seqs.map((r) => `${r.type}@${(r.at as Date).toISOString()}`)).toEqual(local.map((e: any) => `${e.type}@${new Date(e.at).toISOString()}`));
    const aside = (await rig.db.query('SELECT epoch, count(*)::int AS n, min(seq)::int AS first FROM superseded_events WHERE hall_id = $1 GROUP BY epoch', [HALL])).rows;
    expect(aside).toEqual([{ epoch: 0, n: regionHadUpTo - commonPoint, first: commonPoint + 1 }]);

    // every count equals the hall's own report (nothing from the lost log, nothing twice)
    const day = hall.deps.hall.businessDay();
    const report = (await admin.get(`/api/v1/admin/reports?from=${day}&to=${day}&by=service`)).body;
    const rows = (
      await rig.db.query(
        `SELECT service_id, issued, served, no_shows, CASE WHEN waits > 0 THEN round((wait_seconds / waits * 10)::numeric) / 10 END AS wait_avg
         FROM daily_service WHERE hall_id = $1 AND business_day = $2 AND issued + served + no_shows > 0 ORDER BY service_id`,
        [HALL, day],
      )
    ).rows.map((r) => ({ ...r, wait_avg: r.wait_avg === null ? null : Number(r.wait_avg) }));
    const fromHall = report.rows
      .filter((r: any) => r.issued + r.served + r.noShows > 0)
      .map((r: any) => ({ service_id: r.key, issued: r.issued, served: r.served, no_shows: r.noShows, wait_avg: r.waitAvg }))
      .sort((x: any, y: any) => x.service_id.localeCompare(y.service_id));
    expect(rows).toEqual(fromHall);
    expect(report.totals.issued).toBe(4 + 8);
    const regionReport = (await regionApi.get(`/region/v1/reports?from=${day}&to=${day}&by=hall`)).body;
    const mine = regionReport.rows.find((r: any) => r.key === HALL);
    expect({ issued: mine.issued, served: mine.served, noShows: mine.noShows, waitMedian: mine.waitMedian, ratings: mine.ratings }).toEqual({
      issued: report.totals.issued, served: report.totals.served, noShows: report.totals.noShows, waitMedian: report.totals.waitMedian, ratings: report.totals.ratings,
    });
    // the ratings feed: the hall's ratings now, each id once; those stored in the new epoch say so in their id
    const feed = (await regionApi.get('/region/v1/ratings/feed?limit=5000')).body.ratings.filter((r: any) => r.hallId === HALL);
    const rated = Object.values(report.totals.ratings as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(rated).toBeGreaterThan(0);
    expect(feed).toHaveLength(rated);
    expect(new Set(feed.map((r: any) => r.id)).size).toBe(feed.length);
    const late = feed.filter((r: any) => r.seq > commonPoint);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((r: any) => r.epoch === 1 && r.id === `${HALL}:${r.seq}:1`)).toBe(true);
    // the live view too: 4 − 2 tickets of the backup and 8 − 4 since the restore wait (the lost log's are gone)
    expect((await regionHall(regionApi)).waiting).toBe(6);

    const audit = (await regionApi.get('/region/v1/audit')).body.entries.filter((e: any) => e.target === HALL).map((e: any) => e.action);
    expect(audit.slice(0, 3)).toEqual(['hall.epoch_started', 'hall.epoch_proposed', 'hall.resync_requested']);
  }, 240_000);
});
