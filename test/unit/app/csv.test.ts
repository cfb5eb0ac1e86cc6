import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../server/app/csv.js';

describe('csvCell (OWASP CSV injection)', () => {
  it('prefixes text that starts a formula with a single quote and quotes the cell', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('+86 138')).toBe(`"'+86 138"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\t=cmd')).toBe(`"'\t=cmd"`);
    expect(csvCell('\r=cmd')).toBe(`"'\r=cmd"`);
    expect(csvCell('=A1&"x"')).toBe(`"'=A1&""x"""`);
  });

  it('leaves ordinary text and numbers alone (a negative figure stays a number)', () => {
    expect(csvCell('不动产登记')).toBe('不动产登记');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
  });

  it('toCsv escapes headings and cells alike', () => {
    expect(toCsv(['=h'], [{ '=h': '@x' }])).toBe(`\uFEFF"'=h"\r\n"'@x"\r\n`);
  });
});
