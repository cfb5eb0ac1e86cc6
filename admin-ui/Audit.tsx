import type { AuditEvent } from '../common/types.js';
import type { Reply } from '../common/wire/replies.js';
import { useState } from 'preact/hooks';
import { useLang, useT } from '../ui-shared/i18n.js';
import { adminGet, adminList } from './admin-api.js';
import { S } from './strings/audit.js';
import { Field, Loading, useLoad } from './ui.js';

type LoggedEvent = AuditEvent;

const PAGE = 50;
/** Type prefixes offered in the filter; the server matches by prefix, so any text works. */
const TYPES = ['ticket.', 'ticket.issued', 'ticket.called', 'ticket.finished', 'window.', 'config.', 'device.', 'auth.', 'rating.', 'alert.'];
/** A local calendar day as the instant it starts, for the server's `at >= from` / `at < to`. */
const dayStart = (d: string, plusDays = 0) => new Date(new Date(`${d}T00:00:00`).getTime() + plusDays * 86400_000).toISOString();

export function AuditView() {
  const t = useT(S);
  const lang = useLang();
  const [filter, setFilter] = useState({ type: '', from: '', to: '' });
  const [applied, setApplied] = useState(filter);
  // The ids each page started before: [undefined] is the newest page.
  const [cursor, setCursor] = useState<(number | undefined)[]>([undefined]);
  const before = cursor[cursor.length - 1];
  const qs = new URLSearchParams({ limit: String(PAGE + 1) });
  if (before) qs.set('beforeId', String(before));
  if (applied.type) qs.set('type', applied.type);
  if (applied.from) qs.set('from', dayStart(applied.from));
  if (applied.to) qs.set('to', dayStart(applied.to, 1));
  const { data, error } = useLoad(() => adminGet<Reply<'Audit'>>(`/audit?${qs.toString()}`), [qs.toString()]);
  const users = useLoad(async () => new Map((await adminList<Reply<'Users'>['users'][number]>('/users', 'users')).map((u) => [u.id, `${u.name} (${u.username})`])));
  const actor = (e: LoggedEvent) => (e.actorKind === 'user' && e.actorId && users.data?.get(e.actorId)) || `${e.actorKind}${e.actorId ? ` · ${e.actorId.slice(0, 12)}` : ''}`;
  const events = data?.events ?? [];
  const shown = events.slice(0, PAGE);
  const more = events.length > PAGE;
  const fmt = (iso: string) => new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : lang, { hour12: false });
  return (
    <section class="panel">
      <h2>{t('audit')}</h2>
      <form class="audit-filter" onSubmit={(e) => { e.preventDefault(); setApplied(filter); setCursor([undefined]); }}>
        <Field label={t('eventType')}>
          <input list="audit-types" value={filter.type} placeholder="ticket." onInput={(e) => setFilter({ ...filter, type: e.currentTarget.value.trim() })} />
        </Field>
        <datalist id="audit-types">{TYPES.map((x) => <option key={x} value={x} />)}</datalist>
        <Field label={t('from')}><input type="date" value={filter.from} onInput={(e) => setFilter({ ...filter, from: e.currentTarget.value })} /></Field>
        <Field label={t('to')}><input type="date" value={filter.to} onInput={(e) => setFilter({ ...filter, to: e.currentTarget.value })} /></Field>
        <button class="btn btn-primary">{t('apply')}</button>
      </form>
      {!data ? <Loading error={error} /> : (
        <>
          <table class="audit">
            <thead><tr><th>#</th><th>{t('time')}</th><th>{t('eventType')}</th><th>{t('actor')}</th><th>{t('subject')}</th><th>{t('detail')}</th></tr></thead>
            <tbody>
              {shown.length === 0 && <tr><td colSpan={6}>{t('none')}</td></tr>}
              {shown.map((e) => (
                <tr key={e.id}>
                  <td class="num">{e.id}</td>
                  <td class="num nowrap">{fmt(e.at)}</td>
                  <td><code>{e.type}</code></td>
                  <td>{actor(e)}</td>
                  <td><small>{[e.windowId, e.deviceId, e.ticketId?.slice(0, 8)].filter(Boolean).join(' · ')}</small></td>
                  <td><code class="data">{e.data ? JSON.stringify(e.data).slice(0, 160) : ''}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav class="pager" aria-label={t('paging')}>
            <button class="btn btn-small" disabled={cursor.length < 2} onClick={() => setCursor((c) => c.slice(0, -1))}>{t('newer')}</button>
            <span class="muted">{t('pageN', { n: cursor.length })}</span>
            <button class="btn btn-small" disabled={!more} onClick={() => setCursor((c) => [...c, shown[shown.length - 1]!.id])}>{t('older')}</button>
          </nav>
        </>
      )}
    </section>
  );
}
