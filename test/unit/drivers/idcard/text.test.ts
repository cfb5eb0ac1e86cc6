import { describe, expect, it } from 'vitest';
import { DEMO_HMT_PERMIT, DEMO_RESIDENT } from '../../../../drivers/idcard/demo-cards.js';
import { idCheckDigit, isValidIdNumber } from '../../../../drivers/idcard/id-number.js';
import { NATIONS, nationName } from '../../../../drivers/idcard/nations.js';
import { decodeIdText, encodeIdText } from '../../../../drivers/idcard/text.js';
import { DeviceError } from '../../../../drivers/transport/types.js';

/** Built by hand from the offsets table, independently of text.ts. */
function handText(over: Record<number, string> = {}): Buffer {
  const t = Buffer.from(' '.repeat(128), 'utf16le');
  const fields: Record<number, string> = {
    0: '李四',
    30: '2',
    32: '03',
    36: '19480229',
    52: '河南省开封市顺河回族区',
    122: '11010519491231002X',
    158: '开封市公安局',
    188: '20100101',
    204: '长期',
    ...over,
  };
  for (const [off, s] of Object.entries(fields)) t.write(s, Number(off), 'utf16le');
  return t;
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DeviceError);
    return (e as DeviceError).code;
  }
  return 'no error';
}

describe('ID text area', () => {
  it('decodes a hand-built resident card', () => {
    expect(decodeIdText(handText())).toEqual({
      cardType: 'resident',
      name: '李四',
      gender: 'female',
      nationCode: '03',
      nation: '回',
      birthDate: '1948-02-29',
      address: '河南省开封市顺河回族区',
      idNumber: '11010519491231002X',
      authority: '开封市公安局',
      validFrom: '2010-01-01',
      validTo: 'long-term',
    });
  });

  it('round-trips through the encoder', () => {
    const t = encodeIdText(DEMO_RESIDENT);
    expect(t.length).toBe(256);
    expect(decodeIdText(t)).toEqual({ ...DEMO_RESIDENT, cardType: 'resident', nation: '汉' });
  });

  it('decodes gender codes 0 1 2 9 and rejects others', () => {
    expect(decodeIdText(handText({ 30: '0' })).gender).toBe('unknown');
    expect(decodeIdText(handText({ 30: '1' })).gender).toBe('male');
    expect(decodeIdText(handText({ 30: '9' })).gender).toBe('unspecified');
    expect(codeOf(() => decodeIdText(handText({ 30: '5' })))).toBe('INVALID_CARD_DATA');
  });

  it('knows all 56 nations plus 97 and 98', () => {
    expect(Object.keys(NATIONS)).toHaveLength(58);
    for (let i = 1; i <= 56; i++) expect(nationName(String(i).padStart(2, '0'))).toBeTruthy();
    expect(nationName('56')).toBe('基诺');
    expect(nationName('29')).toBe('柯尔克孜');
    expect(nationName('97')).toBe('其他');
    expect(nationName('98')).toBe('外国血统');
    expect(nationName('57')).toBeUndefined();
    expect(nationName('toString')).toBeUndefined();
    expect(codeOf(() => decodeIdText(handText({ 32: '57' })))).toBe('INVALID_CARD_DATA');
  });

  it('decodes a Hong Kong / Macao / Taiwan residence permit (J)', () => {
    const c = decodeIdText(encodeIdText(DEMO_HMT_PERMIT));
    expect(c).toMatchObject({ cardType: 'hmt-residence-permit', passNumber: 'H01234567', issueCount: 1, nation: '', idNumber: '810000198506120024' });
    const raw = encodeIdText(DEMO_HMT_PERMIT);
    expect(raw.toString('utf16le', 248, 250)).toBe('J');
  });

  it('says clearly that foreigner cards are not supported yet', () => {
    for (const letter of ['I', 'Y']) {
      const t = handText({ 248: letter });
      expect(codeOf(() => decodeIdText(t))).toBe('CARD_TYPE_UNSUPPORTED');
      expect(() => decodeIdText(t)).toThrow(/not supported yet/);
    }
  });

  it('rejects a misread ID number (check digit), accepts a lowercase x', () => {
    expect(codeOf(() => decodeIdText(handText({ 122: '110105194912310021' })))).toBe('INVALID_CARD_DATA');
    expect(decodeIdText(handText({ 122: '11010519491231002x' })).idNumber).toBe('11010519491231002X');
  });

  it('accepts NUL padding and rejects impossible dates', () => {
    const t = handText();
    t.fill(0, 4, 30); // name '李四' then NULs
    expect(decodeIdText(t).name).toBe('李四');
    expect(codeOf(() => decodeIdText(handText({ 36: '19490230' })))).toBe('INVALID_CARD_DATA');
    expect(codeOf(() => decodeIdText(Buffer.alloc(255)))).toBe('INVALID_CARD_DATA');
  });

  it('refuses to encode a field that does not fit', () => {
    expect(() => encodeIdText({ ...DEMO_RESIDENT, name: '名'.repeat(16) })).toThrow(/does not fit/);
  });
});

describe('ID number check digit (ISO 7064 MOD 11-2)', () => {
  it('matches the standard example and known numbers', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(idCheckDigit('41010219900307123')).toBe('0');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('410102199003071230')).toBe(true);
    expect(isValidIdNumber('410102199003071231')).toBe(false);
    expect(isValidIdNumber('41010219900307123')).toBe(false);
    expect(isValidIdNumber('4101021990030712A0')).toBe(false);
  });

  it('catches every single-digit typo in a valid number', () => {
    const id = '410102199003071230';
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === id[i]) continue;
        expect(isValidIdNumber(id.slice(0, i) + d + id.slice(i + 1))).toBe(false);
      }
    }
  });
});
