/**
 * The uplink's state in the hall's /metrics (README "Metrics"): a real hall whose uplink
 * points at an unreachable region (a closed loopback port), then at a real region node
 * with a wrong token, then with its own token. Two halls seeded differently show the
 * backoff's jitter through the real uplink: each retry delay is the one its seeded
 * backoff draws for that failure, within [ceiling/2, ceiling], and they differ between
 * the halls. Only codes in the labels, never the region's free-text message or the URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { Backoff } from '../../server/uplink/backoff.js';
import type { RunningRegion } from '../../region/node.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { bareKiosk } from '../helpers/features.js';
import { requirePostgres, TestPostgres } from '../helpers/pg.js';
import { freePort, waitFor } from '../helpers/ports.js';
import { requireRedis, TestRedis } from '../helpers/redis.js';
import { regionAdmin, startTestRegion } from '../region/support.js';
import { prng } from '../unit/domain/fixtures.js';

const MIN = 40;
const MAX = 320;
const timing = (seed: number) => ({ idleMs: 50, minBackoffMs: MIN, maxBackoffMs: MAX, requestTimeoutMs: 2000, random: prng(seed) });

/** Every sample `name{labels} value` of one scrape, by series. */
async function scrape(hall: RunningHall): Promise<Map<string, number>> {
  const res = await fetch(`${hall.url}/metrics`);
  expect(res.status).toBe(200);
  const text = await res.text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('onestop_uplink_')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}
const errorSeries = (m: Map<string, number>) => [...m.keys()].filter((k) => k.startsWith('onestop_uplink_error{'));

