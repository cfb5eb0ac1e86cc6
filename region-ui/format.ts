/** Small formatters shared by the region views. */
import type { HallLive } from '../common/region.js';

export const secondsSince = (iso: string | null, now: number) => (iso ? Math.max(0, Math.round((now - Date.parse(iso)) / 1000)) : null);

type Key = 'none' | 'minutes' | 'seconds' | 'never' | 'secondsAgo' | 'minutesAgo' | 'caughtUp' | 'lagUnknown' | 'behind' | 'behindEvents' | 'ratedN';
type T = (key: Key, vars?: Record<string, string | number>) => string;

/** "12 分钟" since a waiting ticket was queued, or "—". */
export const waitText = (t: T, since: string | null, now: number) => {
  const s = secondsSince(since, now);
  return s === null ? t('none') : t('minutes', { n: Math.floor(s / 60) });
};

/** How long ago the region last heard from the hall (a quiet hall is heard from seldom, and may still be caught up). */
export const heardText = (t: T, lastReceivedAt: string | null, now: number) => {
  const s = secondsSince(lastReceivedAt, now);
  return s === null ? t('never') : s < 120 ? t('secondsAgo', { n: s }) : t('minutesAgo', { n: Math.floor(s / 60) });
};

/** How far the region is behind the hall's own log: "已同步", "落后 120 条 · 35 秒", or unknown (a hall that does not say where its log ends). */
export const lagText = (t: T, h: Pick<HallLive, 'lagEvents' | 'lagSeconds'>) => {
  if (h.lagEvents === null) return t('lagUnknown');
  if (h.lagEvents === 0) return t('caughtUp');
  if (h.lagSeconds === null) return t('behindEvents', { n: h.lagEvents });
  const s = h.lagSeconds;
  return t('behind', { n: h.lagEvents, time: s < 120 ? t('seconds', { n: s }) : t('minutes', { n: Math.floor(s / 60) }) });
};

/** A share as the hall's report shows it: "92%", or "—" when there is none (nobody rated, no promised time). */
export const shareText = (t: T, share: number | null) => (share === null ? t('none') : `${Math.round(share * 100)}%`);
/** Today's satisfaction: "92%", or "—" when nobody rated. */
export const satisfactionText = shareText;

/** How many ratings, all grades. */
export const ratingCount = (ratings: HallLive['ratingsToday']) => ratings['1'] + ratings['2'] + ratings['3'] + ratings['4'] + ratings['5'];
/** How many rated today ("25 条评价"). */
export const ratedText = (t: T, ratings: HallLive['ratingsToday']) => t('ratedN', { n: ratingCount(ratings) });

/** A report's seconds as minutes with one decimal ("3.5 分钟"), or "—". */
export const minutesText = (t: T, seconds: number | null) => (seconds === null ? t('none') : t('minutes', { n: (seconds / 60).toFixed(1) }));

/** Behind by a minute or more (or by events whose age is unknown): shown as a warning. Streaming a few seconds behind is normal. */
export const isLagging = (h: Pick<HallLive, 'lagEvents' | 'lagSeconds'>) => !!h.lagEvents && (h.lagSeconds === null || h.lagSeconds >= 60);
