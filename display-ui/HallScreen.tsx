import type { CalledEvent, HallSnapshot, WindowState } from '../common/types.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { useStore } from '../ui-shared/store.js';
import { Clock } from './clock.js';
import { flash } from './hall-state.js';
import { S } from './strings.js';
import { serviceFacts } from './service-facts.js';
import { DoorQr } from './door-qr.js';

function CallNow({ call }: { call: CalledEvent | undefined }) {
  const t = useT(S);
  const lang = useLang();
  const live = useStore(flash);
  if (!call) return <div class="call-now empty">{t('idle')}</div>;
  const flashing = live && live.ticketId === call.ticketId && live.calledAt === call.calledAt;
  return (
    // key restarts the highlight animation on every call, recalls included
    <div key={call.calledAt + call.ticketId} class={`call-now ${flashing ? 'flash' : ''}`} aria-live="assertive">
      <div class="call-num num">{call.ticketNumber}</div>
      <div class="call-to">
        {t('goTo', { window: '\u0000' })
          .split('\u0000')
          .flatMap((piece, i) => (i ? [<b class="num">{call.windowNumber}</b>, piece] : [piece]))}
      </div>
      <div class="call-svc">
        {loc(call.serviceNames, lang) || call.serviceName}
        {call.recall && <span class="tag">{t('recall')}</span>}
      </div>
    </div>
  );
}

function WindowCard({ w }: { w: WindowState }) {
  const t = useT(S);
  const live = useStore(flash);
  const hot = live?.windowId === w.id;
  let body;
  if (w.status === 'closed') body = <span class="w-state">{t('closed')}</span>;
  else if (w.status === 'paused') body = <span class="w-state paused">{t('paused')}</span>;
  else if (w.current && (w.current.status === 'called' || w.current.status === 'serving')) body = <span class="w-num num">{w.current.number}</span>;
  else body = <span class="w-state free">{t('free')}</span>;
  return (
    <li class={`win ${w.status} ${hot ? 'hot' : ''}`}>
      <span class="w-no num">{w.number}</span>
      {/* "3号窗口" next to a big 3 says nothing new; only a real name is shown */}
      <span class="w-name">{w.name.startsWith(String(w.number)) ? '' : w.name}</span>
      {body}
    </li>
  );
}

export function HallScreen({ s }: { s: HallSnapshot }) {
  const t = useT(S);
  const lang = useLang();
  const recent = s.recentCalls.slice(1, 7);
  const notices = s.notices.map((n) => loc(n, lang)).filter(Boolean);
  // The hall's notices, then each service's fees and promised time, in one rotating ticker.
  const ticker = [...notices, ...serviceFacts(s, lang)].join('　　◆　　');
  return (
    <div class={`hall ${ticker ? '' : 'no-ticker'}`}>
      <header class="top">
        <h1>{loc(s.hallName, lang)}</h1>
        <Clock />
      </header>
      <main class="hall-main">
        <section class="call-panel" aria-label={t('nowCalling')}>
          <h2>{t('nowCalling')}</h2>
          <CallNow call={s.recentCalls[0]} />
          <h2>{t('recent')}</h2>
          <ol class="recent">
            {recent.map((c) => (
              <li key={c.ticketId + c.calledAt}>
                <span class="r-num num">{c.ticketNumber}</span>
                <span class="r-arrow" aria-hidden="true">→</span>
                <span class="r-win">{t('window', { n: c.windowNumber })}</span>
                <span class="r-svc">{loc(c.serviceNames, lang) || c.serviceName}</span>
              </li>
            ))}
          </ol>
        </section>
        <section class="win-panel" aria-label={t('windows')}>
          <h2>{t('windows')}</h2>
          <ul class={`wins ${s.windows.length > 10 ? 'many' : ''}`}>
            {s.windows.map((w) => (
              <WindowCard key={w.id} w={w} />
            ))}
          </ul>
        </section>
      </main>
      <section class="waiting-bar" aria-label={t('waiting')}>
        <h2>{t('waiting')}</h2>
        <ul>
          {s.services.map((x) => (
            <li key={x.id}>
              <span class="q-name">{loc(x.name, lang)}</span>
              <span class="q-n num">{x.waiting}</span>
            </li>
          ))}
        </ul>
        <DoorQr />
      </section>
      {ticker && (
        <footer class="ticker" aria-label="notices">
          <div class="ticker-track" style={{ animationDuration: `${Math.max(20, ticker.length * 0.35)}s` }}>
            <span>{ticker}</span>
            <span aria-hidden="true">{ticker}</span>
          </div>
        </footer>
      )}
    </div>
  );
}
