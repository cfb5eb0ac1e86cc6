import { useState } from 'preact/hooks';
import type { ServiceDef } from '../common/config.js';
import type { Department, ServiceGuide } from '../common/types.js';
import { get } from '../ui-shared/api.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { adminList, adminSend, bump, canEdit } from './admin-api.js';
import { S } from './strings/services.js';
import { cleanText, Field, Loading, LocalizedInput, Modal, useLoad, useSave } from './ui.js';

/** The service as the admin API has it; open and sort order may be left to the server's defaults. */
export type AdminService = Omit<ServiceDef, 'open' | 'sortOrder'> & Partial<Pick<ServiceDef, 'open' | 'sortOrder'>>;

/** A number field that may be empty (null). */
function optNum(v: string): number | null {
  return v.trim() === '' ? null : Number(v);
}

/** Joint-handling steps: add a step, add or remove services in a step. */
function RouteEditor({ self, steps, all, onChange }: { self: string; steps: string[][]; all: AdminService[]; onChange: (s: string[][]) => void }) {
  const t = useT(S);
  const lang = useLang();
  const name = (id: string) => {
    const s = all.find((x) => x.id === id);
    return s ? `${s.prefix} ${loc(s.name, lang)}` : id;
  };
  // A step is made of ordinary services: not this one, not another joint service.
  const choices = all.filter((s) => s.id !== self && !s.route?.steps.length);
  const setStep = (i: number, step: string[]) => onChange(steps.map((x, j) => (j === i ? step : x)));
  return (
    <fieldset class="route-edit">
      <legend>{t('route')}</legend>
      <p class="muted">{t('routeHint')}</p>
      <ol class="route-steps">
        {steps.map((step, i) => (
          <li key={i} class="route-step">
            <span class="step-no">{t('stepN', { n: i + 1 })}</span>
            <span class="step-svcs">
              {step.length === 0 && <span class="muted">{t('emptyStep')}</span>}
              {step.map((id) => (
                <span key={id} class="chip-s">
                  {name(id)}
                  <button type="button" class="chip-x" aria-label={t('removeFromStep', { n: i + 1, name: name(id) })} onClick={() => setStep(i, step.filter((x) => x !== id))}>×</button>
                </span>
              ))}
            </span>
            {step.length < 5 && (
              <select aria-label={t('addToStep', { n: i + 1 })} value="" onChange={(e) => { const id = e.currentTarget.value; if (id) setStep(i, [...step, id]); }}>
                <option value="">{t('addService')}</option>
                {choices.filter((s) => !step.includes(s.id)).map((s) => <option key={s.id} value={s.id}>{name(s.id)}</option>)}
              </select>
            )}
            <button type="button" class="btn btn-small btn-danger" onClick={() => onChange(steps.filter((_, j) => j !== i))}>{t('removeStep')}<span class="sr-only"> {i + 1}</span></button>
          </li>
        ))}
      </ol>
      {steps.length < 10 && <button type="button" class="btn" onClick={() => onChange([...steps, []])}>{t('addStep')}</button>}
    </fieldset>
  );
}

export async function loadDepartments(): Promise<Department[]> {
  return get<Department[]>('/api/v1/departments').catch(() => []);
}

const blank = (): AdminService => ({
  id: '', departmentId: '', name: { 'zh-CN': '' }, prefix: '', numberWidth: 3, dailyQuota: null, promisedMinutes: 30,
  guide: { materials: [], fees: { 'zh-CN': '免费', 'zh-TW': '免費', en: 'Free' } },
});

