import { describe, expect, it } from 'vitest';
import { assertTimeZone, businessDay } from '../../../server/domain/business-day.js';
import { DEFAULT_SETTINGS } from '../../../server/domain/settings.js';

describe('DEFAULT_SETTINGS', () => {
  it('is a valid Henan county hall: Shanghai time, reset 03:00, fairness 2, two recalls', () => {
    expect(DEFAULT_SETTINGS.timeZone).toBe('Asia/Shanghai');
    expect(() => assertTimeZone(DEFAULT_SETTINGS.timeZone)).not.toThrow();
    expect(() => businessDay(new Date('2026-11-28T00:00:00Z'), DEFAULT_SETTINGS.timeZone, DEFAULT_SETTINGS.resetHour)).not.toThrow();
    expect(DEFAULT_SETTINGS.resetHour).toBe(3);
    expect(DEFAULT_SETTINGS.fairnessRatio).toBe(2);
    expect(DEFAULT_SETTINGS.maxRecalls).toBe(2);
    expect(['strict', 'oldest', 'weighted']).toContain(DEFAULT_SETTINGS.selectionPolicy);
    expect(DEFAULT_SETTINGS.serviceTimeWindow).toBeGreaterThanOrEqual(1);
  });

  it('has the hall name in all three languages', () => {
    expect(DEFAULT_SETTINGS.hallName['zh-CN']).toBeTruthy();
    expect(DEFAULT_SETTINGS.hallName['zh-TW']).toBeTruthy();
    expect(DEFAULT_SETTINGS.hallName.en).toBeTruthy();
  });
});
