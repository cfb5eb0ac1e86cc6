import { useEffect, useState } from 'preact/hooks';
import type { Reply } from '../common/wire/replies.js';
import type { UplinkSettingsView } from '../common/region.js';
import { useT } from '../ui-shared/i18n.js';
import { adminGet, adminSend, bump, canEdit } from './admin-api.js';
import { S } from './strings/uplink.js';
import { Field, Loading, useLoad, useSave, SaveBar } from './ui.js';

type Loaded = Reply<'Uplink'>;

/** The hall → region uplink: its setting (admins) and live state (every 5 s). */
export function UplinkPanel() {
  const t = useT(S);
  const { data, error, reload } = useLoad(() => adminGet<Loaded>('/uplink'));
  const [v, setV] = useState<UplinkSettingsView | null>(null);
  const [token, setToken] = useState('');
  const [saved, setSaved] = useState(false);
  const save = useSave();
  useEffect(() => {
    if (data && !v) setV(data.uplink);
  }, [data]);
  useEffect(() => {
    const timer = setInterval(reload, 5000);
    return () => clearInterval(timer);
  }, []);
  if (!v || !data) return <Loading error={error} />;
  const ro = !canEdit();
  const st = data.state;
  const set = (p: Partial<UplinkSettingsView>) => {
    setSaved(false);
    setV({ ...v, ...p });
  };
  const submit = () =>
    save.run(
      async () => {
        const r = await adminSend<Loaded>('PATCH', '/uplink', { enabled: v.enabled, url: v.url.trim(), hallId: v.hallId.trim(), ...(token ? { token } : {}) });
        setV(r.uplink);
      },
      () => {
        setSaved(true);
        setToken('');
        bump();
      },
    );
  const status = !st.enabled ? 'st_off' : st.connected ? 'st_connected' : 'st_disconnected';
  return (
    <section class="panel" aria-labelledby="uplink-title">
      <div class="panel-head"><h2 id="uplink-title">{t('uplinkTitle')}</h2></div>
      <p class="muted">{t('uplinkHint')}</p>
      <form class="settings" onSubmit={(e) => { e.preventDefault(); if (!ro && !save.busy) submit(); }}>
        <fieldset class="settings-group" disabled={ro}>
          <legend>{t('uplinkTitle')}</legend>
          <label class="check">
            <input type="checkbox" checked={v.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} /> {t('uplinkEnabled')}
          </label>
          <div class="settings-grid">
            <Field label={t('uplinkUrl')}><input type="url" maxLength={500} value={v.url} placeholder="https://" onInput={(e) => set({ url: e.currentTarget.value })} /></Field>
            <Field label={t('uplinkHall')}><input maxLength={64} pattern="[A-Za-z0-9_\-]+" value={v.hallId} onInput={(e) => set({ hallId: e.currentTarget.value })} /></Field>
            <Field label={t('uplinkToken')} hint={v.tokenSet ? t('uplinkTokenKeep') : t('uplinkTokenNone')}>
              <input type="password" autoComplete="off" maxLength={200} value={token} onInput={(e) => { setSaved(false); setToken(e.currentTarget.value); }} />
            </Field>
          </div>
        </fieldset>
        {!ro && <SaveBar busy={save.busy} error={save.error} savedNote={saved ? t('saved') : null} />}
      </form>
      <h3>{t('uplinkState')}</h3>
      <dl class="uplink-state" data-testid="uplink-state">
        <dt>{t('uplinkState')}</dt><dd class={`uplink-${status}`}>{t(status)}</dd>
        <dt>{t('lagEvents')}</dt><dd>{st.lagEvents}</dd>
        <dt>{t('lagSeconds')}</dt><dd>{t('seconds', { n: st.lagSeconds })}</dd>
        {st.lastSuccessAt && (<><dt>{t('lastSuccess')}</dt><dd>{new Date(st.lastSuccessAt).toLocaleString()}</dd></>)}
        {st.lastError && (<><dt>{t('lastError')}</dt><dd class="uplink-error">{st.lastError}</dd></>)}
      </dl>
      {st.lastEpoch && (
        <p class="note" data-testid="uplink-epoch">
          {t('epochNote', { epoch: st.lastEpoch.epoch, at: new Date(st.lastEpoch.at).toLocaleString(), point: st.lastEpoch.commonPoint, n: st.lastEpoch.superseded })}
        </p>
      )}
    </section>
  );
}
