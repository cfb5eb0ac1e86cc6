/**
 * One hall opened from the overview: its services and windows live. The socket
 * watches the hall (the region checks the user may see it) and receives the
 * drill-down again after every batch the hall sends, whichever node ingested it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Socket } from 'socket.io-client';
import { REGION_EV, type HallDetail, type HallDetailAck } from '../common/region.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { heardText, isLagging, lagText, ratedText, satisfactionText, waitText } from './format.js';
import { S } from './strings.js';

export function HallView({ socket, hallId, now, onBack }: { socket: Socket; hallId: string; now: number; onBack: () => void }) {
  const t = useT(S);
  const lang = useLang();
  const [detail, setDetail] = useState<HallDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const watch = () =>
      socket.emit(REGION_EV.watch, hallId, (a: HallDetailAck) => {
        if (a.ok) setDetail(a.detail);
        else setError(a.error.code);
      });
    const onDetail = (d: HallDetail) => d.hall.hallId === hallId && setDetail(d);
    socket.on(REGION_EV.detail, onDetail);
    // a reconnect (maybe to another node) watches again
    socket.on('connect', watch);
    if (socket.connected) watch();
    return () => {
      socket.off(REGION_EV.detail, onDetail);
      socket.off('connect', watch);
      socket.emit(REGION_EV.watch, null);
    };
  }, [socket, hallId]);
  const back = <button type="button" class="r-back" onClick={onBack}>{t('back')}</button>;
  if (error) return <section class="r-panel">{back}<p class="r-error" role="alert">{t('hallNotFound')}</p></section>;
  if (!detail) return <section class="r-panel">{back}<p aria-busy="true">{t('loading')}</p></section>;
  const h = detail.hall;
  const name = loc(h.names ?? h.name, lang);
  const status = { open: t('wOpen'), paused: t('wPaused'), closed: t('wClosed') } as const;
  const kinds: Record<string, string> = {
    long_wait: t('a_long_wait'), long_queue: t('a_long_queue'), long_pause: t('a_long_pause'), overdue_service: t('a_overdue_service'), idle_window: t('a_idle_window'),
  };
  const alertKind = (k: string) => kinds[k] ?? k;
  return (
    <section class="r-panel r-hall" aria-label={name} data-detail={h.hallId}>
      <div class="r-bar">
        {back}
        <h2>{name}</h2>
        <span class="r-count">{h.area}</span>
        <span class="r-count" data-heard>{t('heard')}: {heardText(t, h.lastReceivedAt, now)}</span>
      </div>
      <dl class="r-tiles">
        <div><dt>{t('waiting')}</dt><dd>{h.waiting}</dd></div>
        <div><dt>{t('openWindows')}</dt><dd>{h.openWindows}</dd></div>
        <div><dt>{t('longestWait')}</dt><dd>{waitText(t, h.oldestWaitingSince, now)}</dd></div>
        <div><dt>{t('issued')}</dt><dd>{h.issuedToday}</dd></div>
        <div><dt>{t('served')}</dt><dd>{h.servedToday}</dd></div>
        <div data-tile="satisfaction"><dt>{t('satisfaction')}</dt><dd>{satisfactionText(t, h.satisfactionToday)}<small>{ratedText(t, h.ratingsToday)}</small></dd></div>
        <div><dt>{t('alerts')}</dt><dd class={h.openAlerts ? 'warn' : ''}>{h.openAlerts}</dd></div>
        <div data-tile="lag"><dt>{t('lag')}</dt><dd class={isLagging(h) ? 'warn' : ''}>{lagText(t, h)}</dd></div>
      </dl>
      <h3>{t('services')}</h3>
      <table class="r-services">
        <thead>
          <tr>
            <th scope="col">{t('service')}</th><th scope="col">{t('catalogue')}</th>
            <th scope="col" class="num">{t('promised')}</th><th scope="col">{t('fees')}</th>
            <th scope="col" class="num">{t('waiting')}</th><th scope="col" class="num">{t('longestWait')}</th>
            <th scope="col" class="num">{t('issued')}</th><th scope="col" class="num">{t('served')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.services.map((s) => (
            <tr key={s.serviceId} data-service={s.serviceId}>
              <td>{loc(s.names ?? s.name, lang)}</td><td>{s.catalogueCode ?? t('none')}</td>
              <td class="num">{s.promisedMinutes ? t('minutes', { n: s.promisedMinutes }) : t('none')}</td><td class="r-fees">{s.fees ? loc(s.fees, lang) : t('none')}</td>
              <td class="num">{s.waiting}</td><td class="num">{waitText(t, s.oldestWaitingSince, now)}</td>
              <td class="num">{s.issuedToday}</td><td class="num">{s.servedToday}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('windows')}</h3>
      <table class="r-windows">
        <thead>
          <tr><th scope="col">{t('window')}</th><th scope="col">{t('status')}</th><th scope="col">{t('serving')}</th><th scope="col" class="num">{t('since')}</th></tr>
        </thead>
        <tbody>
          {detail.windows.map((w) => (
            <tr key={w.windowId} data-window={w.windowId}>
              <td>{w.name}</td>
              <td class={`r-w-${w.status}`}>{status[w.status]}</td>
              <td>{w.serving ? w.serving.number ?? t('none') : t('none')}</td>
              <td class="num">{w.serving ? waitText(t, w.serving.servingAt ?? w.serving.calledAt, now) : t('none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('openAlertsList')}</h3>
      {detail.alerts.length === 0 ? (
        <p class="r-count">{t('noAlerts')}</p>
      ) : (
        <ul class="r-alerts">
          {detail.alerts.map((a) => <li key={a.key}>{alertKind(a.kind)} · {waitText(t, a.raisedAt, now)}</li>)}
        </ul>
      )}
    </section>
  );
}
