import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../ui-shared/tokens.css';
import './track.css';
import type { TrackView } from '../common/types.js';
import type { Reply } from '../common/wire/replies.js';
import { EV, NS } from '../common/events.js';
import { ApiFailure, get } from '../ui-shared/api.js';
import { ConnectionBanner, LangSwitch } from '../ui-shared/components.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { Link } from '../ui-shared/realtime.js';
import { Observable, useStore } from '../ui-shared/store.js';
import { friendlyError, waitText } from '../ui-shared/strings.js';
import { S } from './strings.js';
import { alertForCall, alertState, enableAlerts, noteCall } from './alerts.js';
import { RemotePanel, ServiceFacts } from './remote-panel.js';
import { followQueue, watchNear } from './near-alert.js';

const token = location.pathname.match(/\/t\/([\w-]+)/)?.[1] ?? new URLSearchParams(location.search).get('t') ?? '';
const view = new Observable<TrackView | null>(null);
const problem = new Observable<unknown>(null);


const link = new Link(NS.display);
// Re-subscribe after every (re)connect: the server forgets rooms of a dropped socket.
link.onConnect(() => {
  link.request<Reply<'Track'>>(EV.track, { token }).then((r) => view.set(r.view)).catch((e) => problem.set(e));
});
link.on(EV.ticket, (v) => view.set(v));
get<Reply<'Track'>>(`/api/v1/track/${encodeURIComponent(token)}`)
  .then((b) => view.set(b.view))
  .catch((e) => problem.set(e));

watchNear(view);
followQueue(link, token, view);

view.subscribe((v) => {
  // Alert once per call (a recall has a new calledAt and alerts again), only after the tap that allows it.
  if (v?.status !== 'called' || !v.calledAt) return;
  const call = `${v.calledAt}#${v.recallCount ?? 0}`; // calledAt has whole seconds: a quick recall keeps it
  if (!alertForCall(call)) noteCall(call);
});

/** Asks for the one tap browsers need before a page may vibrate or play sound. */
function AlertConsent() {
  const t = useT(S);
  const state = useStore(alertState);
  if (state === 'on') return <p class="tr-hint tr-alerts-on" role="status">{t('alertsOn')}</p>;
  return (
    <section class="tr-consent">
      <button class="tr-enable" onClick={enableAlerts}>{t('enableAlerts')}</button>
      <p class="tr-hint">{t('enableHint')}</p>
    </section>
  );
}

function App() {
  const v = useStore(view);
  const err = useStore(problem);
  const t = useT(S);
  const lang = useLang();
  const [, tick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(id);
  }, []);

  let body;
  if (!v) {
    const gone = err instanceof ApiFailure && (err.status === 404 || err.code === 'TICKET_NOT_FOUND');
    body = <p class="tr-msg">{err ? (gone ? t('notFound') : friendlyError(err, lang)) : '…'}</p>;
  } else {
    const called = v.status === 'called';
    body = (
      <>
        <section class={`tr-card ${v.status}`}>
          <div class="tr-label">{t('yourNumber')}</div>
          <div class="tr-num num">{v.number}</div>
          <div class="tr-svc">{loc(v.serviceName, lang)}</div>
          {v.step && v.step.total > 1 && <div class="tr-step">{t('step', { i: v.step.index, n: v.step.total })}</div>}
        </section>
        {called && (
          <section class="tr-called" role="alert">
            <div>{t('calledNow')}</div>
            <strong>{t('calledTo', { n: v.windowNumber ?? '?' })}</strong>
            {v.windowName && !v.windowName.startsWith(String(v.windowNumber)) && <div class="tr-wname">{v.windowName}</div>}
          </section>
        )}
        {v.status === 'waiting' && (
          <section class="tr-stats" aria-live="polite">
            <div><span>{t('ahead')}</span><b class="num">{t('aheadN', { n: v.waitingAhead })}</b></div>
            <div><span>{t('est')}</span><b>{waitText(v.estimatedWaitSeconds, lang)}</b></div>
          </section>
        )}
        {v.status === 'serving' && <p class="tr-msg ok">{t('serving', { n: v.windowNumber ?? '?' })}</p>}
        {v.status === 'done' && <p class="tr-msg ok">{t('done')}</p>}
        {v.status === 'no_show' && <p class="tr-msg bad">{t('noShow')}</p>}
        {v.status === 'cancelled' && <p class="tr-msg bad">{t('cancelled')}</p>}
        {v.status === 'transferred' && <p class="tr-msg">{t('transferred')}</p>}
        <RemotePanel v={v} />
        {(v.status === 'waiting' || v.status === 'remote' || called) && <AlertConsent />}
        <ServiceFacts v={v} />
        {(v.status === 'waiting' || called) && <p class="tr-hint">{t('keepOpen')}</p>}
      </>
    );
  }
  return (
    <div class="track">
      <ConnectionBanner link={link} />
      <header class="tr-head">
        <h1>{t('title')}</h1>
      </header>
      <main class="tr-main">{body}</main>
      <footer class="tr-foot">
        <LangSwitch />
        <p>{t('live')}</p>
      </footer>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
