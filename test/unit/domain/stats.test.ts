import { describe, expect, it } from 'vitest';
import { mean, percentile, roundSeconds, share, sortNumbers } from '../../../server/domain/stats.js';
import { prng } from './fixtures.js';

describe('report statistics', () => {
  it('percentiles interpolate between closest ranks (Excel PERCENTILE.INC)', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    // h = (10 − 1)·0.9 = 8.1 → 9 + 0.1·(10 − 9)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
    expect(percentile([10, 20], 0)).toBe(10);
    expect(percentile([10, 20], 1)).toBe(20);
  });

  it('the median is the usual one and p90 lies where 90% of the values are at or below it', () => {
    const rnd = prng(42);
    for (let n = 1; n < 60; n++) {
      const xs = sortNumbers(Array.from({ length: n }, () => Math.round(rnd() * 1000)));
      const median = n % 2 ? xs[(n - 1) / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
      expect(percentile(xs, 0.5)).toBeCloseTo(median);
      const p90 = percentile(xs, 0.9)!;
      expect(xs.filter((x) => x <= p90).length / n).toBeGreaterThanOrEqual(0.9 - 1 / n);
      expect(p90).toBeGreaterThanOrEqual(xs[0]);
      expect(p90).toBeLessThanOrEqual(xs[n - 1]);
    }
  });

  it('mean, share and rounding keep "no data" as null', () => {
    expect(mean([])).toBeNull();
    expect(mean([1, 2, 6])).toBe(3);
    expect(share(1, 0)).toBeNull();
    expect(share(1, 4)).toBe(0.25);
    expect(roundSeconds(12.345)).toBe(12.3);
    expect(roundSeconds(null)).toBeNull();
  });
});
