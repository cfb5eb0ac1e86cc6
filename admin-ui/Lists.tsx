import { useEffect, useState } from 'preact/hooks';
import type { LocalizedText } from '../common/types.js';
import { get, listOf } from '../ui-shared/api.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { friendlyError } from '../ui-shared/strings.js';
import { S } from './strings.js';

type Row = Record<string, unknown>;
type Key = keyof (typeof S)['zh-CN'];
export interface ListDef {
  path: string;
  key: string;
  cols: { label: Key; value: (r: Row, lang: 'zh-CN' | 'zh-TW' | 'en') => string }[];
}

const text = (v: unknown, lang: 'zh-CN' | 'zh-TW' | 'en'): string =>
  v == null ? '' : typeof v === 'object' && 'zh-CN' in (v as object) ? loc(v as LocalizedText, lang) : Array.isArray(v) ? v.join(', ') : String(v);

/** The read-only lists of this first stage; editing comes with the admin's forms. */
export const LISTS: Record<'services' | 'windows' | 'staff' | 'clients' | 'devices', ListDef> = {
  services: { path: '/api/v1/admin/services', key: 'services', cols: [
    { label: 'prefix', value: (r) => text(r.prefix, 'zh-CN') },
    { label: 'name', value: (r, l) => text(r.name, l) },
    { label: 'dept', value: (r) => text(r.departmentId, 'zh-CN') },
    { label: 'promised', value: (r) => (r.promisedMinutes ? `${String(r.promisedMinutes)}′` : '') },
    { label: 'quota', value: (r) => text(r.dailyQuota ?? '—', 'zh-CN') },
    { label: 'open', value: (r) => (r.open === false ? '✕' : '✓') },
  ] },
  windows: { path: '/api/v1/admin/windows', key: 'windows', cols: [
    { label: 'number', value: (r) => text(r.number, 'zh-CN') },
    { label: 'name', value: (r, l) => text(r.name, l) },
    { label: 'dept', value: (r) => text(r.departmentId, 'zh-CN') },
    { label: 'servicesOf', value: (r) => text(r.serviceIds ?? (Array.isArray(r.services) ? (r.services as Row[]).map((s) => s.serviceId) : ''), 'zh-CN') },
  ] },
  staff: { path: '/api/v1/admin/users', key: 'users', cols: [
    { label: 'user', value: (r) => text(r.username, 'zh-CN') },
    { label: 'name', value: (r) => text(r.name, 'zh-CN') },
    { label: 'role', value: (r) => text(r.role, 'zh-CN') },
  ] },
  clients: { path: '/api/v1/admin/clients', key: 'clients', cols: [
    { label: 'name', value: (r) => text(r.name, 'zh-CN') },
    { label: 'kind', value: (r) => text(r.kind, 'zh-CN') },
    { label: 'number', value: (r) => text(r.id, 'zh-CN') },
  ] },
  devices: { path: '/api/v1/health', key: 'devices', cols: [
    { label: 'number', value: (r) => text(r.id, 'zh-CN') },
    { label: 'kind', value: (r) => text(r.kind, 'zh-CN') },
    { label: 'state', value: (r) => text(r.state, 'zh-CN') },
    { label: 'detail', value: (r) => text(r.detail, 'zh-CN') },
  ] },
};

export function ListView({ def, token }: { def: ListDef; token: string }) {
  const t = useT(S);
  const lang = useLang();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [err, setErr] = useState('');
  useEffect(() => {
    setRows(null);
    setErr('');
    get(def.path, { token }).then((b) => setRows(listOf<Row>(b, def.key))).catch((e) => setErr(friendlyError(e, lang)));
  }, [def]);
  if (err) return <p class="banner banner-error">{t('loadFailed', { msg: err })}</p>;
  if (!rows) return <p class="muted">…</p>;
  return (
    <section class="panel">
      <table>
        <thead><tr>{def.cols.map((c) => <th key={c.label}>{t(c.label)}</th>)}</tr></thead>
        <tbody>
          {rows.length === 0 && <tr><td colSpan={def.cols.length}>{t('none')}</td></tr>}
          {rows.map((r, i) => <tr key={String(r.id ?? i)}>{def.cols.map((c) => <td key={c.label}>{c.value(r, lang)}</td>)}</tr>)}
        </tbody>
      </table>
    </section>
  );
}
