/**
 * The region admin's page: users and their area/hall scopes (create, rescope,
 * disable), halls and their uplink tokens (register, issue — shown once — and
 * revoke), and the audit of these changes. Everything goes through the region API.
 */
import { useEffect, useState } from 'preact/hooks';
import type { HallLive, RegionAuditEntry, RegionHallToken, RegionUserView } from '../common/region.js';
import { useT } from '../ui-shared/i18n.js';
import { ApiError, call, listOf } from './api.js';
import { A } from './strings-admin.js';

type T = ReturnType<typeof useT<keyof (typeof A)['en']>>;

function TokenOnce({ hall, token, onClose }: { hall: string; token: string; onClose: () => void }) {
  const t = useT(A);
  const [copied, setCopied] = useState(false);
  return (
    <div class="r-once" role="alert">
      <p>{t('tokenOnce', { hall })}</p>
      <code data-token>{token}</code>
      <div class="r-row">
        <button type="button" class="r-btn2" onClick={() => navigator.clipboard?.writeText(token).then(() => setCopied(true), () => {})}>{copied ? t('copied') : t('copy')}</button>
        <button type="button" class="r-btn2" onClick={onClose}>{t('close')}</button>
      </div>
    </div>
  );
}

function UserRow({ u, t, save }: { u: RegionUserView; t: T; save: (patch: object) => Promise<boolean> }) {
  const [editing, setEditing] = useState(false);
  const [areas, setAreas] = useState(u.areas.join(', '));
  const [halls, setHalls] = useState(u.hallIds.join(', '));
  const scope = u.role === 'admin' ? t('scopeAll') : [...u.areas.map((a) => `${t('areas')}: ${a}`), ...u.hallIds.map((h) => `${t('halls')}: ${h}`)].join('；') || '—';
  return (
    <tr data-user={u.username}>
      <td>{u.username}</td>
      <td>{u.role === 'admin' ? t('roleAdmin') : t('roleViewer')}</td>
      <td>
        {editing ? (
          <form class="r-inline" onSubmit={async (e) => { e.preventDefault(); if (await save({ areas: listOf(areas), hallIds: listOf(halls) })) setEditing(false); }}>
            <label>{t('areas')}<input value={areas} onInput={(e) => setAreas(e.currentTarget.value)} /></label>
            <label>{t('halls')}<input value={halls} onInput={(e) => setHalls(e.currentTarget.value)} /></label>
            <button type="submit" class="r-btn2">{t('save')}</button>
            <button type="button" class="r-btn2" onClick={() => setEditing(false)}>{t('cancel')}</button>
          </form>
        ) : scope}
      </td>
      <td class={u.active ? '' : 'r-off'}>{u.active ? t('enabled') : t('disabled')}</td>
      <td class="r-actions">
        {u.role === 'viewer' && !editing && <button type="button" class="r-btn2" onClick={() => setEditing(true)}>{t('editScope')}</button>}
        <button type="button" class="r-btn2" onClick={() => void save({ active: !u.active })}>{u.active ? t('disable') : t('enable')}</button>
      </td>
    </tr>
  );
}

/** An audit action in the reader's language (its code when this page does not know it). */
const actionLabel = (t: T, action: string) => {
  const key = `act_${action.replace('.', '_')}` as Parameters<T>[0];
  return key in A.en ? t(key) : action;
};

/** The hall's stream: fine, or stopped because the hall was restored from an older backup (with the admin's way out). */
function StreamState({ h, t, resync, confirmEpoch }: { h: HallLive; t: T; resync: () => Promise<boolean>; confirmEpoch: (commonPoint: number) => Promise<boolean> }) {
  const last = h.lastEpoch && <div class="r-note">{t('lastEpoch', { epoch: h.lastEpoch.epoch, at: new Date(h.lastEpoch.at).toLocaleString(), point: h.lastEpoch.commonPoint, n: h.lastEpoch.superseded })}</div>;
  if (!h.problem) return <>{t('streamOk')}{last}</>;
  return (
    <div class="r-problem" data-problem={h.problem}>
      <strong>{t(h.problem === 'UPLINK_BEHIND' ? 'p_UPLINK_BEHIND' : 'p_UPLINK_DIVERGED')}</strong>
      <p>{t('resyncHelp')}</p>
      {h.proposal ? (
        <ProposalBox h={h} t={t} confirmEpoch={confirmEpoch} />
      ) : h.resyncRequestedAt ? (
        <p class="r-note" role="status">{t('resyncAsked')}</p>
      ) : (
        <button type="button" class="r-btn2 r-primary" onClick={() => confirm(t('confirmResync', { hall: h.name })) && void resync()}>{t('resync')}</button>
      )}
      {last}
    </div>
  );
}

