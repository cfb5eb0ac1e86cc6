import QRCode from 'qrcode';
import type { Reply } from '../common/wire/replies.js';
import { useEffect, useState } from 'preact/hooks';
import type { RemoteQueueSettings } from '../common/config.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { call } from '../ui-shared/api.js';
import { doorSecretIsWeak } from '../common/door-secret.js';
import { adminGet, adminSend, bump, canEdit, changes, session } from './admin-api.js';
import { useStore } from '../ui-shared/store.js';
import { RS } from './strings/remote.js';
import { Field, Loading, SaveBar, useLoad, useSave } from './ui.js';

/** 线上取号: its own panel, saving only `remoteQueue` (docs/hall-features.md "Remote queueing"). */
export function RemoteSettingsPanel() {
  const t = useT(RS);
  const lang = useLang();
  const { data, error } = useLoad(async () => {
    const [s, sv] = await Promise.all([
      adminGet<Reply<'Settings'>>('/settings'),
      adminGet<Reply<'ServiceDefs'>>('/services'),
    ]);
    return { rq: s.settings.remoteQueue, base: s.settings.publicBaseUrl || s.serverUrl || location.origin, services: sv.services };
  });
  const [v, setV] = useState<RemoteQueueSettings | null>(null);
  const [saved, setSaved] = useState(false);
  const [qr, setQr] = useState('');
  const save = useSave();
  useEffect(() => {
    if (data) setV(data.rq);
  }, [data]);
  // Today's door code comes from the hall (HMAC of the saved secret and the business day), re-read after each save.
  const [door, setDoor] = useState<Reply<'RemoteDoor'> | null>(null);
  const changed = useStore(changes);
  useEffect(() => {
    call<Reply<'RemoteDoor'>>('GET', '/api/v1/remote/door', undefined, { token: session.get()?.token ?? null })
      .then(setDoor)
      .catch(() => setDoor(null));
  }, [changed]);
  const doorUrl = door?.enabled ? door.url : '';
  useEffect(() => {
    let live = true;
    if (!doorUrl) setQr('');
    else QRCode.toString(doorUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((x) => live && setQr(x)).catch(() => live && setQr(''));
    return () => {
      live = false;
    };
  }, [doorUrl]);
  if (!v || !data) return <Loading error={error} />;
  const ro = !canEdit();
  const set = (p: Partial<RemoteQueueSettings>) => {
    setSaved(false);
    setV({ ...v, ...p });
  };
  const num = (key: 'expireMinutes' | 'perDevicePerDay' | 'perPersonPerDay' | 'perAddressPerDay', label: Parameters<typeof t>[0], min: number, max: number) => (
    <Field label={t(label)}>
      <input type="number" min={min} max={max} required readOnly={ro} value={v[key]} onInput={(e) => set({ [key]: Number(e.currentTarget.value) })} />
    </Field>
  );
  const submit = () => {
    const quotas = Object.fromEntries(Object.entries(v.quotas).filter(([, n]) => n > 0));
    // The door secret is sent only when changed: 'new' (the hall makes one) or '' (off); never typed.
    const { doorCode, ...rest } = v;
    const door = doorCode === data.rq.doorCode ? {} : { doorCode };
    save.run(() => adminSend('PATCH', '/settings', { remoteQueue: { ...rest, quotas, ...door } }), () => {
      setSaved(true);
      bump();
    });
  };
  return (
    <section class="panel remote-settings">
      <div class="panel-head"><h2>{t('rq_title')}</h2></div>
      <p class="muted">{t('rq_hint')} {t('rq_link')}: <code>{data.base.replace(/\/$/, '')}/r</code></p>
      <form class="settings" onSubmit={(e) => { e.preventDefault(); if (!ro && !save.busy) submit(); }}>
        <fieldset class="settings-group" disabled={ro}>
          <legend>{t('rq_title')}</legend>
          <label class="check"><input type="checkbox" checked={v.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} /> {t('rq_enabled')}</label>
          <div class="settings-grid">
            <Field label={t('rq_rule')}>
              <select value={v.arrivalRule} onChange={(e) => set({ arrivalRule: e.currentTarget.value as RemoteQueueSettings['arrivalRule'] })}>
                <option value="keep">{t('rq_keep')}</option>
                <option value="join">{t('rq_join')}</option>
              </select>
            </Field>
            {num('expireMinutes', 'rq_expire', 0, 1440)}
            {num('perDevicePerDay', 'rq_device', 1, 20)}
            {num('perPersonPerDay', 'rq_person', 1, 20)}
            {num('perAddressPerDay', 'rq_address', 0, 1000)}
          </div>
          <p class="field-label">{t('rq_quotas')}</p>
          <div class="settings-grid">
            {data.services.map((s) => (
              <Field key={s.id} label={loc(s.name, lang)}>
                <input type="number" min={0} max={10000} readOnly={ro || !!s.route} value={s.route ? 0 : (v.quotas[s.id] ?? 0)}
                  onInput={(e) => set({ quotas: { ...v.quotas, [s.id]: Number(e.currentTarget.value) } })} />
              </Field>
            ))}
          </div>
          <div class="settings-grid">
            <Field label={t('rq_door')} hint={t('rq_doorHint')}>
              <output class="door-state" data-door={v.doorCode === 'new' ? 'new' : v.doorCode ? 'on' : 'off'}>
                {v.doorCode === 'new' ? t('rq_doorNew') : doorSecretIsWeak(v.doorCode) ? t('rq_doorOnTyped') : v.doorCode ? t('rq_doorOn') : t('rq_doorOff')}
              </output>
            </Field>
            <div>
              <button type="button" class="btn btn-small" onClick={() => set({ doorCode: 'new' })}>{t('rq_newDoor')}</button>{' '}
              {v.doorCode !== '' && <button type="button" class="btn btn-small" onClick={() => set({ doorCode: '' })}>{t('rq_doorOffBtn')}</button>}
            </div>
          </div>
          {v.doorCode !== 'new' && doorSecretIsWeak(v.doorCode) && <p class="warn door-weak" role="alert">{t('rq_doorWeak')}</p>}
          {qr && door && (
            <figure class="door-qr">
              <div role="img" aria-label={t('rq_doorQr', { day: door.businessDay })} style="width:180px" dangerouslySetInnerHTML={{ __html: qr }} />
              <figcaption>
                {t('rq_doorQr', { day: door.businessDay })}<br /><code>{doorUrl}</code><br />
                <button type="button" class="btn btn-small" onClick={() => printDoorQr(qr, t('rq_poster', { day: door.businessDay }), lang)}>{t('rq_print')}</button>
              </figcaption>
            </figure>
          )}
        </fieldset>
        {!ro && <SaveBar busy={save.busy} error={save.error} savedNote={saved ? t('rq_saved') : null} />}
      </form>
    </section>
  );
}

/**
 * Prints today's door QR alone on a page with the citizens' caption (a new window: the admin page's layout stays
 * out of the print).
 * The window is built with DOM calls and its layout set through CSSOM: it inherits the admin page's CSP,
 * which refuses written markup's style attributes (the QR then lost its size and margins).
 */
function printDoorQr(svg: string, caption: string, lang: string): void {
  const w = window.open('', '_blank', 'width=600,height=700');
  if (!w) return;
  const d = w.document;
  d.documentElement.lang = lang;
  d.title = caption;
  Object.assign(d.body.style, { fontFamily: 'sans-serif', textAlign: 'center', margin: '0' });
  const code = d.createElement('div');
  code.innerHTML = svg; // made here by the qrcode library from today's door URL
  Object.assign(code.style, { width: '70vmin', margin: '5vmin auto 2vmin' });
  const text = d.createElement('p');
  text.textContent = caption;
  text.style.fontSize = '20px';
  d.body.replaceChildren(code, text);
  w.focus();
  w.print();
}
