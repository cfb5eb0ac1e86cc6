import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../../server/bootstrap.js';
import { AttemptLimiter } from '../../../server/auth/rate-limit.js';
import { Api, DEMO_STAFF_PASSWORD, removeDir, startTestHall, tempDir } from '../../helpers/hall.js';

/** Finding 2: parallel guesses count while scrypt checks them. */
describe('log-in limit against parallel guesses', () => {
  let dir: string;
  let hall: RunningHall;

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
  });
  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('40 parallel guesses, the last one right: at most 5 are checked, the rest get 429', async () => {
    const anon = new Api(hall.url);
    const tries = Array.from({ length: 40 }, (_, i) =>
      anon.post('/api/v1/auth/login', { username: 'clerk3', password: i === 39 ? DEMO_STAFF_PASSWORD : `guess-${i}` }),
    );
    const results = await Promise.all(tries);
    const count = (s: number) => results.filter((r) => r.status === s).length;
    expect(count(401) + count(200)).toBeLessThanOrEqual(5);
    expect(count(429)).toBeGreaterThanOrEqual(35);
    expect(count(401) + count(200) + count(429)).toBe(40);
    for (const r of results.filter((x) => x.status === 429)) {
      expect(r.body).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/try again in \d+ (seconds?|minutes?)/) } });
    }
    // The correct password, sent last, was not let through by the flood.
    expect(results[39].status).toBe(429);
    // And the account stays locked for this address after five failures.
    expect((await anon.post('/api/v1/auth/login', { username: 'clerk3', password: DEMO_STAFF_PASSWORD })).status).toBe(429);
  });

  it('another account or a correct log-in is not held up by a finished attempt', async () => {
    const ok = await Promise.all([1, 2, 4].map((n) => new Api(hall.url).post('/api/v1/auth/login', { username: `clerk${n}`, password: DEMO_STAFF_PASSWORD })));
    expect(ok.map((r) => r.status)).toEqual([200, 200, 200]);
  });
});

describe('AttemptLimiter', () => {
  it('counts reserved attempts until they end, and frees them on success or release', () => {
    const l = new AttemptLimiter(2, 60_000);
    expect(l.reserve('k', 0)).toBe(0);
    expect(l.reserve('k', 0)).toBe(0);
    expect(l.reserve('k', 0)).toBeGreaterThan(0); // two in flight: full
    l.release('k');
    expect(l.reserve('k', 0)).toBe(0);
    l.succeed('k');
    l.fail('k', 10);
    expect(l.reserve('k', 20)).toBe(0); // one failure + nothing else in flight
    l.fail('k', 20);
    expect(l.reserve('k', 30)).toBe(60_000 + 10 - 30); // two failures: until the older one ages out
    expect(l.reserve('k', 60_011)).toBe(0);
  });
});