function ServiceEditor({ svc, deps, all, onClose }: { svc: AdminService; deps: Department[]; all: AdminService[]; onClose: () => void }) {
  const t = useT(S);
  const lang = useLang();
  const [v, setV] = useState<AdminService>(svc);
  const save = useSave();
  const set = (p: Partial<AdminService>) => setV((x) => ({ ...x, ...p }));
  const setGuide = (p: Partial<ServiceGuide>) => setV((x) => ({ ...x, guide: { ...x.guide, ...p } }));
  const steps = v.route?.steps ?? [];
  const submit = () => {
    const route = steps.filter((x) => x.length > 0);
    // PUT replaces the whole service: send every field, or the server puts back its defaults.
    const body = {
      open: v.open ?? true,
      sortOrder: v.sortOrder ?? 0,
      idCardRequired: !!v.idCardRequired,
      maxWaitingPerPerson: v.maxWaitingPerPerson ?? null,
      maxPerPersonPerDay: v.maxPerPersonPerDay ?? null,
      appointmentCapacity: v.appointmentCapacity ?? null,
      route: route.length ? { steps: route } : null,
      departmentId: v.departmentId,
      name: cleanText(v.name),
      prefix: v.prefix.trim().toUpperCase(),
      numberWidth: v.numberWidth,
      dailyQuota: v.dailyQuota,
      promisedMinutes: v.promisedMinutes,
      catalogueCode: v.catalogueCode?.trim().toUpperCase() || null,
      guide: {
        materials: v.guide.materials.filter((m) => m['zh-CN'].trim()).map(cleanText),
        fees: cleanText(v.guide.fees),
        ...(v.guide.notes?.['zh-CN'].trim() ? { notes: cleanText(v.guide.notes) } : {}),
      },
    };
    save.run(() => (svc.id ? adminSend('PUT', `/services/${encodeURIComponent(svc.id)}`, body) : adminSend('POST', '/services', body)), () => {
      bump();
      onClose();
    });
  };
  const mats = v.guide.materials;
  return (
    <Modal wide title={svc.id ? t('editService') : t('newService')} onCancel={onClose} onOk={canEdit() ? submit : undefined} busy={save.busy} error={save.error}>
      <div class="form-grid">
        <LocalizedInput label={t('name')} value={v.name} onChange={(name) => set({ name })} />
        <div>
          <Field label={t('dept')}>
            <select value={v.departmentId} required onChange={(e) => set({ departmentId: e.currentTarget.value })}>
              <option value="">—</option>
              {deps.map((d) => <option key={d.id} value={d.id}>{loc(d.name, lang)}</option>)}
            </select>
          </Field>
          <div class="row3">
            <Field label={t('prefix')}><input value={v.prefix} required pattern="[A-Za-z]{1,3}" maxLength={3} onInput={(e) => set({ prefix: e.currentTarget.value.toUpperCase() })} /></Field>
            <Field label={t('numberWidth')}><input type="number" min={2} max={5} value={v.numberWidth} onInput={(e) => set({ numberWidth: Number(e.currentTarget.value) })} /></Field>
            <Field label={t('promisedMin')}><input type="number" min={1} max={43200} value={v.promisedMinutes} onInput={(e) => set({ promisedMinutes: Number(e.currentTarget.value) })} /></Field>
          </div>
          <Field label={t('quota')} hint={t('quotaHint')}>
            <input type="number" min={1} value={v.dailyQuota ?? ''} onInput={(e) => set({ dailyQuota: e.currentTarget.value ? Number(e.currentTarget.value) : null })} />
          </Field>
          <Field label={t('catalogueCode')} hint={t('catalogueCodeHint')}>
            <input value={v.catalogueCode ?? ''} maxLength={64} pattern="[0-9A-Za-z\-]{4,64}" onInput={(e) => set({ catalogueCode: e.currentTarget.value || null })} />
          </Field>
        </div>
      </div>
      <fieldset class="rules">
        <legend>{t('rules')}</legend>
        <label class="check">
          <input type="checkbox" checked={!!v.idCardRequired} onChange={(e) => set({ idCardRequired: e.currentTarget.checked })} />
          <span>{t('idCardRequired')}<small>{t('idCardRequiredHint')}</small></span>
        </label>
        <div class="row2">
          <Field label={t('maxWaiting')} hint={t('maxWaitingHint')}>
            <input type="number" min={1} max={100} value={v.maxWaitingPerPerson ?? ''} onInput={(e) => set({ maxWaitingPerPerson: optNum(e.currentTarget.value) })} />
          </Field>
          <Field label={t('maxPerDay')} hint={t('maxPerDayHint')}>
            <input type="number" min={1} max={100} value={v.maxPerPersonPerDay ?? ''} onInput={(e) => set({ maxPerPersonPerDay: optNum(e.currentTarget.value) })} />
          </Field>
          <Field label={t('apptCapacity')} hint={t('apptCapacityHint')}>
            <input type="number" min={0} max={1000} value={v.appointmentCapacity ?? ''} onInput={(e) => set({ appointmentCapacity: optNum(e.currentTarget.value) })} />
          </Field>
        </div>
      </fieldset>
      <RouteEditor self={v.id} steps={steps} all={all} onChange={(x) => set({ route: { steps: x } })} />
      <h3>{t('materials')}</h3>
      {mats.map((m, i) => (
        <div class="mat-row" key={i}>
          <LocalizedInput label={t('materialN', { n: i + 1 })} value={m} onChange={(x) => setGuide({ materials: mats.map((y, j) => (j === i ? x : y)) })} />
          <button type="button" class="btn btn-danger" onClick={() => setGuide({ materials: mats.filter((_, j) => j !== i) })}>{t('remove')}</button>
        </div>
      ))}
      <button type="button" class="btn" onClick={() => setGuide({ materials: [...mats, { 'zh-CN': '' }] })}>{t('addMaterial')}</button>
      <div class="form-grid">
        <LocalizedInput label={t('fees')} value={v.guide.fees} onChange={(fees) => setGuide({ fees })} />
        <LocalizedInput label={t('notes')} required={false} value={v.guide.notes} onChange={(notes) => setGuide({ notes })} />
      </div>
    </Modal>
  );
}

