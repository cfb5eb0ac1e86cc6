/** Default handling time when a service has no finished tickets yet. */
export const DEFAULT_SERVICE_SECONDS = 300;

/** Mean of the most recent `window` service durations (seconds), or the fallback. */
export function rollingAverage(durations: readonly number[], window: number, fallbackSeconds: number): number {
  const recent = durations.filter((d) => Number.isFinite(d) && d >= 0).slice(-Math.max(1, window));
  if (recent.length === 0) return fallbackSeconds;
  return recent.reduce((a, b) => a + b, 0) / recent.length;
}

/** People ahead × average service time ÷ windows open for the service (at least one). */
export function estimateWaitSeconds(peopleAhead: number, averageServiceSeconds: number, openWindows: number): number {
  if (peopleAhead <= 0) return 0;
  return Math.round((peopleAhead * averageServiceSeconds) / Math.max(1, openWindows));
}
