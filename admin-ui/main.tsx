import { render } from 'preact';
import { useState } from 'preact/hooks';
import '../ui-shared/tokens.css';
import './admin.css';
import { ConnectionBanner, LangSwitch } from '../ui-shared/components.js';
import { useT } from '../ui-shared/i18n.js';
import { Login } from '../ui-shared/Login.js';
import { sessionStore } from '../ui-shared/session.js';
import { useStore } from '../ui-shared/store.js';
import { LISTS, ListView } from './Lists.js';
import { connectMonitor, disconnectMonitor, Monitor } from './Monitor.js';
import { S } from './strings.js';

const session = sessionStore('admin');
type Tab = 'monitor' | keyof typeof LISTS;
const TABS: Tab[] = ['monitor', 'services', 'windows', 'staff', 'clients', 'devices'];

function Shell({ token, name }: { token: string; name: string }) {
  const t = useT(S);
  const link = connectMonitor(token);
  const [tab, setTab] = useState<Tab>((location.hash.slice(1) as Tab) || 'monitor');
  const go = (x: Tab) => {
    setTab(x);
    history.replaceState(null, '', `#${x}`);
  };
  return (
    <div class="admin">
      <ConnectionBanner link={link} />
      <header class="a-head">
        <h1>Onestop · {t('title')}</h1>
        <div class="a-tools">
          <span>{name}</span>
          <LangSwitch />
          <button class="btn a-btn" onClick={() => { disconnectMonitor(); session.set(null); }}>{t('logout')}</button>
        </div>
      </header>
      <nav class="a-tabs" role="tablist">
        {TABS.map((x) => (
          <button key={x} role="tab" aria-selected={tab === x} class={tab === x ? 'on' : ''} onClick={() => go(x)}>{t(x)}</button>
        ))}
      </nav>
      <main class="a-main">
        {tab === 'monitor' ? <Monitor /> : <ListView def={LISTS[tab]} token={token} />}
        {tab === 'monitor' && <p class="muted soon">{t('comingSoon')}</p>}
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
        <div class="login">
          <p class="banner banner-error">{t('notAllowed')}</p>
          <button class="btn" onClick={() => session.set(null)}>{t('logout')}</button>
        </div>
      </div>
    );
  }
  return <Shell token={s.token} name={s.user.name} />;
}

render(<App />, document.getElementById('app')!);
