/**
 * The one CSV writer of the hall: every export (reports, ratings) goes through it.
 *
 * Cells are escaped against formula injection as OWASP advises: a text cell that
 * begins with `=`, `+`, `-`, `@`, a tab or a carriage return (which Excel, WPS and
 * LibreOffice read as the start of a formula) gets a leading single quote, and such
 * a cell is always quoted. Numbers stay numbers (a negative figure is not text).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  let s = String(v);
  const formula = FORMULA_START.test(s);
  if (formula) s = `'${s}`;
  return formula || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a BOM so Excel opens the Chinese headings correctly; CRLF line ends. */
export function toCsv(header: string[], lines: Record<string, unknown>[]): string {
  const out = [header.map(csvCell).join(',')];
  for (const l of lines) out.push(header.map((h) => csvCell(l[h])).join(','));
  return '\uFEFF' + out.join('\r\n') + '\r\n';
}