/** The hall's proposed common point, with what it would set aside, for the admin to check and confirm. */
function ProposalBox({ h, t, confirmEpoch }: { h: HallLive; t: T; confirmEpoch: (commonPoint: number) => Promise<boolean> }) {
  const p = h.proposal!;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
  const vars = { hall: h.name, point: p.commonPoint, n: p.superseded, from: when(p.from), to: when(p.to), until: when(p.expiresAt) };
  return (
    <div class="r-proposal" data-proposal={p.commonPoint}>
      <p role="status">{t('proposal', vars)}</p>
      <button type="button" class="r-btn2 r-danger" onClick={() => confirm(t('confirmEpochAsk', vars)) && void confirmEpoch(p.commonPoint)}>{t('confirmEpoch', vars)}</button>
    </div>
  );
}

/** `halls` come live from the overview's socket (their stream state included). */
export function AdminView({ token, halls }: { token: string; halls: HallLive[] }) {
  const t = useT(A);
  const [users, setUsers] = useState<RegionUserView[]>([]);
  const [tokens, setTokens] = useState<RegionHallToken[]>([]);
  const [audit, setAudit] = useState<RegionAuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [once, setOnce] = useState<{ hall: string; token: string } | null>(null);
  const [nu, setNu] = useState({ username: '', password: '', role: 'viewer', areas: '', halls: '' });
  const [nh, setNh] = useState({ id: '', name: '', area: '' });

  const load = async () => {
    const [u, k, a] = await Promise.all([call(token, 'GET', '/users'), call(token, 'GET', '/tokens'), call(token, 'GET', '/audit?limit=50')]);
    setUsers(u.users);
    setTokens(k.tokens);
    setAudit(a.entries);
  };
  /** Runs an API change, shows its error if refused, reloads; true when it went through. */
  const act = async (fn: () => Promise<void>): Promise<boolean> => {
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message} (${e.code})` : String(e));
      return false;
    } finally {
      await load().catch(() => {});
    }
  };
  useEffect(() => {
    load().catch((e) => setError(String(e)));
  }, [token]);

  const live = (hallId: string) => tokens.filter((k) => k.hallId === hallId && !k.revokedAt).length;
  return (
    <div class="r-admin">
      {error && <p class="r-error" role="alert">{error}</p>}
      {once && <TokenOnce hall={once.hall} token={once.token} onClose={() => setOnce(null)} />}
      <section class="r-panel" aria-labelledby="r-users">
        <h2 id="r-users">{t('users')}</h2>
        <table>
          <thead><tr><th scope="col">{t('username')}</th><th scope="col">{t('role')}</th><th scope="col">{t('scope')}</th><th scope="col">{t('active')}</th><th scope="col"><span class="r-sr">{t('action')}</span></th></tr></thead>
          <tbody>
            {users.map((u) => <UserRow key={u.id} u={u} t={t} save={(patch) => act(() => call(token, 'PATCH', `/users/${u.id}`, patch))} />)}
          </tbody>
        </table>
        <form class="r-form" aria-label={t('newUser')} onSubmit={async (e) => {
          e.preventDefault();
          const ok = await act(() => call(token, 'POST', '/users', { username: nu.username, password: nu.password, role: nu.role, areas: listOf(nu.areas), hallIds: listOf(nu.halls) }));
          if (ok) setNu({ username: '', password: '', role: 'viewer', areas: '', halls: '' });
        }}>
          <h3>{t('newUser')}</h3>
          <label>{t('username')}<input name="username" required value={nu.username} onInput={(e) => setNu({ ...nu, username: e.currentTarget.value })} /></label>
          <label>{t('password')}<input name="password" type="password" autoComplete="new-password" required minLength={8} value={nu.password} onInput={(e) => setNu({ ...nu, password: e.currentTarget.value })} /></label>
          <label>{t('role')}
            <select name="role" value={nu.role} onChange={(e) => setNu({ ...nu, role: e.currentTarget.value })}>
              <option value="viewer">{t('roleViewer')}</option><option value="admin">{t('roleAdmin')}</option>
            </select>
          </label>
          <label>{t('areas')}<input name="areas" placeholder={t('scopeHint')} value={nu.areas} onInput={(e) => setNu({ ...nu, areas: e.currentTarget.value })} /></label>
          <label>{t('halls')}<input name="halls" placeholder={t('scopeHint')} value={nu.halls} onInput={(e) => setNu({ ...nu, halls: e.currentTarget.value })} /></label>
          <button type="submit" class="r-btn2 r-primary">{t('create')}</button>
        </form>
      </section>

      <section class="r-panel" aria-labelledby="r-halls">
        <h2 id="r-halls">{t('hallList')}</h2>
        <table>
          <thead><tr><th scope="col">{t('hallId')}</th><th scope="col">{t('hallName')}</th><th scope="col">{t('area')}</th><th scope="col" class="num">{t('liveTokens')}</th><th scope="col">{t('stream')}</th><th scope="col"><span class="r-sr">{t('action')}</span></th></tr></thead>
          <tbody>
            {halls.map((h) => (
              <tr key={h.hallId} data-admin-hall={h.hallId}>
                <td>{h.hallId}</td><td>{h.name}</td><td>{h.area}</td><td class="num">{live(h.hallId)}</td>
                <td><StreamState h={h} t={t} resync={() => act(() => call(token, 'POST', `/halls/${encodeURIComponent(h.hallId)}/resync`))}
                  confirmEpoch={(commonPoint) => act(() => call(token, 'POST', `/halls/${encodeURIComponent(h.hallId)}/epoch/confirm`, { commonPoint }))} /></td>
                <td class="r-actions">
                  <button type="button" class="r-btn2" onClick={() => void act(async () => setOnce({ hall: h.hallId, token: (await call(token, 'POST', `/halls/${encodeURIComponent(h.hallId)}/tokens`)).token }))}>{t('issueToken')}</button>
                  <button type="button" class="r-btn2 r-danger" disabled={live(h.hallId) === 0}
                    onClick={() => confirm(t('confirmRevoke', { hall: h.name })) && void act(() => call(token, 'POST', `/halls/${encodeURIComponent(h.hallId)}/tokens/revoke`))}>{t('revokeTokens')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form class="r-form" aria-label={t('newHall')} onSubmit={async (e) => {
          e.preventDefault();
          const ok = await act(async () => setOnce({ hall: nh.id, token: (await call(token, 'POST', '/halls', nh)).token }));
          if (ok) setNh({ id: '', name: '', area: '' });
        }}>
          <h3>{t('newHall')}</h3>
          <label>{t('hallId')}<input name="hallId" required pattern="[A-Za-z0-9_\-]{1,64}" value={nh.id} onInput={(e) => setNh({ ...nh, id: e.currentTarget.value })} /></label>
          <label>{t('hallName')}<input name="hallName" required value={nh.name} onInput={(e) => setNh({ ...nh, name: e.currentTarget.value })} /></label>
          <label>{t('area')}<input name="hallArea" value={nh.area} onInput={(e) => setNh({ ...nh, area: e.currentTarget.value })} /></label>
          <button type="submit" class="r-btn2 r-primary">{t('register')}</button>
        </form>
      </section>

      <section class="r-panel" aria-labelledby="r-audit">
        <h2 id="r-audit">{t('audit')}</h2>
        <table class="r-audit">
          <thead><tr><th scope="col">{t('at')}</th><th scope="col">{t('actor')}</th><th scope="col">{t('action')}</th><th scope="col">{t('target')}</th></tr></thead>
          <tbody>
            {audit.map((a) => <tr key={a.id}><td>{new Date(a.at).toLocaleString()}</td><td>{a.actor}</td><td data-action={a.action}>{actionLabel(t, a.action)}</td><td>{a.target}</td></tr>)}
          </tbody>
        </table>
      </section>
    </div>
  );
}
