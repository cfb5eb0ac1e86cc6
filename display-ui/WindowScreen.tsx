import type { HallSnapshot } from '../common/types.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { useStore } from '../ui-shared/store.js';
import { Clock } from './clock.js';
import { flash } from './hall-state.js';
import { S } from './strings.js';

/** The TV above one window: its number, what it is doing, who it serves now. */
export function WindowScreen({ s, number }: { s: HallSnapshot; number: number }) {
  const t = useT(S);
  const lang = useLang();
  const live = useStore(flash);
  const w = s.windows.find((x) => x.number === number);
  if (!w) return <div class="wscreen"><div class="ws-missing">{t('window', { n: number })} ?</div></div>;
  const waiting = s.services.filter((x) => w.serviceIds.includes(x.id)).reduce((n, x) => n + x.waiting, 0);
  const names = s.services.filter((x) => w.serviceIds.includes(x.id)).map((x) => loc(x.name, lang));
  const cur = w.current && (w.current.status === 'called' || w.current.status === 'serving') ? w.current : null;
  const hot = live?.windowId === w.id;
  return (
    <div class={`wscreen ${w.status}`}>
      <header class="ws-head">
        <div class="ws-no">
          <span class="num">{w.number}</span>
          <small>{t('window', { n: '' }).trim()}</small>
        </div>
        <div class="ws-title">
          {/* A default name ("3号窗口") repeats the badge: the services are the title then. */}
          {w.name.startsWith(String(w.number)) ? (
            <div class="ws-name">{names.join(' · ')}</div>
          ) : (
            <>
              <div class="ws-name">{w.name}</div>
              <div class="ws-svcs">{names.join(' · ')}</div>
            </>
          )}
        </div>
        <Clock />
      </header>
      <main class="ws-main">
        {w.status === 'closed' && <div class="ws-state">{t('closed')}</div>}
        {w.status === 'paused' && (
          <div class="ws-state paused">
            {t('paused')}
            {w.pauseReason && <small>{w.pauseReason}</small>}
          </div>
        )}
        {w.status === 'open' && cur && (
          <div key={cur.id + (cur.calledAt ?? '')} class={`ws-call ${hot ? 'flash' : ''}`}>
            <div class="ws-label">{cur.status === 'serving' ? t('serving') : t('nowCalling')}</div>
            <div class="ws-num num">{cur.number}</div>
          </div>
        )}
        {w.status === 'open' && !cur && <div class="ws-state free">{t('free')}</div>}
      </main>
      <footer class="ws-foot">
        <span>{t('nextWaiting', { n: waiting })}</span>
        {w.staffName && <span>{w.staffName}</span>}
      </footer>
    </div>
  );
}
