import { useEffect, useState } from 'preact/hooks';
import type { ClockHealth } from '../common/types.js';
import type { Reply } from '../common/wire/replies.js';
import { call } from '../ui-shared/api.js';
import { session } from './admin-api.js';
import { useLang, useT } from '../ui-shared/i18n.js';
import { S } from './strings/clock.js';

/** Warns the admin when the server clock jumped or is not synchronised (from GET /api/v1/health, every minute). */
export function ClockBanner() {
  const t = useT(S);
  const lang = useLang();
  const [clock, setClock] = useState<ClockHealth | null>(null);
  useEffect(() => {
    let live = true;
    // The clock is detail for the hall's staff: anonymous health is status only, so send the admin's token.
    const load = () => call<Reply<'Health'>>('GET', '/api/v1/health', undefined, { token: session.get()?.token ?? null }).then((h) => live && setClock('clock' in h ? h.clock : null), () => undefined);
    load();
    const timer = setInterval(load, 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  if (!clock?.warning) return null;
  if (clock.warning === 'jumped' && clock.lastJump) {
    const time = new Date(clock.lastJump.at).toLocaleString(lang === 'en' ? 'en-GB' : lang, { hour12: false });
    const s = clock.lastJump.seconds;
    return <p class="banner banner-warn clock-banner" role="alert">{t('clockJumped', { time, seconds: `${s > 0 ? '+' : ''}${s}` })}</p>;
  }
  return <p class="banner banner-warn clock-banner" role="alert">{t('clockUnsynced')}</p>;
}
