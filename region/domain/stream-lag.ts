/**
 * How far the region is behind a hall: the events the hall has that the region has not
 * stored yet, and the seconds between the hall's newest event and the newest one stored.
 * A hall that never said where its log ends (older halls) has an unknown lag. Pure.
 */
import type { UplinkHead } from '../../common/region.js';

export interface StreamLag {
  lagEvents: number | null;
  lagSeconds: number | null;
}

export function streamLag(head: UplinkHead | null, highWater: number, lastEventAt: string | null): StreamLag {
  if (!head) return { lagEvents: null, lagSeconds: null };
  const lagEvents = Math.max(0, head.seq - highWater);
  if (lagEvents === 0) return { lagEvents: 0, lagSeconds: 0 };
  // nothing stored yet: behind by the hall's whole log, whose first event's time the region does not know
  if (!head.at || !lastEventAt) return { lagEvents, lagSeconds: null };
  return { lagEvents, lagSeconds: Math.max(0, Math.round((Date.parse(head.at) - Date.parse(lastEventAt)) / 1000)) };
}
