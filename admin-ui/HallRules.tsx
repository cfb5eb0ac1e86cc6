import type { HallSettings } from '../common/config.js';
import { useT } from '../ui-shared/i18n.js';
import { S } from './strings/hall-rules.js';
import { Field } from './ui.js';

/** Settings of issue 13's hall rules: green channel vs the fairness ratio, hall-wide per-person limits. */
export function HallRulesFields({ v, set, ro }: { v: HallSettings; set: (p: Partial<HallSettings>) => void; ro: boolean }) {
  const t = useT(S);
  const limit = (key: 'personMaxWaiting' | 'personMaxPerDay') => (
    <Field label={t(key)} hint={t(`${key}Hint`)}>
      <input type="number" name={key} min={0} max={100} required readOnly={ro} value={v[key] ?? 0} onInput={(e) => set({ [key]: Number(e.currentTarget.value) })} />
    </Field>
  );
  return (
    <fieldset class="settings-group" disabled={ro}>
      <legend>{t('g_rules')}</legend>
      <label class="check">
        <input type="checkbox" name="greenExemptFromFairness" checked={v.greenExemptFromFairness ?? true} onChange={(e) => set({ greenExemptFromFairness: e.currentTarget.checked })} />
        <span>{t('greenExempt')}<small>{t('greenExemptHint')}</small></span>
      </label>
      <div class="settings-grid">
        {limit('personMaxWaiting')}
        {limit('personMaxPerDay')}
      </div>
    </fieldset>
  );
}
