/**
 * The ratings feed for the provincial platform: every rating across halls with its
 * GB/T 39734 grade label, reason labels and the hall's labels; pulled with a cursor
 * while halls keep streaming, it hands out each rating exactly once (no gaps, no
 * duplicates), the same cursor always gives the same continuation, and a rating
 * committed late by a transaction older than others never lands behind a cursor
 * already handed out. Exported by day as CSV / XLSX / JSON.
 */
import { describe, expect, it } from 'vitest';
import type { RegionRating, RegionRatingPage } from '../../common/region.js';
import { GRADE_LABELS, RATING_REASONS, type Grade } from '../../common/supervision.js';
import { Api } from '../helpers/hall.js';
import { requirePostgres } from '../helpers/pg.js';
import { requireRedis } from '../helpers/redis.js';
import { Events, registerHall, TEST_DAY, daysBefore } from './support.js';
import { regionRig } from './rig.js';

const config = (hallName: string) => ({
  hallName,
  timeZone: 'Asia/Shanghai',
  resetHour: 3,
  departments: [{ id: 'd1', name: '不动产登记中心' }],
  services: [{ id: 's1', name: '不动产登记', departmentId: 'd1', prefix: 'A', promisedMinutes: 20, catalogueCode: '11330000002482' }],
  windows: [{ id: 'w1', number: 1, name: '1号窗口', departmentId: 'd1' }],
});
const at = (minute: number) => new Date(Date.parse(`${TEST_DAY}T01:00:00Z`) + minute * 60_000).toISOString();

