import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../ui-shared/tokens.css';
import './track.css';
import type { Reply } from '../common/wire/replies.js';
import { ApiFailure, get, newIdempotencyKey, post } from '../ui-shared/api.js';
import { LangSwitch } from '../ui-shared/components.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { friendlyError, waitText } from '../ui-shared/strings.js';
import { R } from './remote-strings.js';

/**
 * /r — take a live-queue number from the phone (线上取号), and /r?door=… — the
 * hall's door QR: checks in this phone's number of today. No account: the phone
 * keeps a random device id and its ticket links in its own storage.
 */
type Offers = Reply<'RemoteOffers'>;

const DEVICE_KEY = 'onestop.remote.device';
const TICKETS_KEY = 'onestop.remote.tickets';

function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id || !/^[\w-]{16,64}$/.test(id)) {
    id = newIdempotencyKey(); // 128 random bits; randomUUID needs a secure context, phones on the hall Wi-Fi use http
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

/** Ticket links this phone took, newest first, with the day they were taken (local date). */
function myTickets(): { token: string; number: string; day: string }[] {
  try {
    const list = JSON.parse(localStorage.getItem(TICKETS_KEY) ?? '[]');
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}
const today = () => new Date().toLocaleDateString('sv');
const open = (token: string) => location.assign(`/t/${encodeURIComponent(token)}`);

function TakePage() {
  const t = useT(R);
  const lang = useLang();
  const [offers, setOffers] = useState<Offers | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const [pick, setPick] = useState('');
  const [name, setName] = useState('');
  const [idNo, setIdNo] = useState('');
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  useEffect(() => {
    get<Offers>('/api/v1/remote').then(setOffers).catch(setErr);
  }, []);
  const mine = myTickets().filter((x) => x.day === today());
  const submit = async () => {
    setBusy(true);
    setErr(null);
    try {
      const r = await post<Reply<'RemoteTaken'>>(
        '/api/v1/remote/tickets',
        { serviceId: pick, name: name.trim(), idNumber: idNo.trim().toUpperCase(), deviceId: deviceId() },
        { idempotencyKey: key, retries: 2, timeoutMs: 12_000 },
      );
      localStorage.setItem(TICKETS_KEY, JSON.stringify([{ token: r.ticket.trackToken, number: r.ticket.number, day: today() }, ...myTickets()].slice(0, 10)));
      open(r.ticket.trackToken);
    } catch (e) {
      setErr(e);
      setBusy(false);
    }
  };
  let body;
  if (!offers) body = <p class="tr-msg">{err ? friendlyError(err, lang) : '…'}</p>;
  else if (!offers.enabled) body = <p class="tr-msg">{t('off')}</p>;
  else if (offers.services.length === 0) body = <p class="tr-msg">{t('none')}</p>;
  else {
    body = (
      <form class="rq-form" onSubmit={(e) => { e.preventDefault(); if (!busy) void submit(); }}>
        <p class="tr-hint">{t('takeIntro')}</p>
        <fieldset class="rq-list">
          <legend>{t('pick')}</legend>
          {offers.services.map((s) => (
            <label class={`rq-svc ${pick === s.id ? 'on' : ''}`} key={s.id}>
              <input type="radio" name="svc" value={s.id} checked={pick === s.id} disabled={s.quotaLeft <= 0} onChange={() => setPick(s.id)} />
              <span>
                <b>{loc(s.name, lang)}</b>
                <small>{t('waitingN', { n: s.waiting })} · {waitText(s.estimatedWaitSeconds, lang)} · {t('left', { n: s.quotaLeft })}</small>
                <small>{t('fees')}: {loc(s.fees, lang)} · {t('promised')}: {t('promisedN', { n: s.promisedMinutes })}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <label class="rq-field">{t('name')}<input type="text" required maxLength={60} autoComplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
        <label class="rq-field">{t('idNumber')}<input type="text" required minLength={15} maxLength={18} inputMode="text" autoComplete="off" value={idNo} onInput={(e) => setIdNo(e.currentTarget.value)} /></label>
        <p class="tr-hint">{t('idHint')}</p>
        <p class="tr-hint">{offers.arrivalRule === 'keep' ? t('ruleKeep') : t('ruleJoin')}</p>
        {err != null && <p class="rq-err" role="alert">{friendlyError(err, lang)}</p>}
        <button class="rq-go" disabled={busy || !pick}>{busy ? t('taking') : t('take')}</button>
      </form>
    );
  }
  return (
    <Frame title={t('takeTitle')}>
      {mine.length > 0 && (
        <section class="tr-facts">
          <dt>{t('myTickets')}</dt>
          <dd>{mine.map((m) => <a key={m.token} href={`/t/${m.token}`}>{m.number} </a>)}</dd>
        </section>
      )}
      {body}
    </Frame>
  );
}

/** The door QR: check in this phone's newest unarrived number of today, then show its page. */
function DoorPage({ door }: { door: string }) {
  const t = useT(R);
  const lang = useLang();
  const [err, setErr] = useState<unknown>(null);
  const mine = myTickets().filter((x) => x.day === today());
  useEffect(() => {
    if (mine.length === 0) return;
    (async () => {
      for (const m of mine) {
        try {
          const r = await post<Reply<'Track'>>(`/api/v1/track/${encodeURIComponent(m.token)}/arrive`, { door });
          if (r.view) return open(m.token);
        } catch (e) {
          setErr(e);
          if (!(e instanceof ApiFailure) || e.code !== 'REMOTE_EXPIRED') return;
        }
      }
    })();
  }, []);
  return (
    <Frame title={t('takeTitle')}>
      <p class="tr-msg">{mine.length === 0 ? t('noTicketHere') : err ? friendlyError(err, lang) : t('arriving')}</p>
      {mine.length === 0 && <a class="rq-go" style="text-align:center;padding-top:12px" href="/r">{t('take')}</a>}
    </Frame>
  );
}

function Frame({ title, children }: { title: string; children: preact.ComponentChildren }) {
  return (
    <div class="track">
      <header class="tr-head"><h1>{title}</h1></header>
      <main class="tr-main">{children}</main>
      <footer class="tr-foot"><LangSwitch /></footer>
    </div>
  );
}

const door = new URLSearchParams(location.search).get('door');
render(door ? <DoorPage door={door} /> : <TakePage />, document.getElementById('app')!);
