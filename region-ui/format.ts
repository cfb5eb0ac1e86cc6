/** Small formatters shared by the region views. */
export const secondsSince = (iso: string | null, now: number) => (iso ? Math.max(0, Math.round((now - Date.parse(iso)) / 1000)) : null);

type T = (key: 'none' | 'minutes' | 'never' | 'secondsAgo' | 'minutesAgo', vars?: Record<string, string | number>) => string;

/** "12 分钟" since a waiting ticket was queued, or "—". */
export const waitText = (t: T, since: string | null, now: number) => {
  const s = secondsSince(since, now);
  return s === null ? t('none') : t('minutes', { n: Math.floor(s / 60) });
};

/** How long ago the region last heard from the hall. */
export const lagText = (t: T, lastReceivedAt: string | null, now: number) => {
  const s = secondsSince(lastReceivedAt, now);
  return s === null ? t('never') : s < 120 ? t('secondsAgo', { n: s }) : t('minutesAgo', { n: Math.floor(s / 60) });
};
