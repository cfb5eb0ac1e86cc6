import { describe, expect, it } from 'vitest';
import {
  GRADE_LABELS,
  GRADES,
  RATING_REASONS,
  assertGrade,
  emptyGradeCounts,
  normalizeReasons,
  openRequest,
  reasonFromCode,
  requestIsOpen,
  satisfaction,
} from '../../../server/domain/ratings.js';

describe('ratings (GB/T 39734 grades)', () => {
  it('has five grades with labels in every language, best first', () => {
    expect(GRADES).toEqual([5, 4, 3, 2, 1]);
    expect(GRADE_LABELS[5]['zh-CN']).toBe('非常满意');
    expect(GRADE_LABELS[3]['zh-CN']).toBe('基本满意');
    expect(GRADE_LABELS[1]['zh-TW']).toBe('非常不滿意');
    for (const g of GRADES) expect(GRADE_LABELS[g].en).toBeTruthy();
  });

  it('refuses grades outside 1..5', () => {
    for (const bad of [0, 6, 2.5, -1, NaN]) expect(() => assertGrade(bad)).toThrow(/grade/);
    expect(assertGrade(4)).toBe(4);
  });

  it('takes reasons only on poor grades and only from the list, in list order without duplicates', () => {
    expect(normalizeReasons(1, ['other', 'attitude', 'attitude'])).toEqual(['attitude', 'other']);
    expect(normalizeReasons(2, [])).toEqual([]);
    expect(normalizeReasons(5)).toEqual([]);
    expect(() => normalizeReasons(3, ['slow'])).toThrow(/不满意/);
    expect(() => normalizeReasons(1, ['rude'])).toThrow(/Unknown reason/);
  });

  it('maps evaluator reason codes to the list (0 and unknown = none)', () => {
    expect(RATING_REASONS.map((r) => r.code)).toEqual([1, 2, 3, 4, 5]);
    expect(reasonFromCode(2)).toBe('long_wait');
    expect(reasonFromCode(0)).toBeNull();
    expect(reasonFromCode(99)).toBeNull();
    expect(reasonFromCode(undefined)).toBeNull();
  });

  it('satisfaction = (n5 + n4) / all rated; null when nobody rated', () => {
    expect(satisfaction(emptyGradeCounts())).toBeNull();
    expect(satisfaction({ '1': 1, '2': 1, '3': 2, '4': 3, '5': 3 })).toBeCloseTo(0.6);
    expect(satisfaction({ '1': 0, '2': 0, '3': 4, '4': 0, '5': 0 })).toBe(0);
    expect(satisfaction({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 7 })).toBe(1);
  });

  it('a rating request is open until it expires', () => {
    const now = new Date('2026-11-28T01:00:00Z');
    const r = openRequest('w1', 't1', now, 120);
    expect(r.expiresAt).toBe('2026-11-28T01:02:00.000Z');
    expect(requestIsOpen(r, new Date('2026-11-28T01:01:59Z'))).toBe(true);
    expect(requestIsOpen(r, new Date('2026-11-28T01:02:00Z'))).toBe(false);
    expect(requestIsOpen(null, now)).toBe(false);
  });
});
