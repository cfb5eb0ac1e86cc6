import { useEffect, useState } from 'preact/hooks';
import type { NotifySettings } from '../common/config.js';
import type { Reply } from '../common/wire/replies.js';
import { useT } from '../ui-shared/i18n.js';
import { adminGet, adminSend, bump, canEdit } from './admin-api.js';
import { NS_ } from './strings/notify.js';
import { Field, Loading, SaveBar, useLoad, useSave } from './ui.js';

type Platform = Reply<'Clients'>['clients'][number];

/** Notifications: its own panel, saving only `notify`, plus platforms' callback URLs and the recent outbox. */
export function NotifySettingsPanel() {
  const t = useT(NS_);
  const { data, error } = useLoad(async () => {
    const [s, c, n] = await Promise.all([
      adminGet<Reply<'Settings'>>('/settings'),
      canEdit() ? adminGet<Reply<'Clients'>>('/clients') : Promise.resolve({ clients: [] as Platform[] }),
      adminGet<Reply<'Notifications'>>('/notifications?limit=10'),
    ]);
    return { notify: s.settings.notify, platforms: c.clients.filter((x) => x.kind === 'platform'), sent: n.notifications };
  });
  const [v, setV] = useState<NotifySettings | null>(null);
  const [urls, setUrls] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const save = useSave();
  useEffect(() => {
    if (!data) return;
    setV(data.notify);
    setUrls(Object.fromEntries(data.platforms.map((p) => [p.id, String(p.config.callbackUrl ?? '')])));
  }, [data]);
  if (!v || !data) return <Loading error={error} />;
  const ro = !canEdit();
  const set = (p: Partial<NotifySettings>) => {
    setSaved(false);
    setV({ ...v, ...p });
  };
  const submit = () =>
    save.run(async () => {
      await adminSend('PATCH', '/settings', { notify: { ...v, webhookUrl: v.webhookUrl.trim() } });
      for (const p of data.platforms) {
        const url = (urls[p.id] ?? '').trim();
        if (url !== String(p.config.callbackUrl ?? '')) await adminSend('PUT', `/clients/${encodeURIComponent(p.id)}/callback`, { callbackUrl: url });
      }
    }, () => {
      setSaved(true);
      bump();
    });
  return (
    <section class="panel notify-settings">
      <div class="panel-head"><h2>{t('nt_title')}</h2></div>
      <p class="muted">{t('nt_hint')}</p>
      <form class="settings" onSubmit={(e) => { e.preventDefault(); if (!ro && !save.busy) submit(); }}>
        <fieldset class="settings-group" disabled={ro}>
          <legend>{t('nt_title')}</legend>
          <div class="settings-grid">
            <Field label={t('nt_ahead')}><input type="number" min={0} max={10} required value={v.aheadThreshold} onInput={(e) => set({ aheadThreshold: Number(e.currentTarget.value) })} /></Field>
            <Field label={t('nt_attempts')}><input type="number" min={1} max={50} required value={v.maxAttempts} onInput={(e) => set({ maxAttempts: Number(e.currentTarget.value) })} /></Field>
            <Field label={t('nt_timeout')}><input type="number" min={1} max={60} required value={v.timeoutSeconds} onInput={(e) => set({ timeoutSeconds: Number(e.currentTarget.value) })} /></Field>
            <Field label={t('nt_lanes')} hint={t('nt_lanesHint')}><input type="number" min={1} max={16} required value={v.parallelReceivers} onInput={(e) => set({ parallelReceivers: Number(e.currentTarget.value) })} /></Field>
            <Field label={t('nt_expire')}><input type="number" min={0} max={1440} required value={v.expireMinutes} onInput={(e) => set({ expireMinutes: Number(e.currentTarget.value) })} /></Field>
            <Field label={t('nt_url')}><input type="url" maxLength={500} value={v.webhookUrl} placeholder="https://" onInput={(e) => set({ webhookUrl: e.currentTarget.value })} /></Field>
          </div>
          <label class="check"><input type="checkbox" checked={v.includeTrackToken} onChange={(e) => set({ includeTrackToken: e.currentTarget.checked })} /> {t('nt_track')}</label>
          {!ro && (
            <>
              <p class="field-label">{t('nt_platforms')}</p>
              {data.platforms.length === 0 ? <p class="muted">{t('nt_noPlatforms')}</p> : (
                <div class="settings-grid">
                  {data.platforms.map((p) => (
                    <Field key={p.id} label={`${p.name} · ${t('nt_callback')}`}>
                      <input type="url" maxLength={500} value={urls[p.id] ?? ''} placeholder="https://" onInput={(e) => setUrls({ ...urls, [p.id]: e.currentTarget.value })} />
                    </Field>
                  ))}
                </div>
              )}
            </>
          )}
        </fieldset>
        {!ro && <SaveBar busy={save.busy} error={save.error} savedNote={saved ? t('nt_saved') : null} />}
      </form>
      <h3>{t('nt_recent')}</h3>
      {data.sent.length === 0 ? <p class="muted">{t('nt_none')}</p> : (
        <table>
          <tbody>
            {data.sent.map((m) => (
              <tr key={m.key}>
                <td><code>{m.kind}</code></td>
                <td>{m.host}</td>
                <td>{t(`st_${m.status}`)}</td>
                <td class="num">{m.attempts}</td>
                <td><small>{m.lastError ?? ''}</small></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
