import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang, LocalizedText } from '../common/types.js';
import { LANGS } from '../common/types.js';
import { LANG_LABEL, useLang, useT } from '../ui-shared/i18n.js';
import { useStore } from '../ui-shared/store.js';
import { common, friendlyError } from '../ui-shared/strings.js';
import { changes } from './admin-api.js';
import { S } from './strings/shared.js';

/** Loads with `load` now, after every change (`changes`) and when `deps` change. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []): { data: T | null; error: string; reload: () => void } {
  const lang = useLang();
  const n = useStore(changes);
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [k, setK] = useState(0);
  useEffect(() => {
    let live = true;
    load()
      .then((d) => live && (setData(d), setError('')))
      .catch((e) => live && setError(friendlyError(e, lang)));
    return () => {
      live = false;
    };
  }, [n, k, ...deps]);
  return { data, error, reload: () => setK((x) => x + 1) };
}

export function Field({ label, children, hint }: { label: string; children: ComponentChildren; hint?: string }) {
  return (
    <label class="field">
      <span>{label}</span>
      {children}
      {hint && <small>{hint}</small>}
    </label>
  );
}

/** One text in the three languages; zh-CN is required, the others fall back to it. */
export function LocalizedInput({ label, value, onChange, required = true }: { label: string; value: LocalizedText | undefined; onChange: (v: LocalizedText) => void; required?: boolean }) {
  const v = value ?? { 'zh-CN': '' };
  return (
    <fieldset class="loc-input">
      <legend>{label}</legend>
      {LANGS.map((l: Lang) => (
        <label key={l} class="loc-row">
          <span lang={l}>{LANG_LABEL[l]}</span>
          <input lang={l} value={v[l] ?? ''} required={required && l === 'zh-CN'} maxLength={200}
            onInput={(e) => onChange({ ...v, [l]: e.currentTarget.value })} />
        </label>
      ))}
    </fieldset>
  );
}

/** Drops empty optional languages so the server keeps its zh-CN fallback. */
export function cleanText(v: LocalizedText): LocalizedText {
  const out: LocalizedText = { 'zh-CN': v['zh-CN'].trim() };
  for (const l of ['zh-TW', 'en'] as const) if (v[l]?.trim()) out[l] = v[l]!.trim();
  return out;
}

/** A modal form: Escape cancels, focus starts in the form and returns to the opener. */
export function Modal({ title, children, onCancel, onOk, okLabel, busy, error, wide }: {
  title: string; children: ComponentChildren; onCancel: () => void; onOk?: () => void; okLabel?: string; busy?: boolean; error?: string; wide?: boolean;
}) {
  const tc = useT(common);
  const t = useT(S);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('input:not([type=hidden]),select,textarea,button')?.focus();
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', esc);
    return () => {
      window.removeEventListener('keydown', esc);
      opener?.focus?.();
    };
  }, []);
  return (
    <div class="modal-back">
      <div role="dialog" aria-modal="true" aria-label={title} class={`modal ${wide ? 'wide' : ''}`}>
        <form ref={ref} onSubmit={(e) => { e.preventDefault(); if (!busy) onOk?.(); }}>
          <h2>{title}</h2>
          {children}
          {error && <p class="banner banner-error" role="alert">{error}</p>}
          <div class="modal-actions">
            <button type="button" class="btn" onClick={onCancel}>{onOk ? tc('cancel') : tc('close')}</button>
            {onOk && <button type="submit" class="btn btn-primary" disabled={busy}>{okLabel ?? t('save')}</button>}
          </div>
        </form>
      </div>
    </div>
  );
}

/** Runs a save: busy flag, error text, and `done` on success. */
export function useSave(): { busy: boolean; error: string; run: (fn: () => Promise<unknown>, done?: () => void) => void; setError: (s: string) => void } {
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = (fn: () => Promise<unknown>, done?: () => void) => {
    setBusy(true);
    setError('');
    fn()
      .then(() => done?.())
      .catch((e) => setError(friendlyError(e, lang)))
      .finally(() => setBusy(false));
  };
  return { busy, error, run, setError };
}

export function Loading({ error }: { error: string }) {
  const t = useT(S);
  return error ? <p class="banner banner-error" role="alert">{t('loadFailed', { msg: error })}</p> : <p class="muted">…</p>;
}

export function StateBadge({ state }: { state: string }) {
  const t = useT(S);
  const label = (['ok', 'warning', 'error', 'unavailable'] as const).includes(state as 'ok') ? t(`st_${state}` as 'st_ok') : state;
  return <span class={`badge ${state}`}><span class={`dot ${state}`} aria-hidden="true" />{label}</span>;
}

/** A form's submit button with its "saved" note and its error, as every settings form shows them. */
export function SaveBar({ busy, error, savedNote }: { busy: boolean; error: string; savedNote: string | null }) {
  const t = useT(S);
  return (
    <div class="save-bar">
      <button type="submit" class="btn btn-primary" disabled={busy}>{t('save')}</button>
      {savedNote && <span class="banner-ok saved-note" role="status">{savedNote}</span>}
      {error && <span class="banner banner-error" role="alert">{error}</span>}
    </div>
  );
}
