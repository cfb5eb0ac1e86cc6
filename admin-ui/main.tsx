import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../ui-shared/tokens.css';
import './admin.css';
import { endSession } from '../ui-shared/api.js';
import { ConnectionBanner, LangSwitch } from '../ui-shared/components.js';
import { useT } from '../ui-shared/i18n.js';
import { Login } from '../ui-shared/Login.js';
import { useStore } from '../ui-shared/store.js';
import { canEdit, session } from './admin-api.js';
import { AuditView } from './Audit.js';
import { ClockBanner } from './ClockBanner.js';
import { ClientsView } from './Clients.js';
import { DevicesView } from './Devices.js';
import { connectMonitor, disconnectMonitor, Monitor } from './Monitor.js';
import { ReportsView } from './Reports.js';
import { PriorityView } from './Priority.js';
import { ServicesView } from './Services.js';
import { SettingsView } from './Settings.js';
import { StaffView } from './Staff.js';
import { S } from './strings/shell.js';
import { WindowsView } from './Windows.js';

const TABS = ['monitor', 'services', 'windows', 'priority', 'settings', 'staff', 'clients', 'devices', 'reports', 'audit'] as const;
type Tab = (typeof TABS)[number];
const VIEWS: Record<Tab, () => preact.JSX.Element> = {
  monitor: Monitor, services: ServicesView, windows: WindowsView, priority: PriorityView, settings: SettingsView, staff: StaffView,
  clients: ClientsView, devices: DevicesView, reports: ReportsView, audit: AuditView,
};
const fromHash = (): Tab => {
  const h = location.hash.slice(1) as Tab;
  return TABS.includes(h) ? h : 'monitor';
};

function Shell({ token, name }: { token: string; name: string }) {
  const t = useT(S);
  const link = connectMonitor(token);
  const [tab, setTab] = useState<Tab>(fromHash());
  useEffect(() => {
    const on = () => setTab(fromHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const View = VIEWS[tab];
  return (
    <div class="admin">
      <ConnectionBanner link={link} />
      <header class="a-head">
        <h1>Onestop · {t('title')}</h1>
        <div class="a-tools">
          <span>{name}</span>
          <LangSwitch />
          <button class="btn a-btn" onClick={() => { void endSession(session.get()?.token); disconnectMonitor(); session.set(null); }}>{t('logout')}</button>
        </div>
      </header>
      <nav class="a-tabs" aria-label={t('sections')}>
        {TABS.map((x) => (
          <a key={x} href={`#${x}`} aria-current={tab === x ? 'page' : undefined} class={tab === x ? 'on' : ''}>{t(x)}</a>
        ))}
      </nav>
      <main class="a-main" id={`view-${tab}`}>
        <ClockBanner />
        {!canEdit() && tab !== 'monitor' && tab !== 'reports' && tab !== 'audit' && <p class="banner banner-warn">{t('readOnly')}</p>}
        <View />
      </main>
    </div>
  );
}

function App() {
  const s = useStore(session);
  const t = useT(S);
  if (!s) return <Login title={`Onestop · ${t('title')}`} onDone={(x) => session.set(x)} />;
  if (s.user.role === 'clerk') {
    return (
      <div class="login-wrap">
        <main class="login">
          <p class="banner banner-error">{t('notAllowed')}</p>
          <button class="btn" onClick={() => { void endSession(s.token); session.set(null); }}>{t('logout')}</button>
        </main>
      </div>
    );
  }
  return <Shell token={s.token} name={s.user.name} />;
}

render(<App />, document.getElementById('app')!);
