import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { useStore } from '../ui-shared/store.js';
import { common } from '../ui-shared/strings.js';
import { listWindows, services, windowId } from './counter-state.js';
import { S } from './strings.js';

function Modal({ title, children, onCancel, onOk, okDisabled }: { title: string; children: ComponentChildren; onCancel: () => void; onOk: () => void; okDisabled: boolean }) {
  const tc = useT(common);
  const t = useT(S);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input,select,button')?.focus();
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', esc);
    return () => window.removeEventListener('keydown', esc);
  }, []);
  return (
    <div class="modal-back">
      <div role="dialog" aria-modal="true" aria-label={title}>
      <form ref={ref} class="modal" onSubmit={(e) => { e.preventDefault(); if (!okDisabled) onOk(); }}>
        <h2>{title}</h2>
        {children}
        <div class="modal-actions">
          <button type="button" class="btn" onClick={onCancel}>{tc('cancel')}</button>
          <button type="submit" class="btn btn-primary" disabled={okDisabled}>{t('confirm')}</button>
        </div>
      </form>
      </div>
    </div>
  );
}

export function PauseDialog({ busy, onCancel, onOk }: { busy: boolean; onCancel: () => void; onOk: (reason: string) => void }) {
  const t = useT(S);
  const [reason, setReason] = useState('');
  return (
    <Modal title={t('pauseReason')} onCancel={onCancel} onOk={() => onOk(reason.trim())} okDisabled={busy || !reason.trim()}>
      <div class="chips">
        {t('reasons').split('|').map((r) => (
          <button type="button" key={r} class={`chip ${reason === r ? 'on' : ''}`} aria-pressed={reason === r} onClick={() => setReason(r)}>{r}</button>
        ))}
      </div>
      <label class="field">
        {t('otherReason')}
        <input value={reason} maxLength={200} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
    </Modal>
  );
}

export function TransferDialog({ busy, onCancel, onOk }: { busy: boolean; onCancel: () => void; onOk: (b: { toServiceId?: string; toWindowId?: string }) => void }) {
  const t = useT(S);
  const lang = useLang();
  const svcs = useStore(services);
  const [svc, setSvc] = useState('');
  const [win, setWin] = useState('');
  const [wins, setWins] = useState<{ id: string; number: number; name: string }[]>([]);
  useEffect(() => {
    listWindows().then(setWins).catch(() => undefined);
  }, []);
  const me = windowId.get();
  return (
    <Modal title={t('transfer')} onCancel={onCancel} onOk={() => onOk({ ...(svc ? { toServiceId: svc } : {}), ...(win ? { toWindowId: win } : {}) })} okDisabled={busy || (!svc && !win)}>
      <label class="field">
        {t('toService')}
        <select value={svc} onChange={(e) => setSvc(e.currentTarget.value)}>
          <option value="">—</option>
          {svcs.map((s) => <option key={s.id} value={s.id}>{loc(s.names, lang) || s.name}</option>)}
        </select>
      </label>
      <label class="field">
        {t('toWindow')}
        <select value={win} onChange={(e) => setWin(e.currentTarget.value)}>
          <option value="">{t('anyWindow')}</option>
          {wins.filter((w) => w.id !== me).map((w) => <option key={w.id} value={w.id}>{t('windowN', { n: w.number })} · {w.name}</option>)}
        </select>
      </label>
    </Modal>
  );
}

export function CallDialog({ busy, onCancel, onOk }: { busy: boolean; onCancel: () => void; onOk: (number: string) => void }) {
  const t = useT(S);
  const [n, setN] = useState('');
  return (
    <Modal title={t('callTicket')} onCancel={onCancel} onOk={() => onOk(n.trim().toUpperCase())} okDisabled={busy || n.trim().length < 2}>
      <label class="field">
        {t('number')}
        <input class="num big-input" value={n} maxLength={12} placeholder="A012" onInput={(e) => setN(e.currentTarget.value)} />
      </label>
    </Modal>
  );
}

export function RemoteArriveDialog({ busy, onCancel, onOk }: { busy: boolean; onCancel: () => void; onOk: (number: string) => void }) {
  const t = useT(S);
  const [n, setN] = useState('');
  return (
    <Modal title={t('remoteArrive')} onCancel={onCancel} onOk={() => onOk(n.trim().toUpperCase())} okDisabled={busy || n.trim().length < 2}>
      <p class="muted">{t('remoteArriveHint')}</p>
      <label class="field">
        {t('number')}
        <input class="num big-input" value={n} maxLength={12} placeholder="A012" onInput={(e) => setN(e.currentTarget.value)} />
      </label>
    </Modal>
  );
}
