import { useState } from 'preact/hooks';
import type { Reply } from '../common/wire/replies.js';
import { KEYPAD_KEYS } from '../common/window-actions.js';
import { useT } from '../ui-shared/i18n.js';
import { useStore } from '../ui-shared/store.js';
import { adminGet, adminSend, bump, canEdit } from './admin-api.js';
import { deviceHealth } from './Monitor.js';
import { S } from './strings/devices.js';
import { Field, Loading, Modal, StateBadge, useLoad, useSave } from './ui.js';

const KINDS = ['printer', 'idcard', 'led', 'keypad', 'evaluator'] as const;
const OWNERS = ['kiosk', 'window', 'hall'] as const;

/** A configured device with its health, as `GET /api/v1/admin/devices` lists it. */
type Device = Omit<Reply<'Devices'>['devices'][number], 'health'> & { health?: Reply<'Devices'>['devices'][number]['health'] };
type AgentDevice = Reply<'Devices'>['agentDevices'][number];

const AGENT_ID = /-agent(-printer|-idcard)?$/;

function AgentDevices({ list }: { list: AgentDevice[] }) {
  const t = useT(S);
  const live = useStore(deviceHealth);
  const byId = new Map(list.map((d) => [d.id, d]));
  for (const h of Object.values(live)) if (AGENT_ID.test(h.id) && !byId.has(h.id)) byId.set(h.id, { uri: '', ownerId: null, ownerKind: 'kiosk', ...h });
  const rows = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  if (!rows.length) return null;
  return (
    <>
      <h3>{t('agentDevices')}</h3>
      <p class="muted">{t('agentDevicesHint')}</p>
      <table class="agent-devices">
        <thead><tr><th>ID</th><th>{t('kind')}</th><th>{t('uri')}</th><th>{t('owner')}</th><th>{t('health')}</th></tr></thead>
        <tbody>
          {rows.map((d) => {
            const h = live[d.id] ?? d;
            return (
              <tr key={d.id} data-device={d.id}>
                <td><code>{d.id}</code></td>
                <td>{t(`dk_${d.kind as Device['kind'] | 'agent'}`)}</td>
                <td>{d.uri ? <code class="uri">{d.uri}</code> : '—'}</td>
                <td>{t('owner_kiosk')}{d.ownerId ? ` · ${d.ownerId}` : ''}</td>
                <td><StateBadge state={h.state} /> <small>{h.detail}</small></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function DeviceEditor({ dev, isNew, onClose }: { dev: Device; isNew: boolean; onClose: () => void }) {
  const t = useT(S);
  const [v, setV] = useState(dev);
  const [opts, setOpts] = useState(JSON.stringify(dev.options ?? {}, null, 1));
  const save = useSave();
  const submit = () => {
    let options: Record<string, unknown>;
    try {
      options = JSON.parse(opts || '{}') as Record<string, unknown>;
    } catch {
      return save.setError(t('badJson'));
    }
    const body = { kind: v.kind, uri: v.uri.trim(), ownerKind: v.ownerKind, ownerId: v.ownerKind === 'hall' ? null : v.ownerId?.trim() || null, options, enabled: v.enabled };
    save.run(() => adminSend('PUT', `/devices/${encodeURIComponent(v.id.trim())}`, body), () => { bump(); onClose(); });
  };
  return (
    <Modal wide title={isNew ? t('newDevice') : t('editDevice')} onCancel={onClose} onOk={canEdit() ? submit : undefined} busy={save.busy} error={save.error}>
      <div class="row3">
        <Field label="ID"><input required readOnly={!isNew} pattern="[A-Za-z0-9_.\-]+" value={v.id} onInput={(e) => setV({ ...v, id: e.currentTarget.value })} /></Field>
        <Field label={t('kind')}>
          <select value={v.kind} onChange={(e) => setV({ ...v, kind: e.currentTarget.value as Device['kind'] })}>
            {KINDS.map((k) => <option key={k} value={k}>{t(`dk_${k}`)}</option>)}
          </select>
        </Field>
        <Field label={t('enabled')}><select value={v.enabled ? '1' : '0'} onChange={(e) => setV({ ...v, enabled: e.currentTarget.value === '1' })}><option value="1">{t('yes')}</option><option value="0">{t('no')}</option></select></Field>
      </div>
      <Field label={t('uri')} hint={t('uriHint')}><input required class="mono" value={v.uri} onInput={(e) => setV({ ...v, uri: e.currentTarget.value })} /></Field>
      <div class="row3">
        <Field label={t('owner')}>
          <select value={v.ownerKind} onChange={(e) => setV({ ...v, ownerKind: e.currentTarget.value as Device['ownerKind'] })}>
            {OWNERS.map((o) => <option key={o} value={o}>{t(`owner_${o}`)}</option>)}
          </select>
        </Field>
        {v.ownerKind !== 'hall' && <Field label={t('ownerId')} hint={v.ownerKind === 'window' ? 'w1, w2, …' : 'kiosk-1, …'}><input required value={v.ownerId ?? ''} onInput={(e) => setV({ ...v, ownerId: e.currentTarget.value })} /></Field>}
      </div>
      <Field label={t('options')} hint={t('optionsHint')}><textarea class="mono" rows={4} value={opts} onInput={(e) => setOpts(e.currentTarget.value)} /></Field>
    </Modal>
  );
}

/** Drives a `sim:` device like the real thing would behave: a card, paper, a key press. */
function Simulator({ dev, onClose }: { dev: Device; onClose: () => void }) {
  const t = useT(S);
  const save = useSave();
  const [out, setOut] = useState('');
  const addresses = Object.keys((dev.options.addresses as Record<string, string> | undefined) ?? {});
  const [addr, setAddr] = useState(addresses[0] ?? '1');
  const [key, setKey] = useState<string>('call-next');
  const [grade, setGrade] = useState('5');
  const sim = (body: Record<string, unknown>) =>
    save.run(async () => {
      const r = await adminSend('POST', `/devices/${encodeURIComponent(dev.id)}/simulate`, body);
      const { ok: _ok, ...rest } = r as Record<string, unknown>;
      const ticket = (rest.ticket as { text?: string } | undefined)?.text;
      setOut(ticket ?? JSON.stringify(rest, null, 1));
    });
  const B = ({ label, body }: { label: string; body: Record<string, unknown> }) => (
    <button type="button" class="btn btn-small" disabled={save.busy} onClick={() => sim(body)}>{label}</button>
  );
  return (
    <Modal wide title={t('simulatorOf', { id: dev.id })} onCancel={onClose} error={save.error}>
      <p class="muted">{t('simulatorHint')}</p>
      <div class="sim-actions">
        {dev.kind === 'idcard' && (<>
          <B label={t('simPlaceResident')} body={{ action: 'place-card', card: 'resident' }} />
          <B label={t('simPlaceHmt')} body={{ action: 'place-card', card: 'hmt' }} />
          <B label={t('simRemoveCard')} body={{ action: 'remove-card' }} />
        </>)}
        {dev.kind === 'printer' && (<>
          <B label={t('simPaperOk')} body={{ action: 'paper', paper: 'ok' }} />
          <B label={t('simPaperLow')} body={{ action: 'paper', paper: 'near-end' }} />
          <B label={t('simPaperOut')} body={{ action: 'paper', paper: 'out' }} />
          <B label={t('simCoverOpen')} body={{ action: 'cover', open: true }} />
          <B label={t('simCoverClose')} body={{ action: 'cover', open: false }} />
          <B label={t('simOffline')} body={{ action: 'offline', offline: true }} />
          <B label={t('simOnline')} body={{ action: 'offline', offline: false }} />
          <B label={t('simLastTicket')} body={{ action: 'last-ticket' }} />
        </>)}
        {dev.kind === 'led' && <B label={t('simShown')} body={{ action: 'shown' }} />}
        {(dev.kind === 'keypad' || dev.kind === 'evaluator') && (
          <label class="inline-field">{t('address')}
            <select value={addr} onChange={(e) => setAddr(e.currentTarget.value)}>
              {(addresses.length ? addresses : ['1']).map((a) => <option key={a} value={a}>{a}{dev.options.addresses ? ` → ${String((dev.options.addresses as Record<string, string>)[a])}` : ''}</option>)}
            </select>
          </label>
        )}
        {dev.kind === 'keypad' && (<>
          <label class="inline-field">{t('key')}
            <select value={key} onChange={(e) => setKey(e.currentTarget.value)}>{KEYPAD_KEYS.map((k) => <option key={k} value={k}>{k}</option>)}</select>
          </label>
          <B label={t('simPress')} body={{ action: 'press', address: Number(addr), key }} />
        </>)}
        {dev.kind === 'evaluator' && (<>
          <label class="inline-field">{t('grade')}
            <select value={grade} onChange={(e) => setGrade(e.currentTarget.value)}>{['5', '4', '3', '2', '1'].map((g) => <option key={g} value={g}>{t(`grade_${g}` as 'grade_5')}</option>)}</select>
          </label>
          <B label={t('simRate')} body={{ action: 'rate', address: Number(addr), grade: Number(grade) }} />
        </>)}
      </div>
      {out && <pre class="sim-out" aria-live="polite">{out}</pre>}
    </Modal>
  );
}

export function DevicesView() {
  const t = useT(S);
  const { data: loaded, error } = useLoad(async () => {
    const body = await adminGet<Reply<'Devices'>>('/devices');
    return { devices: body.devices, agents: body.agentDevices };
  });
  const data = loaded?.devices;
  const live = useStore(deviceHealth);
  const [edit, setEdit] = useState<{ dev: Device; isNew: boolean } | null>(null);
  const [sim, setSim] = useState<Device | null>(null);
  const save = useSave();
  if (!data) return <Loading error={error} />;
  const remove = (d: Device) => confirm(t('deleteConfirm', { id: d.id })) && save.run(() => adminSend('DELETE', `/devices/${encodeURIComponent(d.id)}`), bump);
  return (
    <section class="panel">
      <div class="panel-head">
        <h2>{t('devices')}</h2>
        {canEdit() && (
          <button class="btn btn-primary" onClick={() => setEdit({ isNew: true, dev: { id: '', kind: 'printer', uri: 'serial:/dev/ttyUSB0?baud=9600', ownerKind: 'kiosk', ownerId: '', options: {}, enabled: true } })}>
            {t('newDevice')}
          </button>
        )}
      </div>
      {save.error && <p class="banner banner-error" role="alert">{save.error}</p>}
      <table>
        <thead><tr><th>ID</th><th>{t('kind')}</th><th>{t('uri')}</th><th>{t('owner')}</th><th>{t('health')}</th><th><span class="sr-only">{t('actions')}</span></th></tr></thead>
        <tbody>
          {data.map((d) => {
            const h = live[d.id] ?? d.health;
            return (
              <tr key={d.id} class={d.enabled ? '' : 'inactive'} data-device={d.id}>
                <td><code>{d.id}</code></td>
                <td>{t(`dk_${d.kind}`)}</td>
                <td><code class="uri">{d.uri}</code></td>
                <td>{t(`owner_${d.ownerKind}`)}{d.ownerId ? ` · ${d.ownerId}` : ''}</td>
                <td>{h ? <><StateBadge state={h.state} /> <small>{h.detail}</small></> : '—'}</td>
                <td class="row-actions">
                  {d.uri.startsWith('sim:') && <button class="btn btn-small" onClick={() => setSim(d)}>{t('simulator')}<span class="sr-only"> {d.id}</span></button>}
                  <button class="btn btn-small" onClick={() => setEdit({ dev: d, isNew: false })}>{canEdit() ? t('edit') : t('view')}<span class="sr-only"> {d.id}</span></button>
                  {canEdit() && <button class="btn btn-small btn-danger" onClick={() => remove(d)}>{t('remove')}<span class="sr-only"> {d.id}</span></button>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <AgentDevices list={loaded?.agents ?? []} />
      {edit && <DeviceEditor dev={edit.dev} isNew={edit.isNew} onClose={() => setEdit(null)} />}
      {sim && <Simulator dev={sim} onClose={() => setSim(null)} />}
    </section>
  );
}
