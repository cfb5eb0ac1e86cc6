import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../server/domain/errors.js';
import {
  ageOn,
  assertIdNumber,
  birthDateFromId,
  idCheckChar,
  isValidIdNumber,
  maskIdNumber,
  maskName,
} from '../../../server/domain/identity.js';

describe('ID number check character (ISO 7064 MOD 11-2, GB 11643)', () => {
  it('11010519491231002X (the widely published example) ends in X — by hand', () => {
    // digits  1 1  0 1 0 5 1 9 4 9 1 2  3 1 0 0 2
    // weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    // products 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 (165 = 15·11)
    // check table for remainders 0..10: 1 0 X 9 8 7 6 5 4 3 2 -> remainder 2 is X
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
  });

  it('440524188001010014 ends in 4 — by hand', () => {
    // 4·7+4·9+0·10+5·5+2·8+4·4+1·2+8·1+8·6+0·3+0·7+1·9+0·10+1·5+0·8+0·4+1·2
    // = 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 mod 11 = 8 (187 = 17·11) -> '4'
    expect(idCheckChar('44052418800101001')).toBe('4');
    expect(isValidIdNumber('440524188001010014')).toBe(true);
  });

  it('all-zero body: sum 0, remainder 0 -> check 1', () => {
    expect(idCheckChar('00000000000000000')).toBe('1');
  });

  it('a body whose sum is 1 mod 11 gets check 0', () => {
    // only the 8th digit (weight 1) is 1: sum = 1 -> '0'
    expect(idCheckChar('00000001000000000')).toBe('0');
  });

  it('every remainder 0..10 maps to the standard check character (12 − r) mod 11, 10 written X', () => {
    // A body with a single 1 at index 2 (weight 10) sums to 10; a single digit d at index 7
    // (weight 1) sums to d. So these 11 bodies cover every remainder exactly once.
    const bodyFor = (r: number) =>
      r === 10 ? '00100000000000000' : `0000000${r}000000000`;
    for (let r = 0; r <= 10; r++) {
      const v = (12 - r) % 11;
      expect(idCheckChar(bodyFor(r)), `remainder ${r}`).toBe(v === 10 ? 'X' : String(v));
    }
  });

  it('rejects a wrong check character, any single changed digit, and bad shapes', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231003X')).toBe(false); // one body digit changed
    expect(isValidIdNumber('11010519491231002')).toBe(false); // 17 characters
    expect(isValidIdNumber('11010519491231002X0')).toBe(false);
    expect(isValidIdNumber('1101051949123100XX')).toBe(false);
    expect(isValidIdNumber('')).toBe(false);
  });

  it('every single-digit substitution of a valid number is detected', () => {
    const valid = '11010519491231002X';
    for (let i = 0; i < 17; i++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === valid[i]) continue;
        const changed = valid.slice(0, i) + digit + valid.slice(i + 1);
        expect(isValidIdNumber(changed), changed).toBe(false);
      }
    }
  });

  it('assertIdNumber trims and upper-cases, then validates', () => {
    expect(assertIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
    try {
      assertIdNumber('110105194912310021');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('INVALID_ID_NUMBER');
      expect((e as DomainError).field).toBe('idCard.idNumber');
    }
  });
});

describe('masks', () => {
  it.each([
    ['张三', '张*'],
    ['张三丰', '张*丰'],
    ['欧阳娜娜', '欧**娜'],
    ['司马相如', '司**如'],
    ['  李四 ', '李*'],
  ])('%s -> %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('counts characters, not UTF-16 units (names with CJK Extension B characters)', () => {
    // 𠀾 is U+2003E, two UTF-16 code units; 𠀾小明 is 3 characters -> 𠀾*明
    expect(maskName('𠀾小明')).toBe('𠀾*明');
    expect(maskName('王𠀾')).toBe('王*');
  });

  it('empty name stays empty', () => {
    expect(maskName('')).toBe('');
    expect(maskName('   ')).toBe('');
  });

  // Names reach screens and tickets only masked (DESIGN.md, privacy rules). Until the domain
  // started re-using drivers/idcard/mask.ts, the domain's own maskName returned a
  // one-character name in clear ('张' -> '张'); this guards against that coming back.
  it('a one-character name is masked, not shown in clear', () => {
    expect(maskName('张')).toBe('*');
    expect(maskName(' 𠀾 ')).toBe('*');
  });

  it('ID number keeps only the last character (area, birth date and sequence digits hidden)', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('*****************X');
    expect(maskIdNumber('11010519491231002X')).toHaveLength(18);
    expect(maskIdNumber('410102199001011234')).toBe('*****************4');
  });

  it('short values are fully masked rather than shown', () => {
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('birth date and age', () => {
  it('birth date from digits 7–14', () => {
    expect(birthDateFromId('11010519491231002X')).toBe('1949-12-31');
  });

  it('age turns over on the birthday, not the day before', () => {
    expect(ageOn('1956-05-20', '2026-05-19')).toBe(69);
    expect(ageOn('1956-05-20', '2026-05-20')).toBe(70);
    expect(ageOn('1956-05-20', '2026-05-21')).toBe(70);
  });

  it('month before / after the birthday month', () => {
    expect(ageOn('1956-05-20', '2026-04-30')).toBe(69);
    expect(ageOn('1956-05-20', '2026-06-01')).toBe(70);
  });

  it('year boundary: born 31 Dec, asked 1 Jan', () => {
    expect(ageOn('1949-12-31', '2026-01-01')).toBe(76);
    expect(ageOn('1949-12-31', '2025-12-31')).toBe(76);
    expect(ageOn('1949-12-31', '2025-12-30')).toBe(75);
  });

  it('29 February birthday: not yet on 28 Feb of a common year, reached on 1 March', () => {
    expect(ageOn('1956-02-29', '2026-02-28')).toBe(69);
    expect(ageOn('1956-02-29', '2026-03-01')).toBe(70);
    expect(ageOn('1956-02-29', '2028-02-29')).toBe(72);
  });

  it('on the day of birth the age is 0', () => {
    expect(ageOn('2026-11-28', '2026-11-28')).toBe(0);
  });
});
