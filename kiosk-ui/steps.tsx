import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import type { ServiceSummary } from '../common/types.js';
import { ApiFailure } from '../ui-shared/api.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { common, friendlyError, waitText } from '../ui-shared/strings.js';
import type { Issued } from './kiosk-state.js';
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
      {s.idCardRequired && <p class="needs-card">{t('needsCard')}</p>}
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

/** The card step. `required`: the service takes no ticket without a card (no skip button). */
export function Swipe({ again, required, readError, onSkip, onBack }: { again: boolean; required: boolean; readError: string; onSkip: () => void; onBack: () => void }) {
  const t = useT(S);
  const tc = useT(common);
  return (
    <div class={`swipe ${required ? 'card-required' : ''}`}>
      <h2>{required ? t('cardRequiredTitle') : t('swipeTitle')}</h2>
      {again && <p class="banner banner-warn" role="alert">{t('cardAgain')}</p>}
      {readError && !again && <p class="banner banner-warn" role="alert">{t('cardUnreadable')}</p>}
      {required && !again && !readError && <p class="banner banner-warn card-required-msg" role="alert">{t('cardRequired')}</p>}
      <p class="hint">{t('swipeHint')}</p>
      <div class="reader" aria-hidden="true">
        <div class="card-shape"><span>ID</span></div>
        <div class="arrow">↓</div>
        <div class="pad" />
      </div>
      <div class="actions">
        <button class="btn big-back" onClick={onBack}>{tc('back')}</button>
        {!required && <button class="btn btn-primary big-take" onClick={onSkip}>{t('swipeSkip')}</button>}
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

/** The ticket page's address as a QR code (SVG, so it stays sharp at any kiosk resolution). */
function TrackQr({ token, href }: { token: string; href?: string }) {
  const t = useT(S);
  const [svg, setSvg] = useState('');
  // The server's link (as on the paper); this browser's own origin only for an older server.
  const url = href ?? `${location.origin}/t/${encodeURIComponent(token)}`;
  useEffect(() => {
    let live = true;
    QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#141a26', light: '#ffffff' } })
      .then((x) => live && setSvg(x))
      .catch(() => live && setSvg(''));
    return () => {
      live = false;
    };
  }, [url]);
  if (!token || !svg) return null;
  return <div class="t-qr" role="img" aria-label={t('qrLabel')} data-url={url} dangerouslySetInnerHTML={{ __html: svg }} />;
}

export function Result({ issued, service, onDone }: { issued: Issued; service: ServiceSummary | null; onDone: () => void }) {
  const t = useT(S);
  const lang = useLang();
  const left = useCountdown(30, onDone);
  const { ticket, printed } = issued;
  return (
    <div class="result" role="status" aria-live="polite">
      <div class="ticket">
        <div class="t-label">{t('yourNumber')}</div>
        <div class="t-num num">{ticket.number}</div>
        {service && <div class="t-svc">{loc(service.names, lang) || service.name}</div>}
        <div class="t-row">
          <div><span>{t('ahead')}</span><b class="num">{t('aheadN', { n: ticket.waitingAhead })}</b></div>
          <div><span>{t('estLabel')}</span><b>{waitText(ticket.estimatedWaitSeconds, lang)}</b></div>
        </div>
        <div class="t-qr-row">
          <TrackQr token={ticket.trackToken} href={issued.trackUrl} />
          <p class="qr-hint">{t('scanQrHere')}</p>
        </div>
      </div>
      <p class="take-hint">{issued.arrived ? t('arrivedHint') : printed ? t('pleaseTake') : t('noPrint')}</p>
      <button class="btn btn-primary big-take" onClick={onDone}>{t('done')}</button>
      <p class="countdown">{t('backHome', { n: left })}</p>
    </div>
  );
}

/** The booking code alphabet (server/domain/appointments.ts CODE_ALPHABET: no 0/1/I/L/O), then clear and delete. */
const KEYS = [...'23456789ABCDEFGHJKMNPQRSTUVWXYZ'];

/** Appointment check-in by the booking code from the SMS, on an on-screen keypad of the code's characters. */
export function CheckIn({ onSubmit, onBack }: { onSubmit: (code: string) => void; onBack: () => void }) {
  const t = useT(S);
  const tc = useT(common);
  const [code, setCode] = useState('');
  const press = (k: string) => setCode((c) => (c + k).slice(0, 16));
  return (
    <form class="checkin" onSubmit={(e) => { e.preventDefault(); if (code.trim().length >= 4) onSubmit(code.trim()); }}>
      <h2>{t('checkInTitle')}</h2>
      <p class="hint">{t('checkInHint')}</p>
      <label class="field code-field">
        <span>{t('checkInCode')}</span>
        <input class="num" value={code} autocomplete="off" autocapitalize="characters" maxLength={16}
          onInput={(e) => setCode(e.currentTarget.value.toUpperCase().replace(/[^0-9A-Z-]/g, ''))} />
      </label>
      <div class="keypad">
        {KEYS.map((k) => (
          <button type="button" key={k} class="btn" onClick={() => press(k)}>{k}</button>
        ))}
        <button type="button" class="btn key-fn key-clear" onClick={() => setCode('')}>{t('clear')}</button>
        <button type="button" class="btn key-fn" aria-label={t('delete')} onClick={() => setCode((c) => c.slice(0, -1))}>⌫</button>
      </div>
      <div class="actions">
        <button type="button" class="btn big-back" onClick={onBack}>{tc('back')}</button>
        <button class="btn btn-primary big-take" disabled={code.trim().length < 4}>{t('checkInGo')}</button>
      </div>
    </form>
  );
}

/** Check-in refusals in the citizen's language (the server's message is for staff and logs). */
function apptText(e: ApiFailure, t: (k: 'apptNotFound' | 'apptNotToday' | 'apptTooEarly' | 'apptLate' | 'apptCancelled' | 'remoteExpired' | 'checkInFailed', v?: Record<string, string>) => string): string {
  const time = /\b\d{1,2}:\d{2}\b/.exec(e.message)?.[0] ?? '';
  switch (e.code) {
    case 'APPOINTMENT_NOT_FOUND': return t('apptNotFound');
    case 'APPOINTMENT_NOT_TODAY': return t('apptNotToday');
    case 'APPOINTMENT_TOO_EARLY': return t('apptTooEarly', { time });
    case 'APPOINTMENT_LATE':
    case 'APPOINTMENT_MISSED': return t('apptLate');
    case 'APPOINTMENT_CANCELLED': return t('apptCancelled');
    case 'REMOTE_EXPIRED': return t('remoteExpired');
    default: return t('checkInFailed');
  }
}

export function Failed({ error, onBack }: { error: unknown; onBack: () => void }) {
  const t = useT(S);
  const tc = useT(common);
  const lang = useLang();
  const printer = error instanceof ApiFailure && /PRINTER|PAPER|KIOSK_AGENT_OFFLINE/.test(error.code);
  const code = error instanceof ApiFailure ? error.code : '';
  const appt = code.startsWith('APPOINTMENT_') ? apptText(error as ApiFailure, t) : '';
  // A kiosk that got too many wrong appointment codes says how long to wait (the server's message carries the seconds).
  const wait = code === 'TOO_MANY_ATTEMPTS' ? Number(/(\d+) seconds/.exec((error as ApiFailure).message)?.[1] ?? 60) : 0;
  const throttled = wait >= 90 ? t('checkInThrottledMin', { n: String(Math.ceil(wait / 60)) }) : wait > 0 ? t('checkInThrottled', { n: String(wait) }) : '';
  const own = code === 'PERSON_LIMIT_REACHED' ? t('personLimit') : code === 'ID_CARD_REQUIRED' ? t('cardRequiredNoReader') : throttled;
  useCountdown(30, onBack);
  return (
    <div class="failed" role="alert">
      <div class="failed-icon" aria-hidden="true">!</div>
      <h2>{t('errorTitle')}</h2>
      <p>{printer ? t('printerProblem') : appt || own || friendlyError(error, lang)}</p>
      {printer && <p class="help">{t('noTicketTaken')}</p>}
      <button class="btn btn-primary big-take" onClick={onBack}>{tc('back')}</button>
    </div>
  );
}
