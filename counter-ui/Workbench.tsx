import type { ActionOn, WindowActionInput } from '../common/wire/window-actions.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Ticket } from '../common/types.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { useNow, useStore } from '../ui-shared/store.js';
import { friendlyError, statusText } from '../ui-shared/strings.js';
import { ApiFailure } from '../ui-shared/api.js';
import { act, arriveRemote, askRating, canAskRating, forgetNoShow, noShows, restore, services, waiting, win, windowId } from './counter-state.js';
import { CallDialog, PauseDialog, RemoteArriveDialog, TransferDialog } from './dialogs.js';
import { S } from './strings.js';

type Dialog = null | 'pause' | 'transfer' | 'call' | 'arrive';

function elapsed(from: string | undefined, now: number): string {
  if (!from) return '—';
  const s = Math.max(0, Math.floor((now - Date.parse(from)) / 1000));
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${mm}:${ss}`;
}

function Current({ t: ticket }: { t: Ticket | null }) {
  const t = useT(S);
  const lang = useLang();
  const now = useNow(1000);
  const svcs = useStore(services);
  if (!ticket) return <div class="cur empty">{t('none')}</div>;
  const svc = svcs.find((s) => s.id === ticket.serviceId);
  return (
    <div class={`cur ${ticket.status}`}>
      <div class="cur-top">
        <span class="cur-label">{t('current')}</span>
        <span class={`pill ${ticket.status}`}>{statusText(ticket.status, lang)}</span>
        {ticket.priority !== 'normal' && <span class="pill prio">{t('priority')}</span>}
        {ticket.step && ticket.step.total > 1 && <span class="pill step">{t('step', { i: ticket.step.index, n: ticket.step.total })}</span>}
        {ticket.recallCount > 0 && <span class="pill">{t('recalls', { n: ticket.recallCount })}</span>}
      </div>
      <div class="cur-num num">{ticket.number}</div>
      <div class="cur-svc">{svc ? loc(svc.names, lang) || svc.name : ticket.serviceId}</div>
      <div class="cur-meta">
        {ticket.identity && (
          <span>
            {ticket.identity.maskedName} · <span class="num">{ticket.identity.maskedIdNumber}</span>
          </span>
        )}
        <span>
          {t('serviceTime')} <b class="num">{elapsed(ticket.calledAt, now)}</b>
        </span>
      </div>
    </div>
  );
}

/** This window's no-shows of this session, each with a restore button (the citizen came back). */
function RecentNoShows({ onDone, onError }: { onDone: (note: string) => void; onError: (msg: string) => void }) {
  const t = useT(S);
  const lang = useLang();
  const all = useStore(noShows);
  const wid = useStore(windowId);
  const [busy, setBusy] = useState('');
  const list = all.filter((x) => x.windowId === wid);
  if (!list.length) return null;
  const go = async (ticketId: string, number: string) => {
    setBusy(ticketId);
    try {
      await restore(ticketId);
      onDone(t('restored', { n: number }));
    } catch (e) {
      const code = e instanceof ApiFailure ? e.code : '';
      // These will not change by trying again: drop the entry, say why.
      if (code === 'RESTORE_TOO_LATE' || code === 'TICKET_NOT_NO_SHOW' || code === 'TICKET_NOT_FOUND') forgetNoShow(ticketId);
      onError(`${number}: ${friendlyError(e, lang)}`);
    } finally {
      setBusy('');
    }
  };
  return (
    <section class="noshows" aria-labelledby="noshows-h">
      <h2 id="noshows-h">{t('recentNoShows')}</h2>
      <ul class="ns-list">
        {list.map((x) => (
          <li key={x.ticketId}>
            <span class="num wl-num">{x.number}</span>
            <span class="wl-time num">{new Date(x.at).toLocaleTimeString(lang === 'en' ? 'en-GB' : lang, { hour: '2-digit', minute: '2-digit' })}</span>
            <button class="btn btn-small" disabled={!!busy} onClick={() => void go(x.ticketId, x.number)}>
              {t('restore')}<span class="sr-only"> {x.number}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Workbench() {
  const t = useT(S);
  const lang = useLang();
  const w = useStore(win);
  const list = useStore(waiting);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState('');
  const [note, setNote] = useState('');
  const rateOn = useStore(canAskRating);

  const cur = w?.current ?? null;
  const paused = w?.status === 'paused';
  const run = async <N extends ActionOn<'window'>>(action: N, body?: WindowActionInput<N>) => {
    if (busy) return;
    setBusy(true);
    setMsg('');
    try {
      await act(action, body);
      setDialog(null);
    } catch (e) {
      setMsg(friendlyError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const arrive = async (number: string) => {
    if (busy) return;
    setBusy(true);
    setMsg('');
    setNote('');
    try {
      const tk = await arriveRemote(number);
      setNote(t('remoteArrived', { n: tk.number }));
      setDialog(null);
    } catch (e) {
      setMsg(friendlyError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const buttons: { key: string; label: string; action: () => void; enabled: boolean; cls?: string }[] = [
    { key: 'N', label: t('callNext'), action: () => void run('call-next'), enabled: !paused && cur?.status !== 'serving', cls: 'main' },
    { key: 'R', label: t('recall'), action: () => void run('recall'), enabled: cur?.status === 'called' },
    { key: 'S', label: t('start'), action: () => void run('start'), enabled: cur?.status === 'called', cls: 'go' },
    { key: 'D', label: t('finish'), action: () => void run('finish'), enabled: !!cur, cls: 'go' },
    { key: 'X', label: t('noShow'), action: () => void run('no-show'), enabled: cur?.status === 'called', cls: 'warn' },
    { key: 'T', label: t('transfer'), action: () => setDialog('transfer'), enabled: !!cur },
    { key: 'G', label: t('callTicket'), action: () => setDialog('call'), enabled: !paused && cur?.status !== 'serving' },
    { key: 'A', label: t('remoteArrive'), action: () => setDialog('arrive'), enabled: true },
    ...(rateOn
      ? [{ key: 'E', label: t('rate'), enabled: true, action: () => {
          setMsg('');
          askRating().then((n) => setNote(t('rateAsked', { n }))).catch((e) => setMsg(friendlyError(e, lang)));
        } }]
      : []),
    paused
      ? { key: 'P', label: t('resume'), action: () => void run('resume'), enabled: true, cls: 'go' }
      : { key: 'P', label: t('pause'), action: () => setDialog('pause'), enabled: true },
  ];

  // Single-letter shortcuts, only when no field or dialog has the keyboard. Bound once and
  // reading the latest state through a ref: a key pressed right after a dialog closes
  // (before an effect could re-bind) must not be lost.
  const latest = useRef({ dialog, buttons });
  latest.current = { dialog, buttons };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { dialog: open, buttons: list } = latest.current;
      if (open || e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target as HTMLElement;
      if (el && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) return;
      const b = list.find((x) => x.key === e.key.toUpperCase());
      if (b?.enabled) {
        e.preventDefault();
        b.action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class="bench">
      <section class="bench-main">
        {paused && <div class="banner banner-warn">{t('paused', { reason: w?.pauseReason ?? '' })}</div>}
        <Current t={cur} />
        {msg && <div class="banner banner-error" role="alert">{msg}</div>}
        {note && !msg && <div class="banner banner-ok" role="status">{note}</div>}
        <div class="actions-grid">
          {buttons.map((b) => (
            <button key={b.key} class={`act ${b.cls ?? ''}`} disabled={!b.enabled || busy} onClick={b.action} aria-keyshortcuts={b.key}>
              <span>{b.label}</span>
              <kbd>{b.key}</kbd>
            </button>
          ))}
        </div>
      </section>
      <aside class="bench-side" aria-label={t('waitingList')} tabIndex={0}>
        <h2>
          {t('waitingList')} <span class="count">{t('waitingCount', { n: list.length })}</span>
        </h2>
        {list.length === 0 && <p class="muted">{t('waitingEmpty')}</p>}
        <ol class="wait-list">
          {list.map((x) => (
            <li key={x.id}>
              <button disabled={paused || busy || cur?.status === 'serving'} onClick={() => void run('call-ticket', { ticketId: x.id })} title={t('callTicket')}>
                <span class="num wl-num">{x.number}</span>
                {x.priority !== 'normal' && <span class="pill prio">{t('priority')}</span>}
                {x.step && x.step.total > 1 && <span class="pill step">{t('step', { i: x.step.index, n: x.step.total })}</span>}
                <span class="wl-time num">{new Date(x.issuedAt).toLocaleTimeString(lang === 'en' ? 'en-GB' : lang, { hour: '2-digit', minute: '2-digit' })}</span>
              </button>
            </li>
          ))}
        </ol>
        <RecentNoShows onDone={(n) => { setMsg(''); setNote(n); }} onError={(m) => setMsg(m)} />
      </aside>
      {dialog === 'pause' && <PauseDialog busy={busy} onCancel={() => setDialog(null)} onOk={(reason) => void run('pause', { reason })} />}
      {dialog === 'transfer' && <TransferDialog busy={busy} onCancel={() => setDialog(null)} onOk={(b) => void run('transfer', b)} />}
      {dialog === 'arrive' && <RemoteArriveDialog busy={busy} onCancel={() => setDialog(null)} onOk={(number) => void arrive(number)} />}
      {dialog === 'call' && <CallDialog busy={busy} onCancel={() => setDialog(null)} onOk={(number) => void run('call-ticket', { number })} />}
    </div>
  );
}
