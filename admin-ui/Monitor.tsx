import type { DeviceHealth, HallSnapshot } from '../common/types.js';
import { EV, NS } from '../common/events.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { Link } from '../ui-shared/realtime.js';
import { Store, useNow, useStore } from '../ui-shared/store.js';
import { statusText, waitText } from '../ui-shared/strings.js';
import { S } from './strings.js';

export type MonitorFeed = HallSnapshot & { devices?: DeviceHealth[] };
export interface Alert {
  code?: string;
  message?: string;
  windowId?: string;
  at?: string;
}

export const feed = new Store<MonitorFeed | null>(null);
export const alerts = new Store<Alert[]>([]);
let link: Link | null = null;

export function connectMonitor(token: string): Link {
  if (link) return link;
  link = new Link(NS.admin, { auth: () => ({ token }) });
  link.on<MonitorFeed>(EV.monitor, (m) => feed.set(m));
  link.on<Alert>(EV.alert, (a) => alerts.set((l) => [{ at: new Date().toISOString(), ...a }, ...l].slice(0, 50)));
  return link;
}
export function disconnectMonitor(): void {
  link?.close();
  link = null;
}

function since(iso: string | undefined, now: number): string {
  if (!iso) return '';
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function Monitor() {
  const m = useStore(feed);
  const al = useStore(alerts);
  const t = useT(S);
  const lang = useLang();
  const now = useNow(1000);
  if (!m) return <p class="muted">…</p>;
  const total = m.services.reduce((n, s) => n + s.waiting, 0);
  const open = m.windows.filter((w) => w.status === 'open').length;
  const svcName = (id: string) => loc(m.services.find((s) => s.id === id)?.name, lang) || id;
  return (
    <div class="monitor">
      <div class="kpis">
        <div class="kpi"><span>{t('waitingTotal')}</span><b class="num">{total}</b></div>
        <div class="kpi"><span>{t('openWindows')}</span><b class="num">{open} / {m.windows.length}</b></div>
        <div class="kpi"><span>{t('calledToday')}</span><b class="num">{m.recentCalls[0]?.ticketNumber ?? '—'}</b></div>
        <div class={`kpi ${al.length ? 'warn' : ''}`}><span>{t('alerts')}</span><b class="num">{al.length}</b></div>
      </div>
      <div class="mon-grid">
        <section class="panel">
          <h2>{t('windows')}</h2>
          <table>
            <thead><tr><th>{t('window')}</th><th>{t('status')}</th><th>{t('clerk')}</th><th>{t('current')}</th><th>{t('since')}</th></tr></thead>
            <tbody>
              {m.windows.map((w) => (
                <tr key={w.id}>
                  <td><b class="num">{w.number}</b> {w.name}</td>
                  <td><span class={`pill ${w.status}`}>{statusText(w.status, lang)}</span>{w.pauseReason && <small> {w.pauseReason}</small>}</td>
                  <td>{w.staffName ?? '—'}</td>
                  <td>{w.current ? <><b class="num">{w.current.number}</b> <small>{statusText(w.current.status, lang)}</small></> : '—'}</td>
                  <td class="num">{w.current ? since(w.current.calledAt, now) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <div class="side-col">
          <section class="panel">
            <h2>{t('services')}</h2>
            <table>
              <thead><tr><th>{t('service')}</th><th>{t('waiting')}</th><th>{t('est')}</th></tr></thead>
              <tbody>
                {m.services.map((s) => (
                  <tr key={s.id} class={s.estimatedWaitSeconds > 3600 ? 'hot' : ''}>
                    <td><span class="prefix">{s.prefix}</span> {svcName(s.id)}</td>
                    <td class="num">{s.waiting}</td>
                    <td>{waitText(s.estimatedWaitSeconds, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section class="panel">
            <h2>{t('alerts')}</h2>
            {al.length === 0 ? <p class="muted">{t('noAlerts')}</p> : (
              <ul class="alerts">{al.map((a, i) => <li key={i}><b>{a.code}</b> {a.message}</li>)}</ul>
            )}
          </section>
          {m.devices && m.devices.length > 0 && (
            <section class="panel">
              <h2>{t('devices')}</h2>
              <ul class="devs">
                {m.devices.map((d) => <li key={d.id}><span class={`dot ${d.state}`} aria-hidden="true" />{d.id} <small>{d.state}{d.detail ? ` · ${d.detail}` : ''}</small></li>)}
              </ul>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
