import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../ui-shared/tokens.css';
import './counter.css';
import type { WindowState } from '../common/types.js';
import { ApiFailure, endSession } from '../ui-shared/api.js';
import { ConnectionBanner, LangSwitch } from '../ui-shared/components.js';
import { useLang, useT } from '../ui-shared/i18n.js';
import { Login } from '../ui-shared/Login.js';
import { useStore } from '../ui-shared/store.js';
import { friendlyError, statusText } from '../ui-shared/strings.js';
import { act, connect, disconnect, listWindows, loadServices, openWindow, session, win, windowId } from './counter-state.js';
import { S } from './strings.js';
import { Workbench } from './Workbench.js';

function PickWindow() {
  const t = useT(S);
  const lang = useLang();
  const [list, setList] = useState<WindowState[] | null>(null);
  const [err, setErr] = useState('');
  // A window someone else is signed in to: a supervisor may take it over, a clerk is told to ask.
  const [taken, setTaken] = useState<WindowState | null>(null);
  const mayForce = session.get()?.user.role !== 'clerk';
  useEffect(() => {
    listWindows().then(setList).catch((e) => setErr(friendlyError(e, lang)));
  }, []);
  const pick = (w: WindowState, force = false) => {
    setErr('');
    setTaken(null);
    return openWindow(w.id, force).catch((e) => {
      if (e instanceof ApiFailure && e.code === 'WINDOW_TAKEN') {
        setTaken(w);
        setErr(t(mayForce ? 'windowTakenForce' : 'windowTaken', { n: w.number, name: w.staffName || t('someoneElse') }));
      } else setErr(friendlyError(e, lang));
    });
  };
  return (
    <div class="pick">
      <h2>{t('chooseWindow')}</h2>
      {err && (
        <p class="banner banner-error" role="alert">
          {err}
          {taken && mayForce && (
            <button class="btn c-btn take-over" onClick={() => void pick(taken, true)}>{t('takeOver', { n: taken.number })}</button>
          )}
        </p>
      )}
      <div class="pick-grid">
        {list?.map((w) => (
          <button key={w.id} class="pick-win" data-window={w.number} onClick={() => void pick(w)}>
            <span class="num pw-no">{w.number}</span>
            <span class="pw-name">{w.name}</span>
            <span class={`pill ${w.status}`}>{statusText(w.status, lang)}{w.staffName ? ` · ${w.staffName}` : ''}</span>
          </button>
        ))}
      </div>
    </div>
  );
}

function Bench() {
  const link = connect();
  useEffect(() => {
    void loadServices().catch(() => undefined);
  }, []);
  return (
    <>
      <ConnectionBanner link={link} />
      <Workbench />
    </>
  );
}

function App() {
  const s = useStore(session);
  const wid = useStore(windowId);
  const w = useStore(win);
  const t = useT(S);
  if (!s) return <Login title={`Onestop · ${t('title')}`} onDone={(x) => session.set(x)} />;
  const signOut = async () => {
    await act('close').catch(() => undefined);
    disconnect();
    windowId.set(null);
  };
  const logout = () => {
    void endSession(session.get()?.token);
    disconnect();
    session.set(null);
  };
  return (
    <div class="counter">
      <header class="c-head">
        <h1>
          {t('title')}
          {wid && w && <span class="c-win">{t('windowN', { n: w.number })}{w.name && !w.name.startsWith(String(w.number)) ? ` · ${w.name}` : ''}</span>}
        </h1>
        <div class="c-tools">
          <span class="c-user">{s.user.name}</span>
          <LangSwitch class="c-lang" />
          {wid && <button class="btn c-btn" onClick={() => void signOut()}>{t('signOut')}</button>}
          <button class="btn c-btn" onClick={logout}>{t('logout')}</button>
        </div>
      </header>
      <main class="c-main">{wid ? <Bench /> : <PickWindow />}</main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
