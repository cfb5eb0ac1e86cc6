/**
 * Ratings a new epoch sets aside are retracted in the ratings feed (issue 14, left over):
 * a provincial platform that already pulled them learns, through the same cursor, that
 * they no longer count — each retraction once, in cursor order after the rating, never for
 * a rating of another hall; the hall's new ratings of the same seqs come with other ids.
 * The epoch is started the way epoch-proposal.test.ts does (hall proposes, admin confirms),
 * without a real backup and restore.
 */
import { describe, expect, it } from 'vitest';
import type { RegionRating, RegionRatingPage, RegionRatingRetraction } from '../../common/region.js';
import { Api } from '../helpers/hall.js';
import { requirePostgres } from '../helpers/pg.js';
import { requireRedis } from '../helpers/redis.js';
import { Events, registerHall, TEST_DAY } from './support.js';
import { regionRig } from './rig.js';

const at = (minute: number) => new Date(Date.parse(`${TEST_DAY}T01:00:00Z`) + minute * 60_000).toISOString();

describe.runIf(requirePostgres() && requireRedis())('ratings feed: retractions after a new epoch', () => {
  const rig = regionRig('retract');

  const page = async (cursor: string, limit = 5000): Promise<RegionRatingPage> => {
    const r = await rig.admin.get(`/region/v1/ratings/feed?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  /** Everything from `cursor` on, in pages of `limit`: [kind, id] in the order handed out, and the last cursor. */
  const pullAll = async (cursor: string, limit: number) => {
    const got: [string, string][] = [];
    const retractions: RegionRatingRetraction[] = [];
    const ratings: RegionRating[] = [];
    for (let more = true; more; ) {
      const p = await page(cursor, limit);
      expect(p.ratings.length + p.retracted.length).toBeLessThanOrEqual(limit);
      got.push(...p.ratings.map((r) => ['rating', r.id] as [string, string]), ...p.retracted.map((x) => ['retracted', x.ratingId] as [string, string]));
      retractions.push(...p.retracted);
      ratings.push(...p.ratings);
      cursor = p.cursor;
      more = p.more;
    }
    return { got, ratings, retractions, cursor };
  };

  /** `n` tickets issued, called, finished and rated (4 events each), from seq `ev.seq + 1`, minutes from `m0`. */
  const ratedTickets = (ev: Events, prefix: string, n: number, m0: number) => {
    const seqs: number[] = [];
    for (let i = 0; i < n; i++) {
      const id = `${prefix}${i}`;
      const m = m0 + i * 5;
      ev.issued(id, 's1', at(m));
      ev.called(id, 'w1', at(m + 1));
      ev.finished(id, at(m + 2));
      seqs.push(ev.rated(id, 'w1', 1 + (i % 5), at(m + 3)).seq);
    }
    return seqs;
  };

  it('a platform that pulled the set-aside ratings gets a retraction for each, once, and then the new epoch\'s ratings', async () => {
    const hall = await registerHall(rig.admin, 'rx-1');
    const other = await registerHall(rig.admin, 'rx-2');
    const ev = new Events();
    const rated = ratedTickets(ev, 't', 10, 0); // ratings at seq 4, 8 … 40
    expect((await hall.post('/region/v1/halls/rx-1/events', { after: 0, events: ev.list })).body.highWater).toBe(40);
    const ev2 = new Events();
    const otherRated = ratedTickets(ev2, 'o', 3, 0);
    expect((await other.post('/region/v1/halls/rx-2/events', { after: 0, events: ev2.list })).body.highWater).toBe(12);

    // The platform has pulled everything.
    const first = await pullAll('', 5000);
    expect(first.got).toEqual([...rated.map((s) => ['rating', `rx-1:${s}`]), ...otherRated.map((s) => ['rating', `rx-2:${s}`])]);
    expect(first.retractions).toEqual([]);

    // rx-1 is restored from a backup that ends at seq 20: a new epoch sets aside 21–40 (ratings 24, 28 … 40).
    expect((await hall.get('/region/v1/halls/rx-1/uplink?head=20')).status).toBe(200);
    expect((await rig.admin.post('/region/v1/halls/rx-1/resync', {})).status).toBe(200);
    expect((await hall.post('/region/v1/halls/rx-1/epoch', { commonPoint: 20 })).status).toBe(202);
    const before = Date.now();
    const confirmed = await rig.admin.post('/region/v1/halls/rx-1/epoch/confirm', { commonPoint: 20 });
    expect(confirmed.body, JSON.stringify(confirmed.body)).toMatchObject({ epoch: 1, commonPoint: 20, superseded: 20 });

    // From where it stopped, the platform now learns which ratings no longer count.
    const gone = rated.filter((s) => s > 20);
    expect(gone).toEqual([24, 28, 32, 36, 40]);
    const after = await pullAll(first.cursor, 5000);
    expect(after.got).toEqual(gone.map((s) => ['retracted', `rx-1:${s}`]));
    for (const [i, x] of after.retractions.entries()) {
      const was = first.ratings.find((r) => r.id === x.ratingId)!;
      expect(was.at).toBe(ev.list[gone[i] - 1].at);
      expect(x).toEqual({ kind: 'retracted', ratingId: was.id, hallId: 'rx-1', seq: gone[i], epoch: 0, ratedAt: was.at, businessDay: was.businessDay, at: x.at });
      // set aside by the confirmation (the region's clock, on this machine)
      expect(Date.parse(x.at)).toBeGreaterThanOrEqual(before - 1);
      expect(Date.parse(x.at)).toBeLessThanOrEqual(Date.now());
    }
    // nothing more, and the same cursor gives the same continuation
    expect(await page(after.cursor)).toMatchObject({ ratings: [], retracted: [], cursor: after.cursor, more: false });
    expect((await pullAll(first.cursor, 5000)).got).toEqual(after.got);

    // The hall streams its own log from the common point: its new ratings of seqs 24 … 36 have other ids.
    const next = new Events();
    next.seq = 20;
    const again = ratedTickets(next, 'n', 4, 100); // seq 24, 28, 32, 36
    const sent = await hall.post('/region/v1/halls/rx-1/events', { after: 20, events: next.list });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const later = await pullAll(after.cursor, 5000);
    expect(later.got).toEqual(again.map((s) => ['rating', `rx-1:${s}:1`]));

    // Pulled from the start one entry a page (the exact cursor order): the set-aside ratings are no longer handed
    // out, only their retractions (for a platform that pulled them before), none repeated or missing.
    const whole = await pullAll('', 1);
    const goneIds = gone.map((s) => `rx-1:${s}`);
    expect(whole.got).toEqual([...first.got.filter(([, id]) => !goneIds.includes(id)), ...after.got, ...later.got]);
    // In pages of 2 and 3 (a page may hold ratings and retractions): the same entries, each once.
    for (const size of [2, 3]) {
      const paged = (await pullAll('', size)).got.map((e) => e.join(' '));
      expect(paged).toHaveLength(whole.got.length);
      expect(new Set(paged)).toEqual(new Set(whole.got.map((e) => e.join(' '))));
    }
    // The retracted ids are exactly those handed out before and missing from the ratings now counted.
    const counted = new Set(whole.got.filter(([k]) => k === 'rating').map(([, id]) => id));
    const retracted = whole.got.filter(([k]) => k === 'retracted').map(([, id]) => id);
    expect(retracted.every((id) => first.got.some(([, g]) => g === id))).toBe(true);
    const rows = (await rig.admin.get(`/region/v1/ratings/export?from=${TEST_DAY}&to=${TEST_DAY}&format=json`)).body.ratings.map((r: { id: string }) => r.id);
    expect(rows.filter((id: string) => retracted.includes(id))).toEqual([]);
    expect(new Set(rows)).toEqual(new Set([...counted].filter((id) => !retracted.includes(id))));
  });

  it('a viewer sees only the retractions of the halls in their scope', async () => {
    expect((await rig.admin.post('/region/v1/users', { username: 'rv', password: 'viewer-pw-1', role: 'viewer', areas: [], hallIds: ['rx-2'] })).status).toBe(201);
    const viewer = new Api(rig.region.url);
    viewer.token = (await viewer.post('/region/v1/auth/login', { username: 'rv', password: 'viewer-pw-1' })).body.token;
    const p = (await viewer.get('/region/v1/ratings/feed?limit=5000')).body as RegionRatingPage;
    expect(p.ratings.map((r) => r.hallId)).toEqual(['rx-2', 'rx-2', 'rx-2']);
    expect(p.retracted).toEqual([]);
  });
});
