import { serverFeatures } from '../ui-shared/env.js';
import type { DeviceHealth } from '../common/types.js';
import type { SupervisionAlert } from '../common/supervision.js';
import type { Monitor as MonitorEvent } from '../common/wire/socket.js';
import type { Reply } from '../common/wire/replies.js';
import { watchVoiceScreens } from './VoicePanel.js';
import { EV, NS } from '../common/events.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { Link } from '../ui-shared/realtime.js';
import { Observable, useNow, useStore } from '../ui-shared/store.js';
import { adminGet, adminSend, session } from './admin-api.js';
import { StateBadge } from './ui.js';
import { statusText, waitText } from '../ui-shared/strings.js';
import { S } from './strings/monitor.js';
import { OverduePanel } from './Overdue.js';

/** `/admin` `monitor` (common/wire/socket.ts). */
export type MonitorFeed = MonitorEvent;
/** A supervision alert: the `/admin` `alert` event and `GET /api/v1/admin/alerts` items. */
export type Alert = SupervisionAlert;

export const feed = new Observable<MonitorFeed | null>(null);
export const alerts = new Observable<Alert[]>([]);
/** Device health by id, from the monitor snapshot and live `device` pushes. */
export const deviceHealth = new Observable<Record<string, DeviceHealth>>({});
/** Whether the server can list and acknowledge alerts (read from its OpenAPI document). */
export const alertApi = new Observable({ list: false, ack: false });
let link: Link<'/admin'> | null = null;
/**
 * Hall time minus browser time, from each feed's serverTime: elapsed times are the
 * hall's (its clock may be set for a test, or the PC's clock may be wrong).
 */
let hallOffsetMs = 0;
export const hallNow = (browserNow: number) => browserNow + hallOffsetMs;

const acked = (a: Alert) => !!a.ackedAt;
function mergeAlert(a: Alert): void {
  alerts.set((l) => {
    const i = a.id == null ? -1 : l.findIndex((x) => x.id === a.id);
    if (i >= 0) return l.map((x, j) => (j === i ? { ...x, ...a } : x));
    return [a, ...l].slice(0, 100);
  });
}

async function loadAlerts(): Promise<void> {
  alertApi.set({ list: serverFeatures, ack: serverFeatures });
  if (serverFeatures) {
    const body = await adminGet<Reply<'Alerts'>>('/alerts').catch(() => null);
    if (body) alerts.set(body.alerts);
  }
}

export async function ackAlert(a: Alert): Promise<void> {
  const r = await adminSend<Reply<'Alert'>>('POST', `/alerts/${encodeURIComponent(String(a.id))}/ack`);
  mergeAlert(r.alert);
}

export function connectMonitor(token: string): Link<'/admin'> {
  if (link) return link;
  const l = (link = new Link(NS.admin, { auth: () => ({ token }) }));
  l.on(EV.monitor, (m) => {
    const at = Date.parse(m.serverTime);
    if (Number.isFinite(at)) hallOffsetMs = at - Date.now();
    feed.set(m);
    if (m.devices) deviceHealth.set(Object.fromEntries(m.devices.map((d) => [d.id, d])));
  });
  l.on(EV.alert, mergeAlert);
  watchVoiceScreens(l);
  l.on(EV.device, (d) => deviceHealth.set((h) => ({ ...h, [d.id]: d })));
  l.onConnect(() => void loadAlerts());
  return l;
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
  const api = useStore(alertApi);
  const open = al.filter((a) => !acked(a) && !a.resolvedAt).length;
  const t = useT(S);
  const lang = useLang();
  const now = hallNow(useNow(1000));
  const devs = useStore(deviceHealth);
  const kindLabel = (a: Alert) => {
    const k = `ak_${a.kind}`;
    return k in S['zh-CN'] ? t(k as keyof (typeof S)['zh-CN']) : a.kind;
  };
  if (!m) return <p class="muted">…</p>;
  const total = m.services.reduce((n, s) => n + s.waiting, 0);
  const openWins = m.windows.filter((w) => w.status === 'open').length;
  const svcName = (id: string) => loc(m.services.find((s) => s.id === id)?.name, lang) || id;
  return (
    <div class="monitor">
      <div class="kpis">
        <div class="kpi"><span>{t('waitingTotal')}</span><b class="num">{total}</b></div>
        <div class="kpi"><span>{t('openWindows')}</span><b class="num">{openWins} / {m.windows.length}</b></div>
        <div class="kpi"><span>{t('calledToday')}</span><b class="num">{m.recentCalls[0]?.ticketNumber ?? '—'}</b></div>
        <div class={`kpi ${open ? 'warn' : ''}`}><span>{t('openAlerts')}</span><b class="num">{open}</b></div>
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
              <ul class="alerts">
                {al.map((a, i) => (
                  <li key={a.id ?? i} class={`alert ${acked(a) ? 'acked' : ''} ${a.resolvedAt ? 'resolved' : ''}`}>
                    <div>
                      <b>{kindLabel(a)}</b>
                      <small class="num"> {a.at ? new Date(a.at).toLocaleTimeString(lang === 'en' ? 'en-GB' : lang, { hour: '2-digit', minute: '2-digit' }) : ''}</small>
                      <div>{a.messages?.[lang] ?? a.message}</div>
                      {acked(a) && <small>{t('ackedBy', { name: String(a.ackedBy ?? '') })}</small>}
                    </div>
                    {api.ack && a.id != null && !acked(a) && (
                      <button class="btn btn-small" onClick={() => void ackAlert(a).catch(() => undefined)}>{t('ack')}</button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {!api.ack && !api.list && <p class="muted small-note">{t('alertsApiMissing')}</p>}
          </section>
          <OverduePanel tick={al.length} serviceName={svcName} windowLabel={(id) => String(m.windows.find((w) => w.id === id)?.number ?? id)} />
          {m.devices && m.devices.length > 0 && (
            <section class="panel">
              <h2>{t('devices')}</h2>
              <ul class="devs">
                {m.devices.map((d) => {
                  const h = devs[d.id] ?? d;
                  return <li key={d.id}><StateBadge state={h.state} /> <code>{d.id}</code> <small>{h.detail}</small></li>;
                })}
              </ul>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
