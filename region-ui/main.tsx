/**
 * `/region`: every hall the signed-in region user may see, live over Socket.IO
 * (the region nodes share pushes through Redis): waiting, open windows, longest
 * wait, today's issued and served, today's satisfaction, open alerts, uplink lag
 * (events and seconds behind the hall's own log) and when the region last heard from
 * the hall; filter by area. Hall names in the viewer's language (zh-CN when the hall has none).
 */
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';
import '../ui-shared/tokens.css';
import './region.css';
import { REGION_API, REGION_EV, REGION_NS, type HallLive, type RegionEventPayloads } from '../common/region.js';
import { LangSwitch } from '../ui-shared/components.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { heardText, isLagging, lagText, ratedText, satisfactionText, waitText } from './format.js';
import { AdminView } from './admin.js';
import { call } from './api.js';
import { HallView } from './hall-view.js';
import { ReportsView } from './reports.js';
import { S } from './strings.js';
import { A } from './strings-admin.js';
import { R } from './strings-reports.js';

const KEY = 'onestop.region.token';
const stored = () => sessionStorage.getItem(KEY);

function Login({ onToken }: { onToken: (t: string) => void }) {
  const t = useT(S);
  const [u, setU] = useState('');
  const [p, setP] = useState('');
  const [err, setErr] = useState(false);
  const submit = async () => {
    const res = await fetch(`${REGION_API}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: p }) });
    const body = await res.json().catch(() => null);
    if (!res.ok || !body?.token) return setErr(true);
    sessionStorage.setItem(KEY, body.token);
    onToken(body.token);
  };
  return (
    <main class="r-login">
      <h1>{t('title')}</h1>
      <LangSwitch />
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label>{t('username')}<input autoComplete="username" required value={u} onInput={(e) => setU(e.currentTarget.value)} /></label>
        <label>{t('password')}<input type="password" autoComplete="current-password" required value={p} onInput={(e) => setP(e.currentTarget.value)} /></label>
        {err && <p class="r-error" role="alert">{t('badLogin')}</p>}
        <button type="submit">{t('signIn')}</button>
      </form>
    </main>
  );
}

function Overview({ token, onSignOut }: { token: string; onSignOut: () => void }) {
  const t = useT(S);
  const ta = useT(A);
  const tr = useT(R);
  const lang = useLang();
  const [role, setRole] = useState<string | null>(null);
  // the reports tab is in the address too (#reports): a reload keeps it
  const [tab, setTabState] = useState<'live' | 'reports' | 'admin'>(() => (location.hash === '#reports' ? 'reports' : 'live'));
  const [halls, setHalls] = useState<Map<string, HallLive>>(new Map());
  const [online, setOnline] = useState(true);
  const [area, setArea] = useState('');
  const [now, setNow] = useState(Date.now());
  const [socket, setSocket] = useState<Socket | null>(null);
  // the opened hall is in the address (#hall=<id>), so a reload or a shared link keeps it
  const [opened, setOpened] = useState<string | null>(() => new URLSearchParams(location.hash.slice(1)).get('hall'));
  const open = (id: string | null) => {
    history.replaceState(null, '', id ? `#hall=${encodeURIComponent(id)}` : location.pathname + location.search);
    setOpened(id);
  };
  const setTab = (next: typeof tab) => {
    history.replaceState(null, '', next === 'reports' ? '#reports' : opened && next === 'live' ? `#hall=${encodeURIComponent(opened)}` : location.pathname + location.search);
    setTabState(next);
  };
  useEffect(() => {
    const socket = io(REGION_NS, { auth: { token }, transports: ['websocket'] });
    setSocket(socket);
    socket.on(REGION_EV.halls, (list: RegionEventPayloads[typeof REGION_EV.halls]) => setHalls(new Map(list.map((h) => [h.hallId, h]))));
    socket.on(REGION_EV.hall, (h: RegionEventPayloads[typeof REGION_EV.hall]) => setHalls((m) => new Map(m).set(h.hallId, h)));
    socket.on('connect', () => setOnline(true));
    socket.on('disconnect', () => setOnline(false));
    socket.on('connect_error', (e) => (e.message === 'UNAUTHENTICATED' ? onSignOut() : setOnline(false)));
    const tick = setInterval(() => setNow(Date.now()), 5000);
    call(token, 'GET', '/me').then((me) => setRole(me.role), () => {});
    return () => {
      clearInterval(tick);
      socket.close();
    };
  }, [token]);
  const areas = useMemo(() => [...new Set([...halls.values()].map((h) => h.area))].sort(), [halls]);
  const rows = [...halls.values()].filter((h) => !area || h.area === area).sort((a, b) => a.area.localeCompare(b.area) || a.hallId.localeCompare(b.hallId));
  const wait = (h: HallLive) => waitText(t, h.oldestWaitingSince, now);
  const heard = (h: HallLive) => heardText(t, h.lastReceivedAt, now);
  return (
    <>
      <header class="r-head">
        <h1>{t('title')}</h1>
        <nav class="r-tabs" aria-label={tr('views')}>
          <button type="button" aria-current={tab === 'live' ? 'page' : undefined} onClick={() => setTab('live')}>{ta('tabLive')}</button>
          <button type="button" aria-current={tab === 'reports' ? 'page' : undefined} onClick={() => setTab('reports')}>{tr('tabReports')}</button>
          {role === 'admin' && <button type="button" aria-current={tab === 'admin' ? 'page' : undefined} onClick={() => setTab('admin')}>{ta('tabAdmin')}</button>}
        </nav>
        <div class="r-tools">
          <LangSwitch />
          <button type="button" class="r-btn" onClick={onSignOut}>{t('signOut')}</button>
        </div>
      </header>
      {!online && <div class="r-offline" role="status">{t('offline')}</div>}
      <main class="r-main">
        {tab === 'reports' ? <ReportsView token={token} /> : tab === 'admin' ? <AdminView token={token} halls={[...halls.values()].map((h) => ({ ...h, name: loc(h.names ?? h.name, lang) })).sort((a, b) => a.hallId.localeCompare(b.hallId))} /> : opened && socket ? <HallView socket={socket} hallId={opened} now={now} onBack={() => open(null)} /> : (
        <section class="r-panel" aria-label={t('title')}>
          <div class="r-bar">
            <label>{t('area')}
              <select value={area} onChange={(e) => setArea(e.currentTarget.value)}>
                <option value="">{t('allAreas')}</option>
                {areas.map((a) => <option key={a} value={a}>{a}</option>)}
              </select>
            </label>
            <span class="r-count" aria-live="polite">{t('halls', { n: rows.length })}</span>
          </div>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('area')}</th><th scope="col">{t('hall')}</th>
                <th scope="col" class="num">{t('waiting')}</th><th scope="col" class="num">{t('openWindows')}</th>
                <th scope="col" class="num">{t('longestWait')}</th><th scope="col" class="num">{t('issued')}</th>
                <th scope="col" class="num">{t('served')}</th><th scope="col" class="num">{t('satisfaction')}</th>
                <th scope="col" class="num">{t('alerts')}</th>
                <th scope="col" class="num">{t('lag')}</th><th scope="col" class="num">{t('heard')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((h) => (
                <tr key={h.hallId} data-hall={h.hallId}>
                  <td>{h.area}</td>
                  <td><button type="button" class="r-link" aria-label={t('openHall', { name: loc(h.names ?? h.name, lang) })} onClick={() => open(h.hallId)}>{loc(h.names ?? h.name, lang)}</button></td>
                  <td class="num">{h.waiting}</td><td class="num">{h.openWindows}</td>
                  <td class="num">{wait(h)}</td><td class="num">{h.issuedToday}</td>
                  <td class="num">{h.servedToday}</td>
                  <td class="num" title={ratedText(t, h.ratingsToday)}>{satisfactionText(t, h.satisfactionToday)}</td>
                  <td class={`num ${h.openAlerts ? 'warn' : ''}`}>{h.openAlerts}</td>
                  <td class={`num ${isLagging(h) ? 'warn' : ''}`}>{lagText(t, h)}</td><td class="num r-sub">{heard(h)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        )}
      </main>
    </>
  );
}

function App() {
  const [token, setToken] = useState<string | null>(stored());
  const signOut = () => {
    const t = token;
    sessionStorage.removeItem(KEY);
    setToken(null);
    if (t) void fetch(`${REGION_API}/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${t}` } });
  };
  return token ? <Overview token={token} onSignOut={signOut} /> : <Login onToken={setToken} />;
}

render(<App />, document.getElementById('app')!);
