import type { TrackView } from '../common/types.js';
import type { Reply } from '../common/wire/replies.js';
import type { Observable } from '../ui-shared/store.js';
import { EV } from '../common/events.js';
import type { Link } from '../ui-shared/realtime.js';
import { alertNear } from './alerts.js';

/**
 * "Almost your turn" on the phone page (issue 13 item 11): when the ticket is
 * `notifyAhead` places from the front, a short tone and a vibration — once per
 * ticket, and only after the citizen tapped the one consent button of the page
 * (alerts.ts: browsers block sound and vibration until the page was touched).
 */
export function watchNear(view: Observable<TrackView | null>): void {
  view.subscribe((v) => {
    if (!v || v.status !== 'waiting' || !v.notifyAhead || v.waitingAhead > v.notifyAhead) return;
    alertNear(v.number);
  });
}

/**
 * The server pushes a ticket's page only when that ticket changes; the places
 * ahead change with every call. While waiting, a queue change (`queue`, sent to
 * every screen) asks for the page again — at most once per `everyMs`, with a
 * random offset so a hall full of phones does not ask all at once.
 */
export function followQueue(link: Link<'/display'>, token: string, view: Observable<TrackView | null>, everyMs = 15_000): void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const ask = () => {
    timer = null;
    last = Date.now();
    link.request<Reply<'Track'>>(EV.track, { token }).then((r) => view.set(r.view)).catch(() => undefined);
  };
  link.on(EV.queue, () => {
    const v = view.get();
    if (!v || (v.status !== 'waiting' && v.status !== 'remote') || timer) return;
    const wait = Math.max(0, last + everyMs - Date.now()) + Math.random() * 1_000;
    timer = setTimeout(ask, wait);
  });
}
