import { useState } from 'preact/hooks';
import type { Reply } from '../common/wire/replies.js';
import { useLang, useT } from '../ui-shared/i18n.js';
import { adminGet, adminSend } from './admin-api.js';
import { S } from './strings/backups.js';
import { Loading, useLoad, useSave } from './ui.js';

type Backup = Reply<'Backups'>['backups'][number];

/** The backups in the hall's backup folder and "back up now" (admin). */
export function BackupsPanel() {
  const t = useT(S);
  const lang = useLang();
  const { data, error, reload } = useLoad(() => adminGet<Reply<'Backups'>>('/backups'));
  const save = useSave();
  const [made, setMade] = useState('');
  const fmt = (iso: string) => new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : lang, { hour12: false });
  const backUp = () =>
    save.run(async () => setMade(((await adminSend<Reply<'BackupMade'>>('POST', '/backups')).backup).name), reload);
  return (
    <section class="settings-group backups" aria-labelledby="backups-title">
      <h3 id="backups-title">{t('backupsTitle')}</h3>
      <p class="muted">{t('backupsHint')}</p>
      <div class="save-bar">
        <button type="button" class="btn" disabled={save.busy} onClick={backUp}>{save.busy ? t('backingUp') : t('backupNow')}</button>
        {made && !save.busy && <span class="banner-ok" role="status">{t('backupMade', { name: made })}</span>}
        {save.error && <span class="banner banner-error" role="alert">{save.error}</span>}
      </div>
      {!data ? <Loading error={error} /> : (
        <>
          <p class="muted">{t('folder', { path: data.folder })}</p>
          {data.backups.length === 0 ? <p class="muted">{t('noBackups')}</p> : (
            <table>
              <thead><tr><th>{t('b_time')}</th><th>{t('b_reason')}</th><th class="num">{t('b_tickets')}</th><th class="num">{t('b_size')}</th></tr></thead>
              <tbody>
                {data.backups.slice(0, 20).map((b) => (
                  <tr key={b.name}>
                    <td>{fmt(b.createdAt)}</td>
                    <td>{t(`reason_${b.reason.replace('-', '_')}` as 'reason_manual')}</td>
                    <td class="num">{b.tickets}</td>
                    <td class="num">{(b.bytes / 2 ** 20).toFixed(1)} MB</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
