import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../server/domain/errors.js';
import { assertQuota, formatNumber } from '../../../server/domain/numbering.js';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('formatNumber', () => {
  it('pads the sequence to the service width', () => {
    expect(formatNumber('A', 1, 3)).toBe('A001');
    expect(formatNumber('A', 12, 3)).toBe('A012');
    expect(formatNumber('B', 7, 4)).toBe('B0007');
    expect(formatNumber('GC', 5, 2)).toBe('GC05');
    expect(formatNumber('ABC', 42, 3)).toBe('ABC042');
  });

  it('fills the width exactly at its largest value', () => {
    expect(formatNumber('A', 999, 3)).toBe('A999');
  });

  it('grows past the width instead of wrapping or truncating (A999 -> A1000)', () => {
    expect(formatNumber('A', 1000, 3)).toBe('A1000');
    expect(formatNumber('A', 12345, 3)).toBe('A12345');
    // a wrap would give A000 / A001 — a number someone already holds today
    expect(formatNumber('A', 1001, 3)).not.toBe('A001');
  });

  it('width 0 or 1 means no padding', () => {
    expect(formatNumber('A', 7, 0)).toBe('A7');
    expect(formatNumber('A', 7, 1)).toBe('A7');
  });

  it.each(['', 'a', 'ab', 'ABCD', 'A1', '1', 'A-', ' A', 'Ä', '甲'])('prefix %j is INVALID_PREFIX', (prefix) => {
    const e = caught(() => formatNumber(prefix, 1, 3));
    expect(e.code).toBe('INVALID_PREFIX');
    expect(e.field).toBe('prefix');
  });

  it.each([0, -1, 1.5, Number.NaN])('sequence %s is INVALID_SEQUENCE', (seq) => {
    expect(caught(() => formatNumber('A', seq, 3)).code).toBe('INVALID_SEQUENCE');
  });
});

describe('assertQuota', () => {
  it('no quota (null) never blocks', () => {
    expect(() => assertQuota(0, null, '户籍办理')).not.toThrow();
    expect(() => assertQuota(1_000_000, null, '户籍办理')).not.toThrow();
  });

  it('the last ticket under the quota can still be taken (99 issued of 100)', () => {
    expect(() => assertQuota(99, 100, '户籍办理')).not.toThrow();
  });

  it('quota reached (100 of 100) and beyond are QUOTA_REACHED with a message naming the quota and service', () => {
    for (const issued of [100, 101]) {
      const e = caught(() => assertQuota(issued, 100, '不动产登记'));
      expect(e.code).toBe('QUOTA_REACHED');
      expect(e.message).toContain('100');
      expect(e.message).toContain('不动产登记');
      expect(e.message).toMatch(/tomorrow/);
    }
  });

  it('quota 0 takes no tickets at all', () => {
    expect(caught(() => assertQuota(0, 0, 'X')).code).toBe('QUOTA_REACHED');
  });
});
