import { describe, expect, it } from 'vitest';
import type { PrintedItem } from '../../../../drivers/printer/decoder.js';
import { renderAscii, renderSvg } from '../../../../drivers/printer/render.js';

const items: PrintedItem[] = [
  { kind: 'line', align: 'center', runs: [{ text: '<大厅>', width: 1, height: 1, bold: true }], text: '<大厅>', dots: 72, height: 1 },
  { kind: 'line', align: 'right', runs: [{ text: 'A1', width: 2, height: 2, bold: false }], text: 'A1', dots: 48, height: 2 },
  { kind: 'line', align: 'left', runs: [{ text: 'x'.repeat(40), width: 1, height: 1, bold: false }], text: 'x'.repeat(40), dots: 480, height: 1 },
  { kind: 'qr', align: 'center', data: 'https://q', moduleSize: 4, errorLevel: 'M' },
  { kind: 'cut', partial: true, feed: 0 },
];

describe('virtual printer rendering', () => {
  it('draws aligned, scaled lines in a paper-wide box and flags overflow', () => {
    const rows = renderAscii(items, 58).split('\n');
    expect(rows[0]).toBe(`|${' '.repeat(13)}<大厅>${' '.repeat(13)}|`);
    expect(rows[1]).toBe(`|${' '.repeat(28)}A 1 | x2`);
    expect(rows[2]).toMatch(/\| !overflow$/);
    expect(rows.some((r) => r.includes('█'))).toBe(true);
    expect(rows).toContain(`|${'[QR M] https://q'.padEnd(32)}|`);
    expect(rows[rows.length - 1]).toContain('8<');
  });

  it('makes an SVG the width of the paper with escaped text and a QR path', () => {
    const svg = renderSvg(items, 80);
    expect(svg).toMatch(/^<svg [^>]*width="576"/);
    expect(svg).toContain('&#60;大厅&#62;');
    expect(svg).not.toContain('<大厅>');
    expect(svg).toMatch(/<path d="M\d+ \d+h4v4h-4z/);
    expect(svg).toContain('stroke-dasharray');
  });
});
