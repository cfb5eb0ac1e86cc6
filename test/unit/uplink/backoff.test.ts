/**
 * The uplink's retry delays (server/uplink/backoff.ts): they grow from the minimum,
 * stop at the cap, and differ between halls — so halls that lost the region together
 * do not retry in lockstep. Seeded randomness; no clock involved.
 */
import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../server/uplink/backoff.js';
import { prng } from '../domain/fixtures.js';

const MIN = 1000;
const MAX = 60_000;
const delays = (b: Backoff, n: number) => Array.from({ length: n }, () => b.next());

describe('uplink backoff', () => {
  it('grows from the minimum and stops at the cap, each delay within [ceiling/2, ceiling]', () => {
    const seq = delays(new Backoff(MIN, MAX, prng(7)), 14);
    const ceilings = [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000];
    seq.forEach((d, i) => {
      expect(d, `delay ${i}`).toBeGreaterThanOrEqual(ceilings[i] / 2);
      expect(d, `delay ${i}`).toBeLessThanOrEqual(ceilings[i]);
    });
    // grows: every delay from the 3rd doubling on exceeds every one before the 1st
    expect(Math.min(...seq.slice(3))).toBeGreaterThan(Math.max(...seq.slice(0, 1)));
    // and stops: from the 7th failure on every delay is in [cap/2, cap] and none above the cap
    for (const d of seq.slice(6)) expect(d).toBeGreaterThanOrEqual(MAX / 2);
    expect(Math.max(...seq)).toBeLessThanOrEqual(MAX);
    // not a constant retry even at the cap
    expect(new Set(seq.slice(6)).size).toBeGreaterThan(1);
  });

  it('spreads halls that failed together: 50 halls retry at different times', () => {
    const halls = Array.from({ length: 50 }, (_, i) => delays(new Backoff(MIN, MAX, prng(1000 + i)), 10));
    for (let k = 0; k < 10; k++) {
      const atK = halls.map((h) => h[k]);
      // the spread at each step is a good part of the ceiling's jitter band, not a lockstep
      const band = Math.min(MIN * 2 ** k, MAX) / 2;
      expect(Math.max(...atK) - Math.min(...atK), `retry ${k}`).toBeGreaterThan(band / 2);
    }
    // the times of the 5th retry (cumulative delays, whole ms) almost never coincide (lockstep: all 50 equal)
    const retryAt = halls.map((h) => h.slice(0, 5).reduce((a, b) => a + b, 0));
    expect(new Set(retryAt).size).toBeGreaterThanOrEqual(45);
  });

  it('starts from the minimum again after a success, and keeps within a cap below the minimum', () => {
    const b = new Backoff(MIN, MAX, () => 0.999_999);
    delays(b, 8);
    expect(b.ceilingMs).toBe(MAX);
    b.reset();
    expect(b.next()).toBe(MIN);
    const small = new Backoff(500, 200, prng(1));
    for (const d of delays(small, 5)) expect(d).toBeLessThanOrEqual(200);
    // a generator out of range cannot push a delay past the bounds
    const wild = new Backoff(MIN, MAX, () => 5);
    expect(Math.max(...delays(wild, 10))).toBe(MAX);
  });
});
