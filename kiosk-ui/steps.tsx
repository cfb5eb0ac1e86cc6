import { useEffect, useState } from 'preact/hooks';
import type { ServiceSummary, Ticket } from '../common/types.js';
import { ApiFailure } from '../ui-shared/api.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { common, friendlyError, waitText } from '../ui-shared/strings.js';
import { S } from './strings.js';

export function Guide({ s, elderly, busy, onTake, onBack }: { s: ServiceSummary; elderly: boolean; busy: boolean; onTake: () => void; onBack: () => void }) {
  const t = useT(S);
  const tc = useT(common);
  const lang = useLang();
  return (
    <div class="guide">
      <h2>{loc(s.names, lang) || s.name}</h2>
      <div class="guide-stats">
        <div><span>{t('waitingLabel')}</span><b class="num">{s.waiting}</b></div>
        <div><span>{t('estLabel')}</span><b>{waitText(s.estimatedWaitSeconds, lang)}</b></div>
        {s.promisedMinutes > 0 && <div><span>{t('promised')}</span><b>{t('promisedMin', { n: s.promisedMinutes })}</b></div>}
        {s.quotaLeft !== null && <div><span>{t('quotaLabel')}</span><b class="num">{s.quotaLeft}</b></div>}
      </div>
      <section class="guide-box">
        <h3>{t('materials')}</h3>
        <ol>{s.guide.materials.map((m, i) => <li key={i}>{loc(m, lang)}</li>)}</ol>
        {!elderly && (
          <>
            <h3>{t('fees')}</h3>
            <p>{loc(s.guide.fees, lang)}</p>
            {s.guide.notes && <p class="notes">{loc(s.guide.notes, lang)}</p>}
          </>
        )}
      </section>
      <div class="actions">
        <button class="btn big-back" onClick={onBack}>{tc('back')}</button>
        <button class="btn btn-primary big-take" disabled={busy || !s.open} onClick={onTake}>{t('takeTicket')}</button>
      </div>
    </div>
  );
}

export function Swipe({ onSkip, onBack }: { onSkip: () => void; onBack: () => void }) {
  const t = useT(S);
  const tc = useT(common);
  return (
    <div class="swipe">
      <h2>{t('swipeTitle')}</h2>
      <p class="hint">{t('swipeHint')}</p>
      <div class="reader" aria-hidden="true">
        <div class="card-shape"><span>ID</span></div>
        <div class="arrow">↓</div>
        <div class="pad" />
      </div>
      <div class="actions">
        <button class="btn big-back" onClick={onBack}>{tc('back')}</button>
        <button class="btn btn-primary big-take" onClick={onSkip}>{t('swipeSkip')}</button>
      </div>
    </div>
  );
}

export function Working() {
  const t = useT(S);
  return (
    <div class="center-msg" role="status">
      <div class="spinner" aria-hidden="true" />
      {t('working')}
    </div>
  );
}

function useCountdown(seconds: number, onEnd: () => void): number {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    if (left <= 0) onEnd();
    const id = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(id);
  }, [left]);
  return left;
}

export function Result({ ticket, service, onDone }: { ticket: Ticket; service: ServiceSummary; onDone: () => void }) {
  const t = useT(S);
  const lang = useLang();
  const left = useCountdown(20, onDone);
  return (
    <div class="result" role="status" aria-live="polite">
      <div class="ticket">
        <div class="t-label">{t('yourNumber')}</div>
        <div class="t-num num">{ticket.number}</div>
        <div class="t-svc">{loc(service.names, lang) || service.name}</div>
        <div class="t-row">
          <div><span>{t('ahead')}</span><b class="num">{t('aheadN', { n: ticket.waitingAhead })}</b></div>
          <div><span>{t('estLabel')}</span><b>{waitText(ticket.estimatedWaitSeconds, lang)}</b></div>
        </div>
      </div>
      <p class="take-hint">{t('pleaseTake')}</p>
      <p class="qr-hint">{t('scanQr')}</p>
      <button class="btn btn-primary big-take" onClick={onDone}>{t('done')}</button>
      <p class="countdown">{t('backHome', { n: left })}</p>
    </div>
  );
}

export function Failed({ error, onBack }: { error: unknown; onBack: () => void }) {
  const t = useT(S);
  const tc = useT(common);
  const lang = useLang();
  const printer = error instanceof ApiFailure && /PRINTER|PAPER/.test(error.code);
  useCountdown(30, onBack);
  return (
    <div class="failed" role="alert">
      <div class="failed-icon" aria-hidden="true">!</div>
      <h2>{t('errorTitle')}</h2>
      <p>{printer ? t('printerProblem') : friendlyError(error, lang)}</p>
      <button class="btn btn-primary big-take" onClick={onBack}>{tc('back')}</button>
    </div>
  );
}