describe.runIf(requirePostgres() && requireRedis())('region ratings feed', () => {
  const rig = regionRig('feed');

  const page = async (cursor: string, limit: number, lang?: string): Promise<RegionRatingPage> => {
    const r = await rig.admin.get(`/region/v1/ratings/feed?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}${lang ? `&lang=${lang}` : ''}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  /** The cursor after everything the feed has now. */
  const end = async (): Promise<string> => {
    let cursor = '';
    for (let more = true; more; ) {
      const p = await page(cursor, 1000);
      cursor = p.cursor;
      more = p.more;
    }
    return cursor;
  };

  it('pulled while three halls stream: every rating exactly once, labelled; the same cursor gives the same continuation', async () => {
    const halls = await Promise.all(['feed-1', 'feed-2', 'feed-3'].map(async (id) => ({ id, api: await registerHall(rig.admin, id), ev: new Events() })));
    const expected: string[] = [];
    let streaming = true;
    const ingest = Promise.all(
      halls.map(async (h, i) => {
        for (let b = 0; b < 12; b++) {
          const from = h.ev.list.length;
          for (let t = 0; t < 4; t++) {
            const id = `${h.id}-t${b}-${t}`;
            const m = b * 10 + t;
            h.ev.issued(id, 's1', at(m));
            h.ev.called(id, 'w1', at(m + 1));
            h.ev.finished(id, at(m + 2));
            const grade = 1 + ((b + t + i) % 5);
            const e = h.ev.rated(id, 'w1', grade, at(m + 3), grade <= 2 ? ['long_wait', 'attitude'] : []);
            expected.push(`${h.id}:${e.seq}`);
          }
          const r = await h.api.post(`/region/v1/halls/${h.id}/events`, { after: from, events: h.ev.list.slice(from), config: config(`Hall ${h.id}`) });
          expect(r.status, JSON.stringify(r.body)).toBe(200);
        }
      }),
    ).finally(() => (streaming = false));

    // the platform pulls small pages all along, and once more after the halls are done
    const got: RegionRating[] = [];
    const cursors: string[] = [];
    let cursor = '';
    for (let last = false; ; ) {
      const p = await page(cursor, 7);
      got.push(...p.ratings);
      cursors.push(cursor);
      cursor = p.cursor;
      if (p.more) continue;
      if (last) break;
      if (!streaming) last = true;
      await new Promise((r) => setTimeout(r, 5));
    }
    await ingest;
    const ids = got.map((r) => r.id);
    expect(ids.length).toBe(expected.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(expected));

    const poor = got.find((r) => r.grade === 1)!;
    expect(poor).toMatchObject({
      gradeLabel: '非常不满意', reasons: ['long_wait', 'attitude'], reasonLabels: ['等候太久', '态度不好'], serviceName: '不动产登记',
      catalogueCode: '11330000002482', departmentName: '不动产登记中心', windowName: '1号窗口', businessDay: TEST_DAY, area: 'north', source: 'evaluator',
    });
    expect(poor.hallName).toBe(`Hall ${poor.hallId}`);
    expect(got.find((r) => r.grade === 5)!.gradeLabel).toBe('非常满意');

    // resumable: from any cursor handed out, the feed continues exactly as it did
    const mid = cursors[Math.floor(cursors.length / 2)];
    const again: string[] = [];
    for (let c = mid, more = true; more; ) {
      const p = await page(c, 50);
      again.push(...p.ratings.map((r) => r.id));
      c = p.cursor;
      more = p.more;
    }
    expect(again).toEqual(ids.slice(ids.length - again.length));
    expect(again.length).toBeGreaterThan(0);
    // at the end: nothing new, the cursor stays
    const end = await page(cursor, 10);
    expect(end).toMatchObject({ ratings: [], cursor, more: false });
  });

  it('a rating committed late by an older transaction is not skipped: younger ones wait for it', async () => {
    const hall = await registerHall(rig.admin, 'late-1');
    const other = await registerHall(rig.admin, 'late-2');
    const cursor = await end();
    // a slow batch of late-1: its transaction started (and wrote its rating) first, and is still open
    const slow = await rig.db.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(`INSERT INTO ratings (hall_id, seq, at, grade) VALUES ('late-1', 1, now(), 4)`);
      // meanwhile late-2's batch commits
      const ev = new Events();
      ev.issued('x1', 's1', at(0));
      ev.rated('x1', 'w1', 5, at(5));
      expect((await other.post('/region/v1/halls/late-2/events', { after: 0, events: ev.list })).status).toBe(200);
      // the feed holds late-2's rating back while the older transaction may still add rows before it
      const held = await page(cursor, 100);
      expect(held.ratings).toEqual([]);
      expect(held.cursor).toBe(cursor);
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    const p = await page(cursor, 100);
    expect(p.ratings.map((r) => r.id)).toEqual(['late-1:1', 'late-2:2']);
    expect(hall.token).toBeTruthy();
  });

  it('exports a day range as CSV (escaped, labelled), XLSX or JSON; a bad cursor or range gets a clear error', async () => {
    const json = await rig.admin.get(`/region/v1/ratings/export?from=${TEST_DAY}&to=${TEST_DAY}`);
    expect(json.status).toBe(200);
    expect(json.body.ratings.length).toBeGreaterThanOrEqual(48);
    const res = await fetch(`${rig.region.url}/region/v1/ratings/export?from=${TEST_DAY}&to=${TEST_DAY}&format=csv`, { headers: { authorization: `Bearer ${rig.admin.token}` } });
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFFid,hallId,hallName,area,at,businessDay,catalogueCode')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(json.body.ratings.length + 1);
    expect(text).toContain(',1,非常不满意,long_wait|attitude,等候太久|态度不好,evaluator');
    const xlsx = await fetch(`${rig.region.url}/region/v1/ratings/export?from=${TEST_DAY}&to=${TEST_DAY}&format=xlsx`, { headers: { authorization: `Bearer ${rig.admin.token}` } });
    expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="region-ratings-${TEST_DAY}-${TEST_DAY}.xlsx"`);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');

    const bad = await rig.admin.get('/region/v1/ratings/feed?cursor=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_CURSOR');
    const long = await rig.admin.get(`/region/v1/ratings/export?from=${daysBefore(TEST_DAY, 334)}&to=${TEST_DAY}`);
    expect(long.body.error.code).toBe('INVALID_DATE');
    expect((await new Api(rig.region.url).get('/region/v1/ratings/feed')).status).toBe(401);
  });

  it('labels in the asked language (lang=zh-TW|en): grades and reasons from the shared definitions, names the hall gave (zh-CN where it gave none); ids, cursor and figures unchanged', async () => {
    const hall = await registerHall(rig.admin, 'lang-1');
    const cursor = await end();
    // named in three languages, but the hall in zh-CN and English only and the department in zh-CN and zh-TW only
    const snapshot = {
      ...config('示范大厅'),
      hallNames: { 'zh-CN': '示范大厅', en: 'Demo Hall' },
      departments: [{ id: 'd1', name: '不动产登记中心', names: { 'zh-CN': '不动产登记中心', 'zh-TW': '不動產登記中心' } }],
      services: [{ ...config('').services[0], names: { 'zh-CN': '不动产登记', 'zh-TW': '不動產登記', en: 'Property registration' } }],
    };
    const ev = new Events();
    for (const grade of [1, 2, 3, 4, 5]) {
      ev.issued(`g${grade}`, 's1', at(grade * 10));
      ev.called(`g${grade}`, 'w1', at(grade * 10 + 1));
      ev.finished(`g${grade}`, at(grade * 10 + 2));
      ev.rated(`g${grade}`, 'w1', grade, at(grade * 10 + 3), grade === 1 ? ['long_wait', 'attitude'] : []);
    }
    expect((await hall.post('/region/v1/halls/lang-1/events', { after: 0, events: ev.list, config: snapshot })).status).toBe(200);

    const pages = { default: await page(cursor, 100), 'zh-CN': await page(cursor, 100, 'zh-CN'), 'zh-TW': await page(cursor, 100, 'zh-TW'), en: await page(cursor, 100, 'en') };
    expect(pages.default.ratings).toHaveLength(5);
    expect(pages['zh-CN']).toEqual(pages.default);
    const LABELS = ['gradeLabel', 'reasonLabels', 'hallName', 'serviceName', 'departmentName'] as const;
    const rest = (p: RegionRatingPage) => ({ ...p, ratings: p.ratings.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !(LABELS as readonly string[]).includes(k)))) });
    for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
      // the same ratings, ids, cursor and figures whatever the language
      expect(rest(pages[lang])).toEqual(rest(pages.default));
      for (const r of pages[lang].ratings) {
        expect(r.gradeLabel).toBe(GRADE_LABELS[r.grade as Grade][lang]);
        expect(r.reasonLabels).toEqual(r.reasons.map((x) => RATING_REASONS.find((y) => y.id === x)!.label[lang]));
      }
    }
    const poor = (lang: keyof typeof pages) => pages[lang].ratings.find((r) => r.grade === 1)!;
    expect(poor('default')).toMatchObject({ gradeLabel: '非常不满意', reasonLabels: ['等候太久', '态度不好'], hallName: '示范大厅', serviceName: '不动产登记', departmentName: '不动产登记中心' });
    expect(poor('zh-TW')).toMatchObject({ gradeLabel: '非常不滿意', reasonLabels: ['等候太久', '態度不好'], hallName: '示范大厅', serviceName: '不動產登記', departmentName: '不動產登記中心' });
    expect(poor('en')).toMatchObject({
      gradeLabel: 'Very dissatisfied', reasonLabels: ['Waited too long', 'Unfriendly staff'], hallName: 'Demo Hall', serviceName: 'Property registration', departmentName: '不动产登记中心',
    });

    // the export: the same labels as the feed; the CSV's header stays the field names
    const exported = await rig.admin.get(`/region/v1/ratings/export?from=${TEST_DAY}&to=${TEST_DAY}&lang=en`);
    expect(exported.status).toBe(200);
    expect(exported.body.ratings.filter((r: RegionRating) => r.hallId === 'lang-1')).toEqual(pages.en.ratings);
    const res = await fetch(`${rig.region.url}/region/v1/ratings/export?from=${TEST_DAY}&to=${TEST_DAY}&format=csv&lang=zh-TW`, { headers: { authorization: `Bearer ${rig.admin.token}` } });
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFFid,hallId,hallName,area,at,businessDay,catalogueCode')).toBe(true);
    expect(text).toContain(',1,非常不滿意,long_wait|attitude,等候太久|態度不好,evaluator');

    for (const path of ['/region/v1/ratings/feed?lang=fr', `/region/v1/ratings/feed?cursor=${cursor}&lang=EN`, `/region/v1/ratings/export?from=${TEST_DAY}&to=${TEST_DAY}&lang=zh&format=csv`]) {
      const bad = await rig.admin.get(path);
      expect(bad.status, path).toBe(400);
      expect(bad.body, path).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^lang: /) } });
    }
  });
});
