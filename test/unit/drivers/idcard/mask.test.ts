import { describe, expect, it } from 'vitest';
import { ageAt, maskIdNumber, maskName } from '../../../../drivers/idcard/mask.js';

describe('masking', () => {
  it('masks names keeping first and last character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('买买提·艾力')).toBe('买****力');
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskName('𠮷野家')).toBe('𠮷*家'); // astral character counts as one
  });

  it('masks ID numbers to first 4 + last 4', () => {
    expect(maskIdNumber('410102199003071234')).toBe('*****************4');
    expect(maskIdNumber('11010519491231002X')).toBe('*****************X');
    expect(maskIdNumber('810000199408230024')).toBe('*****************4');
    expect(maskIdNumber('H0123456')).toBe('********');
  });
});

describe('age', () => {
  it('counts completed years', () => {
    expect(ageAt('1990-03-07', '2026-03-06')).toBe(35);
    expect(ageAt('1990-03-07', '2026-03-07')).toBe(36);
    expect(ageAt('19900307', '20260308')).toBe(36);
  });

  it('handles 29 February birthdays', () => {
    expect(ageAt('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageAt('2000-02-29', '2001-03-01')).toBe(1);
    expect(ageAt('2000-02-29', '2004-02-29')).toBe(4);
  });

  it('rejects bad input', () => {
    expect(() => ageAt('1990/03/07', '2026-01-01')).toThrow(RangeError);
    expect(() => ageAt('2026-01-02', '2026-01-01')).toThrow(RangeError);
  });
});
