import { useState } from 'preact/hooks';
import type { Reply } from '../common/wire/replies.js';
import type { Role } from '../common/types.js';
import { useT } from '../ui-shared/i18n.js';
import { adminList, adminSend, bump, canEdit } from './admin-api.js';
import { S } from './strings/staff.js';
import { Field, Loading, Modal, useLoad, useSave } from './ui.js';

type User = Reply<'Users'>['users'][number];
const ROLES: Role[] = ['clerk', 'supervisor', 'admin'];

function RoleSelect({ value, onChange }: { value: Role; onChange: (r: Role) => void }) {
  const t = useT(S);
  return (
    <select value={value} onChange={(e) => onChange(e.currentTarget.value as Role)}>
      {ROLES.map((r) => <option key={r} value={r}>{t(`role_${r}`)}</option>)}
    </select>
  );
}

function NewUser({ onClose }: { onClose: () => void }) {
  const t = useT(S);
  const [v, setV] = useState({ username: '', name: '', role: 'clerk' as Role, password: '' });
  const save = useSave();
  return (
    <Modal title={t('newUser')} onCancel={onClose} busy={save.busy} error={save.error}
      onOk={() => save.run(() => adminSend('POST', '/users', { ...v, username: v.username.trim(), name: v.name.trim() }), () => { bump(); onClose(); })}>
      <Field label={t('user')} hint={t('usernameHint')}><input required pattern="[a-z0-9_.\-]{2,40}" value={v.username} autocomplete="off" onInput={(e) => setV({ ...v, username: e.currentTarget.value })} /></Field>
      <Field label={t('name')}><input required maxLength={60} value={v.name} onInput={(e) => setV({ ...v, name: e.currentTarget.value })} /></Field>
      <Field label={t('role')}><RoleSelect value={v.role} onChange={(role) => setV({ ...v, role })} /></Field>
      <Field label={t('password')} hint={t('passwordHint')}><input type="password" required minLength={8} autocomplete="new-password" value={v.password} onInput={(e) => setV({ ...v, password: e.currentTarget.value })} /></Field>
    </Modal>
  );
}

function ResetPassword({ user, onClose }: { user: User; onClose: () => void }) {
  const t = useT(S);
  const [pw, setPw] = useState('');
  const save = useSave();
  return (
    <Modal title={t('resetPasswordOf', { name: user.name })} onCancel={onClose} busy={save.busy} error={save.error}
      onOk={() => save.run(() => adminSend('PATCH', `/users/${user.id}`, { password: pw }), () => { bump(); onClose(); })}>
      <Field label={t('newPassword')} hint={t('passwordHint')}><input type="password" required minLength={8} autocomplete="new-password" value={pw} onInput={(e) => setPw(e.currentTarget.value)} /></Field>
    </Modal>
  );
}

export function StaffView() {
  const t = useT(S);
  const { data, error } = useLoad(() => adminList<User>('/users', 'users'));
  const [adding, setAdding] = useState(false);
  const [reset, setReset] = useState<User | null>(null);
  const save = useSave();
  if (!data) return <Loading error={error} />;
  const patch = (u: User, body: Partial<User>) => save.run(() => adminSend('PATCH', `/users/${u.id}`, body), bump);
  const edit = canEdit();
  return (
    <section class="panel">
      <div class="panel-head">
        <h2>{t('staff')}</h2>
        {edit && <button class="btn btn-primary" onClick={() => setAdding(true)}>{t('newUser')}</button>}
      </div>
      {save.error && <p class="banner banner-error" role="alert">{save.error}</p>}
      <table>
        <thead><tr><th>{t('user')}</th><th>{t('name')}</th><th>{t('role')}</th><th>{t('status')}</th><th><span class="sr-only">{t('actions')}</span></th></tr></thead>
        <tbody>
          {data.map((u) => (
            <tr key={u.id} class={u.active ? '' : 'inactive'}>
              <td><code>{u.username}</code></td>
              <td>{u.name}</td>
              <td>{edit ? <label><span class="sr-only">{t('role')} {u.username}</span><RoleSelect value={u.role} onChange={(role) => patch(u, { role })} /></label> : t(`role_${u.role}`)}</td>
              <td><span class={`pill ${u.active ? 'open' : 'paused'}`}>{u.active ? t('active') : t('disabled')}</span></td>
              <td class="row-actions">
                {edit && (
                  <>
                    <button class="btn btn-small" disabled={save.busy} onClick={() => patch(u, { active: !u.active })}>{u.active ? t('disable') : t('enable')}<span class="sr-only"> {u.username}</span></button>
                    <button class="btn btn-small" onClick={() => setReset(u)}>{t('resetPassword')}<span class="sr-only"> {u.username}</span></button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {adding && <NewUser onClose={() => setAdding(false)} />}
      {reset && <ResetPassword user={reset} onClose={() => setReset(null)} />}
    </section>
  );
}
