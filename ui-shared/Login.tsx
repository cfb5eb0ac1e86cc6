import { useState } from 'preact/hooks';
import { ApiFailure } from './api.js';
import { LangSwitch } from './components.js';
import { defineStrings, useLang, useT } from './i18n.js';
import { login, type Session } from './session.js';
import { friendlyError } from './strings.js';

const S = defineStrings(
  { user: '用户名', password: '密码', signIn: '登录', working: '正在登录…', bad: '用户名或密码不正确。' },
  { user: '使用者名稱', password: '密碼', signIn: '登入', working: '正在登入…', bad: '使用者名稱或密碼不正確。' },
  { user: 'User name', password: 'Password', signIn: 'Sign in', working: 'Signing in…', bad: 'Wrong user name or password.' },
);

/** The staff login of the counter and admin apps. */
export function Login({ title, onDone }: { title: string; onDone: (s: Session) => void }) {
  const t = useT(S);
  const lang = useLang();
  const [user, setUser] = useState('');
  const [pass, setPass] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErr('');
    try {
      onDone(await login(user.trim(), pass));
    } catch (x) {
      setErr(x instanceof ApiFailure && (x.status === 401 || x.code === 'INVALID_CREDENTIALS') ? t('bad') : friendlyError(x, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="login-wrap">
      <form class="login" onSubmit={submit}>
        <h1>{title}</h1>
        <label class="field">
          {t('user')}
          <input value={user} onInput={(e) => setUser(e.currentTarget.value)} autocomplete="username" autofocus required />
        </label>
        <label class="field">
          {t('password')}
          <input type="password" value={pass} onInput={(e) => setPass(e.currentTarget.value)} autocomplete="current-password" required />
        </label>
        {err && <p class="banner banner-error" role="alert">{err}</p>}
        <button class="btn btn-primary login-btn" disabled={busy}>{busy ? t('working') : t('signIn')}</button>
        <LangSwitch class="login-lang" />
      </form>
    </div>
  );
}