describe.runIf(requirePostgres() && requireRedis())('uplink state in /metrics', () => {
  let cluster: TestPostgres;
  let redis: TestRedis;
  let region: RunningRegion;
  const dirs = [tempDir(), tempDir()];
  const halls: RunningHall[] = [];
  const admins: Api[] = [];
  let hallToken: string;
  let dead: string;

  beforeAll(async () => {
    [cluster, redis] = await Promise.all([TestPostgres.start(), TestRedis.start()]);
    region = await startTestRegion(await cluster.createDatabase('uplink_metrics'), redis.url);
    hallToken = (await (await regionAdmin(region.url)).post('/region/v1/halls', { id: 'metrics-1', name: 'Metrics', area: 'north' })).body.token;
    for (const [i, dir] of dirs.entries()) {
      halls.push(await startTestHall(dir, { uplink: timing(101 + i) }));
      admins.push(await Api.login(halls[i].url, 'admin', ADMIN_PASSWORD));
    }
    dead = `http://127.0.0.1:${await freePort()}`; // nothing listens there
  }, 90_000);
  afterAll(async () => {
    for (const h of halls) await h.close();
    dirs.forEach(removeDir);
    await region?.close();
    await Promise.all([cluster?.stop(), redis?.stop()]);
  });

  it('is off: enabled 0, connected 0, no error series', async () => {
    const m = await scrape(halls[0]);
    expect(m.get('onestop_uplink_enabled')).toBe(0);
    expect(m.get('onestop_uplink_connected')).toBe(0);
    expect(m.get('onestop_uplink_consecutive_failures')).toBe(0);
    expect(m.get('onestop_uplink_retry_delay_seconds')).toBe(0);
    expect(m.get('onestop_uplink_last_success_age_seconds')).toBe(0);
    expect(errorSeries(m)).toEqual([]);
  });

  it('points at an unreachable region: UNREACHABLE, lag, growing jittered retries up to the cap, different per hall', async () => {
    const kiosk = await bareKiosk(admins[0]);
    for (let i = 0; i < 3; i++) expect((await kiosk.api.post('/api/v1/tickets', { serviceId: 'social' })).status).toBe(201);
    for (const a of admins) expect((await a.req('PATCH', '/api/v1/admin/uplink', { enabled: true, url: dead, hallId: 'metrics-1', token: 'not-used' })).status).toBe(200);

    const expected = (seed: number) => {
      const b = new Backoff(MIN, MAX, prng(seed));
      return Array.from({ length: 200 }, () => b.next());
    };
    const seen: Map<number, number>[] = [new Map(), new Map()];
    for (const [i, hall] of halls.entries()) {
      const want = expected(101 + i);
      await waitFor(`hall ${i} to fail past the cap`, async () => {
        const m = await scrape(hall);
        const n = m.get('onestop_uplink_consecutive_failures')!;
        if (n > 0) seen[i].set(n, m.get('onestop_uplink_retry_delay_seconds')!);
        return n >= 8;
      });
      for (const [n, delay] of seen[i]) {
        // the delay of the n-th failure is the n-th draw of this hall's seeded backoff
        expect(Math.round(delay * 1000), `hall ${i}, failure ${n}`).toBe(want[n - 1]);
        const ceiling = Math.min(MAX, MIN * 2 ** (n - 1));
        expect(delay * 1000).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay * 1000).toBeLessThanOrEqual(ceiling);
      }
    }
    // the two halls' delays differ (no lockstep)
    const a = expected(101).slice(0, 12);
    const b = expected(102).slice(0, 12);
    expect(a.filter((d, k) => d !== b[k]).length).toBeGreaterThan(8);

    const m = await scrape(halls[0]);
    expect(m.get('onestop_uplink_enabled')).toBe(1);
    expect(m.get('onestop_uplink_connected')).toBe(0);
    expect(errorSeries(m)).toEqual(['onestop_uplink_error{code="UNREACHABLE"}']);
    expect(m.get('onestop_uplink_error{code="UNREACHABLE"}')).toBe(1);
    const head = halls[0].deps.ctx.store.events.list({ limit: 1 })[0].id;
    expect(m.get('onestop_uplink_lag_events')).toBe(head);
    expect(m.get('onestop_uplink_lag_seconds')).toBeGreaterThanOrEqual(0);
    // no success yet: counted from the configuration, which 8 backoff waits (each ≥ 20 ms) lie behind
    expect(m.get('onestop_uplink_last_success_age_seconds')).toBeGreaterThan(0);
    expect(m.get('onestop_uplink_retry_delay_seconds')! * 1000).toBeGreaterThanOrEqual(MAX / 2);
    expect(m.get('onestop_uplink_retry_delay_seconds')! * 1000).toBeLessThanOrEqual(MAX);
  });

  it('points at a real region: a wrong token shows the region\'s code, the right one connects and clears it', async () => {
    const admin = admins[0];
    await admin.req('PATCH', '/api/v1/admin/uplink', { url: region.url, token: 'wrong-token-0123456789' });
    let refused: string[] = [];
    await waitFor('the region to refuse the token', async () => {
      refused = errorSeries(await scrape(halls[0]));
      return refused.length === 1 && !refused[0].includes('UNREACHABLE');
    });
    expect(refused[0]).toMatch(/^onestop_uplink_error\{code="[A-Z][A-Z0-9_]*"\}$/);
    const text = await (await fetch(`${halls[0].url}/metrics`)).text();
    // codes only: no message, no URL, no token
    expect(text).not.toContain(region.url);
    expect(text).not.toContain('wrong-token');
    expect(text).not.toMatch(/unreachable:/i);

    await admin.req('PATCH', '/api/v1/admin/uplink', { token: hallToken });
    await waitFor('the uplink to catch up', async () => {
      const m = await scrape(halls[0]);
      return m.get('onestop_uplink_connected') === 1 && m.get('onestop_uplink_lag_events') === 0;
    });
    const m = await scrape(halls[0]);
    expect(errorSeries(m)).toEqual([]);
    expect(m.get('onestop_uplink_lag_seconds')).toBe(0);
    expect(m.get('onestop_uplink_consecutive_failures')).toBe(0);
    expect(m.get('onestop_uplink_retry_delay_seconds')).toBe(0);
    expect(m.get('onestop_uplink_last_success_age_seconds')).toBeGreaterThanOrEqual(0);
    expect((await admin.get('/api/v1/admin/uplink')).body.state.lastSuccessAt).not.toBeNull();
  });
});
