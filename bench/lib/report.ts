import { round } from './stats.js';

/** One benchmark figure next to its same-run baseline. `ratio` is value / baseline. */
export interface BenchCase {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  /** Human-readable target, e.g. "ratio >= 1.0"; null when there is none. */
  target: string | null;
  pass: boolean | null;
  note?: string;
}

export function benchCase(
  name: string,
  value: number,
  unit: string,
  baseline: number | null,
  target: { text: string; pass: (value: number, ratio: number | null) => boolean } | null,
  note?: string,
): BenchCase {
  const ratio = baseline ? round(value / baseline, 3) : null;
  return {
    name,
    value: round(value, 2),
    unit,
    baseline: baseline === null ? null : round(baseline, 2),
    ratio,
    target: target?.text ?? null,
    pass: target ? target.pass(value, ratio) : null,
    ...(note ? { note } : {}),
  };
}

export function printTable(cases: BenchCase[]): void {
  const rows = cases.map((c) => [
    c.name,
    `${c.value} ${c.unit}`,
    c.baseline === null ? '-' : `${c.baseline} ${c.unit}`,
    c.ratio === null ? '-' : `${c.ratio}x`,
    c.target ?? '-',
    c.pass === null ? '-' : c.pass ? 'PASS' : 'FAIL',
  ]);
  const head = ['case', 'value', 'baseline', 'ratio', 'target', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
}
