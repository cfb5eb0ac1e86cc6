import type { Lang } from '../common/types.js';
import { useLang } from '../ui-shared/i18n.js';
import { useNow } from '../ui-shared/store.js';
import { useStore } from '../ui-shared/store.js';
import { hall, serverNow } from './hall-state.js';

const tzParam = new URLSearchParams(location.search).get('tz');
const locale = (l: Lang) => (l === 'en' ? 'en-GB' : l);

/** Hall time (server clock, hall time zone), never the box's own idea of it. */
export function Clock() {
  useNow(1000);
  const lang = useLang();
  // The hall's zone from its settings (live), unless the URL pins one.
  const snap = useStore(hall);
  const tz = tzParam ?? snap?.timeZone ?? 'Asia/Shanghai';
  const d = new Date(serverNow());
  const time = d.toLocaleTimeString(locale(lang), { timeZone: tz, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const date = d.toLocaleDateString(locale(lang), { timeZone: tz, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
  return (
    <div class="clock">
      <div class="clock-time num">{time}</div>
      <div class="clock-date">{date}</div>
    </div>
  );
}
