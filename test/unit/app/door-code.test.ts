import { describe, expect, it } from 'vitest';
import { doorCodeFor, previousDays } from '../../../server/app/door-code.js';

describe('daily door code', () => {
  it('is a different code each business day and never the secret', () => {
    const a = doorCodeFor('door-secret-1', '2026-03-06');
    const b = doorCodeFor('door-secret-1', '2026-03-07');
    expect(a).toMatch(/^[0-9a-f]{20}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('door-secret-1');
    expect(doorCodeFor('door-secret-2', '2026-03-06')).not.toBe(a);
    expect(doorCodeFor('door-secret-1', '2026-03-06')).toBe(a);
  });

  it('lists the earlier days across month and year ends', () => {
    expect(previousDays('2026-03-01', 2)).toEqual(['2026-02-28', '2026-02-27']);
    expect(previousDays('2027-01-01', 1)).toEqual(['2026-12-31']);
  });
});
