/**
 * Descriptive statistics for reports. Percentiles interpolate linearly between
 * the closest ranks (Excel PERCENTILE.INC, numpy's default): on sorted values
 * x[0..n-1], the p-quantile is at rank h = (n − 1)·p, i.e.
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). The median is the 0.5-quantile.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  if (p <= 0) return sorted[0];
  if (p >= 1) return sorted[sorted.length - 1];
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export const sortNumbers = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/** Seconds rounded to one decimal, keeping null. */
export const roundSeconds = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);

/** A share rounded to four decimals, keeping null. */
export const roundShare = (v: number | null): number | null => (v === null ? null : Math.round(v * 10_000) / 10_000);

export const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
