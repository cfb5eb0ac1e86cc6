import { useState } from 'preact/hooks';
import type { Reply } from '../common/wire/replies.js';
import { useT } from '../ui-shared/i18n.js';
import { adminList, adminSend, bump, canEdit } from './admin-api.js';
import { S } from './strings/clients.js';
import { Field, Loading, Modal, useLoad, useSave } from './ui.js';

type Client = Reply<'Clients'>['clients'][number];

/** Where the device's browser should point, with its token (the page remembers it). */
function setupUrl(c: Client, token: string): string {
  const cfg = c.config ?? {};
  const path = c.kind === 'kiosk' ? `/kiosk?kiosk=${encodeURIComponent(c.id)}&` : cfg.mode === 'window' && cfg.window ? `/display/window/${String(cfg.window)}?` : '/display?';
  return `${location.origin}${path}device=${encodeURIComponent(token)}`;
}

function TokenShown({ c, token, onClose }: { c: Client; token: string; onClose: () => void }) {
  const t = useT(S);
  const url = setupUrl(c, token);
  return (
    <Modal title={t('tokenFor', { name: c.name })} onCancel={onClose}>
      <p class="banner banner-warn">{t('tokenOnce')}</p>
      <Field label={t('token')}><input readOnly value={token} class="mono token-out" onFocus={(e) => e.currentTarget.select()} /></Field>
      <Field label={t('setupUrl')}><input readOnly value={url} class="mono" onFocus={(e) => e.currentTarget.select()} /></Field>
      <button type="button" class="btn" onClick={() => void navigator.clipboard?.writeText(url)}>{t('copy')}</button>
    </Modal>
  );
}

function NewClient({ onClose, onIssued }: { onClose: () => void; onIssued: (c: Client, token: string) => void }) {
  const t = useT(S);
  const [v, setV] = useState({ kind: 'kiosk' as Client['kind'], name: '', mode: 'hall', window: 1 });
  const save = useSave();
  const submit = () =>
    save.run(async () => {
      const config = v.kind === 'display' ? (v.mode === 'window' ? { mode: 'window', window: v.window } : { mode: 'hall' }) : {};
      const r = await adminSend<Reply<'ClientSaved'>>('POST', '/clients', { kind: v.kind, name: v.name.trim(), config });
      const tok = await adminSend<Reply<'ClientToken'>>('POST', `/clients/${encodeURIComponent(r.client.id)}/token`);
      bump();
      onIssued(r.client, tok.token);
    });
  return (
    <Modal title={t('newClient')} onCancel={onClose} onOk={submit} okLabel={t('registerIssue')} busy={save.busy} error={save.error}>
      <Field label={t('kind')}>
        <select value={v.kind} onChange={(e) => setV({ ...v, kind: e.currentTarget.value as Client['kind'] })}>
          <option value="kiosk">{t('kind_kiosk')}</option>
          <option value="display">{t('kind_display')}</option>
        </select>
      </Field>
      <Field label={t('name')}><input required maxLength={60} value={v.name} onInput={(e) => setV({ ...v, name: e.currentTarget.value })} /></Field>
      {v.kind === 'display' && (
        <div class="row3">
          <Field label={t('displayMode')}>
            <select value={v.mode} onChange={(e) => setV({ ...v, mode: e.currentTarget.value })}>
              <option value="hall">{t('mode_hall')}</option>
              <option value="window">{t('mode_window')}</option>
            </select>
          </Field>
          {v.mode === 'window' && <Field label={t('window')}><input type="number" min={1} value={v.window} onInput={(e) => setV({ ...v, window: Number(e.currentTarget.value) })} /></Field>}
        </div>
      )}
    </Modal>
  );
}

export function ClientsView() {
  const t = useT(S);
  const { data, error } = useLoad(() => adminList<Client>('/clients', 'clients'));
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<{ c: Client; token: string } | null>(null);
  const save = useSave();
  if (!data) return <Loading error={error} />;
  const setAgent = (c: Client, agent: boolean) =>
    save.run(async () => {
      await adminSend('PUT', `/clients/${encodeURIComponent(c.id)}/agent`, { agent });
      bump();
    });
  const issue = (c: Client) => {
    if (c.hasToken && !confirm(t('reissueConfirm', { name: c.name }))) return;
    save.run(async () => {
      const r = await adminSend<Reply<'ClientToken'>>('POST', `/clients/${encodeURIComponent(c.id)}/token`);
      bump();
      setShown({ c, token: r.token });
    });
  };
  const revoke = (c: Client) => {
    if (!confirm(t('revokeConfirm', { name: c.name }))) return;
    save.run(async () => {
      await adminSend('POST', `/clients/${encodeURIComponent(c.id)}/revoke`);
      bump();
    });
  };
  return (
    <section class="panel">
      <div class="panel-head">
        <h2>{t('clients')}</h2>
        {canEdit() && <button class="btn btn-primary" onClick={() => setAdding(true)}>{t('newClient')}</button>}
      </div>
      {save.error && <p class="banner banner-error" role="alert">{save.error}</p>}
      <p class="muted">{t('agentHint')}</p>
      <table>
        <thead><tr><th>{t('name')}</th><th>{t('kind')}</th><th>ID</th><th>{t('config')}</th><th>{t('agent')}</th><th>{t('token')}</th><th><span class="sr-only">{t('actions')}</span></th></tr></thead>
        <tbody>
          {data.map((c) => (
            <tr key={c.id} class={c.revoked ? 'inactive' : ''}>
              <td>{c.name}</td>
              <td>{t(`kind_${c.kind}`)}</td>
              <td><code>{c.id}</code></td>
              <td><small>{c.kind === 'display' ? (c.config.mode === 'window' ? t('windowN', { n: String(c.config.window) }) : t('mode_hall')) : String(c.config.zone ?? '')}</small></td>
              <td data-agent={c.kind === 'kiosk' ? String(c.config.agent === true) : undefined}>{c.kind === 'kiosk' ? (c.config.agent === true ? t('agentOn') : t('agentOff')) : '—'}</td>
              <td>{c.revoked ? t('revoked') : c.hasToken ? t('tokenIssued') : t('notIssued')}</td>
              <td class="row-actions">
                {canEdit() && <button class="btn btn-small" disabled={save.busy} onClick={() => issue(c)}>{c.hasToken ? t('reissue') : t('issueToken')}<span class="sr-only"> {c.name}</span></button>}
                {canEdit() && c.kind === 'kiosk' && (
                  <button class="btn btn-small" disabled={save.busy} onClick={() => setAgent(c, c.config.agent !== true)}>
                    {c.config.agent === true ? t('agentToggleOff') : t('agentToggleOn')}<span class="sr-only"> {c.name}</span>
                  </button>
                )}
                {canEdit() && !c.revoked && (
                  <button class="btn btn-small btn-danger revoke" disabled={save.busy} onClick={() => revoke(c)}>{t('revoke')}<span class="sr-only"> {c.name}</span></button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {adding && <NewClient onClose={() => setAdding(false)} onIssued={(c, token) => { setAdding(false); setShown({ c, token }); }} />}
      {shown && <TokenShown c={shown.c} token={shown.token} onClose={() => setShown(null)} />}
    </section>
  );
}
