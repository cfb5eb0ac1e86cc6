import type { Lang } from '../common/types.js';
import { useLang } from '../ui-shared/i18n.js';
import { useNow } from '../ui-shared/store.js';
import { serverNow } from './hall-state.js';

const tz = new URLSearchParams(location.search).get('tz') ?? 'Asia/Shanghai';
const locale = (l: Lang) => (l === 'en' ? 'en-GB' : l);

/** Hall time (server clock, hall time zone), never the box's own idea of it. */
export function Clock() {
  useNow(1000);
  const lang = useLang();
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
