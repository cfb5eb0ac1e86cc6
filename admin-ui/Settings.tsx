import { useEffect, useState } from 'preact/hooks';
import type { Reply } from '../common/wire/replies.js';
import type { HallSettings } from '../common/config.js';
import { useT } from '../ui-shared/i18n.js';
import { adminGet, adminSend, bump, canEdit } from './admin-api.js';
import { S } from './strings/settings.js';
import { BackupsPanel } from './Backups.js';
import { cleanText, Field, Loading, LocalizedInput, useLoad, useSave, SaveBar } from './ui.js';
import { VoicePanel } from './VoicePanel.js';
import { HallRulesFields } from './HallRules.js';
import { UplinkPanel } from './Uplink.js';
import { RemoteSettingsPanel } from './RemoteSettings.js';
import { NotifySettingsPanel } from './NotifySettings.js';

type NumKey = { [K in keyof HallSettings]: HallSettings[K] extends number ? K : never }[keyof HallSettings];
type Label = Parameters<ReturnType<typeof useT<keyof (typeof S)['zh-CN']>>>[0];

export function SettingsView() {
  const t = useT(S);
  const { data, error } = useLoad(() => adminGet<Reply<'Settings'>>('/settings'));
  const [v, setV] = useState<HallSettings | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useSave();
  useEffect(() => {
    if (data) setV(data.settings);
  }, [data]);
  if (!v) return <Loading error={error} />;
  const ro = !canEdit();
  const set = (p: Partial<HallSettings>) => {
    setSaved(false);
    setV({ ...v, ...p });
  };
  const num = (key: NumKey, label: Label, min: number, max: number, hint?: Label) => (
    <Field label={t(label)} hint={hint ? t(hint) : undefined}>
      <input type="number" min={min} max={max} required readOnly={ro} value={v[key]} onInput={(e) => set({ [key]: Number(e.currentTarget.value) } as Partial<HallSettings>)} />
    </Field>
  );
  const submit = () => {
    const body = {
      ...v,
      hallName: cleanText(v.hallName),
      voiceTemplate: cleanText(v.voiceTemplate),
      notices: v.notices.filter((n) => n['zh-CN'].trim()).map(cleanText),
      timeZone: v.timeZone.trim(),
      publicBaseUrl: v.publicBaseUrl.trim(),
      backupFolder: v.backupFolder.trim(),
    };
    save.run(() => adminSend('PATCH', '/settings', body), () => {
      setSaved(true);
      bump();
    });
  };
  const hours = v.appointmentHours;
  return (
    <>
    <section class="panel">
      <div class="panel-head"><h2>{t('settingsTitle')}</h2></div>
      <p class="muted">{t('settingsHint')}</p>
      <form class="settings" onSubmit={(e) => { e.preventDefault(); if (!ro && !save.busy) submit(); }}>
        <fieldset class="settings-group" disabled={ro}>
          <legend>{t('g_hall')}</legend>
          <LocalizedInput label={t('hallName')} value={v.hallName} onChange={(hallName) => set({ hallName })} />
          <div class="settings-grid">
            <Field label={t('timeZone')}><input required maxLength={64} value={v.timeZone} onInput={(e) => set({ timeZone: e.currentTarget.value })} /></Field>
            {num('resetHour', 'resetHour', 0, 23)}
            <Field label={t('publicBaseUrl')} hint={t('publicBaseUrlHint', { url: data?.serverUrl ?? '' })}>
              <input type="url" maxLength={200} value={v.publicBaseUrl} placeholder={data?.serverUrl || 'https://'} onInput={(e) => set({ publicBaseUrl: e.currentTarget.value })} />
            </Field>
          </div>
        </fieldset>
        <fieldset class="settings-group" disabled={ro}>
          <legend>{t('g_queue')}</legend>
          <div class="settings-grid">
            <Field label={t('selectionPolicy')}>
              <select value={v.selectionPolicy} onChange={(e) => set({ selectionPolicy: e.currentTarget.value as HallSettings['selectionPolicy'] })}>
                {(['strict', 'oldest', 'weighted'] as const).map((p) => <option key={p} value={p}>{t(`policy_${p}`)}</option>)}
              </select>
            </Field>
            {num('fairnessRatio', 'fairnessRatio', 0, 100, 'fairnessHint')}
            {num('maxRecalls', 'maxRecalls', 0, 10)}
            {num('elderlyAge', 'elderlyAge', 0, 120, 'elderlyHint')}
            {num('restoreWithinMinutes', 'restoreWithin', 0, 1440, 'restoreWithinHint')}
            {num('restoreAfter', 'restoreAfter', 0, 1000)}
          </div>
        </fieldset>
        <HallRulesFields v={v} set={set} ro={ro} />
        <fieldset class="settings-group" disabled={ro}>
          <legend>{t('g_appt')}</legend>
          <p class="field-label">{t('apptHours')}</p>
          {hours.map((h, i) => (
            <div class="hours-row" key={i}>
              <Field label={t('apptFrom')}><input type="time" required value={h.from} onInput={(e) => set({ appointmentHours: hours.map((x, j) => (j === i ? { ...x, from: e.currentTarget.value } : x)) })} /></Field>
              <Field label={t('apptTo')}><input type="time" required value={h.to} onInput={(e) => set({ appointmentHours: hours.map((x, j) => (j === i ? { ...x, to: e.currentTarget.value } : x)) })} /></Field>
              <button type="button" class="btn btn-small btn-danger" onClick={() => set({ appointmentHours: hours.filter((_, j) => j !== i) })}>{t('remove')}<span class="sr-only"> {h.from}–{h.to}</span></button>
            </div>
          ))}
          {hours.length < 10 && <button type="button" class="btn btn-small" onClick={() => set({ appointmentHours: [...hours, { from: '09:00', to: '12:00' }] })}>{t('addHours')}</button>}
          <fieldset class="weekdays-set">
            <legend>{t('apptWeekdays')}</legend>
            <div class="weekdays">
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <label key={d}>
                  <input type="checkbox" checked={v.appointmentWeekdays.includes(d)}
                    onChange={(e) => set({ appointmentWeekdays: e.currentTarget.checked ? [...v.appointmentWeekdays, d].sort() : v.appointmentWeekdays.filter((x) => x !== d) })} />
                  {t(`wd_${d}` as 'wd_1')}
                </label>
              ))}
            </div>
          </fieldset>
          <div class="settings-grid">
            {num('appointmentSlotMinutes', 'apptSlot', 5, 1440)}
            {num('appointmentCapacity', 'apptCapacity', 0, 1000)}
            {num('appointmentDaysAhead', 'apptDaysAhead', 0, 365)}
            {num('appointmentEarlyMinutes', 'apptEarly', 0, 1440)}
            {num('appointmentLateMinutes', 'apptLate', 0, 1440)}
            <Field label={t('lateRule')}>
              <select value={v.lateRule} onChange={(e) => set({ lateRule: e.currentTarget.value as HallSettings['lateRule'] })}>
                <option value="normal">{t('late_normal')}</option>
                <option value="refuse">{t('late_refuse')}</option>
              </select>
            </Field>
          </div>
        </fieldset>
        <fieldset class="settings-group" disabled={ro}>
          <legend>{t('g_alerts')}</legend>
          <div class="settings-grid">
            {num('waitAlertMinutes', 'waitAlert', 0, 1440)}
            {num('queueAlertLength', 'queueAlert', 0, 10000)}
            {num('pauseAlertMinutes', 'pauseAlert', 0, 1440)}
            {num('idleAlertMinutes', 'idleAlert', 0, 1440)}
            {num('ratingRequestSeconds', 'ratingSeconds', 10, 3600)}
          </div>
        </fieldset>
        <fieldset class="settings-group" disabled={ro}>
          <legend>{t('g_privacy')}</legend>
          <div class="settings-grid">{num('retentionDays', 'retentionDays', 1, 3650, 'retentionHint')}</div>
        </fieldset>
        <fieldset class="settings-group" disabled={ro}>
          <legend>{t('g_backup')}</legend>
          <div class="settings-grid">
            <Field label={t('backupTime')} hint={t('backupTimeHint')}><input type="time" value={v.backupTime} onInput={(e) => set({ backupTime: e.currentTarget.value })} /></Field>
            <Field label={t('backupFolder')} hint={t('backupFolderHint')}><input maxLength={300} pattern="/.*" value={v.backupFolder} placeholder="/var/backups/onestop" onInput={(e) => set({ backupFolder: e.currentTarget.value })} /></Field>
            {num('backupKeep', 'backupKeep', 1, 365)}
          </div>
        </fieldset>
        <fieldset class="settings-group" disabled={ro}>
          <legend>{t('g_notices')}</legend>
          <LocalizedInput label={t('voiceTemplate')} value={v.voiceTemplate} onChange={(voiceTemplate) => set({ voiceTemplate })} />
          <p class="muted">{t('voiceHint')}</p>
          <div class="settings-grid">{num('voiceRepeat', 'voiceRepeat', 1, 3)}</div>
          {v.notices.map((n, i) => (
            <div class="mat-row" key={i}>
              <LocalizedInput label={t('noticeN', { n: i + 1 })} value={n} onChange={(x) => set({ notices: v.notices.map((y, j) => (j === i ? x : y)) })} />
              <button type="button" class="btn btn-danger" onClick={() => set({ notices: v.notices.filter((_, j) => j !== i) })}>{t('remove')}<span class="sr-only"> {t('noticeN', { n: i + 1 })}</span></button>
            </div>
          ))}
          {v.notices.length < 20 && <button type="button" class="btn" onClick={() => set({ notices: [...v.notices, { 'zh-CN': '' }] })}>{t('addNotice')}</button>}
        </fieldset>
        {!ro && <SaveBar busy={save.busy} error={save.error} savedNote={saved ? t('saved') : null} />}
      </form>
      <UplinkPanel />
      {!ro && <BackupsPanel />}
    </section>
    <RemoteSettingsPanel />
    <NotifySettingsPanel />
    <VoicePanel />
    </>
  );
}
