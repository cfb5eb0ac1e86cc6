import { describe, expect, it } from 'vitest';
import { steadyClock } from '../../server/ops/clock.js';

describe('the hall clock never runs backwards', () => {
  it('follows the wall clock, carries on from where it was after a step back, and reports the step once', () => {
    let wall = Date.parse('2026-12-01T02:00:00Z');
    const steps: number[] = [];
    const now = steadyClock(() => new Date(wall), (ms) => steps.push(ms));
    expect(now().getTime()).toBe(wall);
    wall += 1000;
    const before = now().getTime();
    expect(before).toBe(wall);
    wall -= 10 * 60_000; // stepped back ten minutes
    const readings = [now(), now(), now()].map((d) => d.getTime());
    for (const r of readings) expect(r).toBeGreaterThanOrEqual(before);
    expect([...readings].sort((a, b) => a - b)).toEqual(readings);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toBe(-10 * 60_000);
    wall = before + 60_000; // the wall clock has caught up
    expect(now().getTime()).toBe(wall);
  });

  it('a small step back (under 2 s) is absorbed without a report', () => {
    let wall = 1_000_000;
    const steps: number[] = [];
    const now = steadyClock(() => new Date(wall), (ms) => steps.push(ms));
    now();
    wall -= 500;
    expect(now().getTime()).toBeGreaterThanOrEqual(1_000_000);
    expect(steps).toEqual([]);
  });
});
