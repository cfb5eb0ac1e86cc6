import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_SECONDS, estimateWaitSeconds, rollingAverage } from '../../../server/domain/estimate.js';

describe('rollingAverage', () => {
  it('averages only the last `window` durations', () => {
    // last 3 of [1000, 100, 200, 300] = (100+200+300)/3 = 200; the old 1000 is out of the window
    expect(rollingAverage([1000, 100, 200, 300], 3, 300)).toBe(200);
  });

  it('uses all durations when there are fewer than the window', () => {
    expect(rollingAverage([120, 180], 20, 300)).toBe(150);
  });

  it('falls back when there is no history', () => {
    expect(rollingAverage([], 20, 300)).toBe(300);
    expect(rollingAverage([], 20, 42)).toBe(42);
    expect(DEFAULT_SERVICE_SECONDS).toBe(300); // 5 minutes before the first ticket is finished
  });

  it('ignores negative and non-finite durations (clock skew, missing timestamps)', () => {
    expect(rollingAverage([-5, Number.NaN, Number.POSITIVE_INFINITY, 60, 120], 20, 300)).toBe(90);
    expect(rollingAverage([-5, Number.NaN], 20, 300)).toBe(300);
  });

  it('a zero-second service counts (it is valid data, not missing data)', () => {
    expect(rollingAverage([0, 100], 20, 300)).toBe(50);
  });

  it('window 0 or negative still uses at least the last duration', () => {
    expect(rollingAverage([10, 20, 90], 0, 300)).toBe(90);
    expect(rollingAverage([10, 20, 90], -3, 300)).toBe(90);
  });
});

describe('estimateWaitSeconds', () => {
  it('nobody ahead: 0, whatever the service time', () => {
    expect(estimateWaitSeconds(0, 300, 2)).toBe(0);
    expect(estimateWaitSeconds(-1, 300, 2)).toBe(0);
  });

  it('people ahead × average ÷ open windows', () => {
    expect(estimateWaitSeconds(4, 300, 2)).toBe(600); // 4·300/2
    expect(estimateWaitSeconds(3, 300, 1)).toBe(900);
  });

  it('0 open windows counts as 1 (an estimate, not Infinity / NaN)', () => {
    expect(estimateWaitSeconds(3, 300, 0)).toBe(900);
  });

  it('rounds to whole seconds', () => {
    expect(estimateWaitSeconds(1, 100, 3)).toBe(33); // 33.33…
    expect(estimateWaitSeconds(2, 100, 3)).toBe(67); // 66.67…
  });
});