export function ServicesView() {
  const t = useT(S);
  const lang = useLang();
  const { data, error } = useLoad(async () => ({ list: await adminList<AdminService>('/services', 'services'), deps: await loadDepartments() }));
  const [edit, setEdit] = useState<AdminService | null>(null);
  if (!data) return <Loading error={error} />;
  const depName = (id: string) => loc(data.deps.find((d) => d.id === id)?.name, lang) || id;
  return (
    <section class="panel">
      <div class="panel-head">
        <h2>{t('services')}</h2>
        {canEdit() && <button class="btn btn-primary" onClick={() => setEdit(blank())}>{t('newService')}</button>}
      </div>
      <table>
        <thead><tr><th>{t('prefix')}</th><th>{t('name')}</th><th>{t('dept')}</th><th>{t('promised')}</th><th>{t('quota')}</th><th>{t('materials')}</th><th>{t('rules')}</th><th><span class="sr-only">{t('actions')}</span></th></tr></thead>
        <tbody>
          {data.list.map((s) => (
            <tr key={s.id}>
              <td><span class="prefix">{s.prefix}</span></td>
              <td>{loc(s.name, lang)}</td>
              <td>{depName(s.departmentId)}</td>
              <td>{t('minutes', { n: s.promisedMinutes })}</td>
              <td class="num">{s.dailyQuota ?? '—'}</td>
              <td class="num">{s.guide.materials.length}</td>
              <td>
                {s.idCardRequired && <span class="chip-s">{t('ruleCard')}</span>}
                {s.maxWaitingPerPerson != null && <span class="chip-s">{t('ruleMax', { n: s.maxWaitingPerPerson })}</span>}
                {s.maxPerPersonPerDay != null && <span class="chip-s">{t('ruleDay', { n: s.maxPerPersonPerDay })}</span>}
                {!!s.route?.steps.length && <span class="chip-s">{t('ruleRoute', { n: s.route.steps.length })}</span>}
              </td>
              <td><button class="btn btn-small" onClick={() => setEdit(s)}>{canEdit() ? t('edit') : t('view')}<span class="sr-only"> {loc(s.name, lang)}</span></button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {edit && <ServiceEditor svc={edit} deps={data.deps} all={data.list} onClose={() => setEdit(null)} />}
    </section>
  );
}
