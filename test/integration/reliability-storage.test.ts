import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, kioskToken, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

const isErrorShape = (b: any) => b?.ok === false && typeof b.error?.code === 'string' && typeof b.error?.message === 'string';

/**
 * Reliability 7: the disk fills up (SQLite max_page_count pinned to the current
 * size) or the database turns read-only (PRAGMA query_only). The kiosk gets a
 * clear 503 STORAGE_UNAVAILABLE, nothing is half-written, and the hall recovers.
 */
describe('reliability: disk full and read-only database', () => {
  let dir: string;
  let hall: RunningHall;
  let kiosk: Api;

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    kiosk = new Api(hall.url, await kioskToken(hall.url, admin));
  });

  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  const db = () => hall.deps.ctx.store.db;
  const counts = () =>
    db()
      .prepare(`SELECT (SELECT COUNT(*) FROM tickets) t, (SELECT COUNT(*) FROM events) e, (SELECT COUNT(*) FROM idempotency) i, (SELECT IFNULL(SUM(seq), 0) FROM counters) c`)
      .get();

  async function burst(tag: string, n: number) {
    return Promise.all(
      Array.from({ length: n }, (_, i) => kiosk.post('/api/v1/tickets', { serviceId: 'social' }, { 'Idempotency-Key': `disk-${tag}-${i}` })),
    );
  }

  it('disk full: every refused request is a 503 STORAGE_UNAVAILABLE, the counts do not move, and issuing resumes when space returns', async () => {
    expect((await burst('warm', 5)).every((r) => r.status === 201)).toBe(true);
    const before = counts();
    const pages = db().pragma('page_count', { simple: true }) as number;
    db().pragma(`max_page_count = ${pages}`);
    // Fill what free space the file still has, then every further ticket must be refused.
    let refused: any[] = [];
    let created = 0;
    for (let round = 0; round < 50 && refused.length === 0; round++) {
      const rs = await burst(`full${round}`, 20);
      created += rs.filter((r) => r.status === 201).length;
      refused = rs.filter((r) => r.status !== 201);
    }
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.status).toBe(503);
      expect(isErrorShape(r.body)).toBe(true);
      expect(r.body.error.code).toBe('STORAGE_UNAVAILABLE');
    }
    const full = counts() as any;
    expect(full.t).toBe((before as any).t + created);
    // While full: nothing at all is written by refused requests.
    const again = await burst('again', 10);
    expect(again.every((r) => r.status === 503 && r.body.error.code === 'STORAGE_UNAVAILABLE')).toBe(true);
    expect(counts()).toEqual(full);

    db().pragma('max_page_count = 1073741823');
    const after = await burst('after', 5);
    expect(after.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    // Numbering continues with no gap and no reuse.
    const seqs = (db().prepare(`SELECT seq FROM tickets WHERE service_id = 'social' ORDER BY seq`).all() as { seq: number }[]).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  it('read-only database: 503 STORAGE_UNAVAILABLE, nothing written, recovers when writable again', async () => {
    const before = counts();
    db().pragma('query_only = ON');
    try {
      const rs = await burst('ro', 10);
      for (const r of rs) {
        expect(r.status).toBe(503);
        expect(isErrorShape(r.body)).toBe(true);
        expect(r.body.error.code).toBe('STORAGE_UNAVAILABLE');
      }
      expect(counts()).toEqual(before);
      // The hall still answers reads.
      expect((await kiosk.get('/api/v1/health')).status).toBe(200);
    } finally {
      db().pragma('query_only = OFF');
    }
    // A retry with the same key now gets its ticket (the failed attempt left no trace).
    const retry = await kiosk.post('/api/v1/tickets', { serviceId: 'social' }, { 'Idempotency-Key': 'disk-ro-0' });
    expect(retry.status).toBe(201);
  });
});
