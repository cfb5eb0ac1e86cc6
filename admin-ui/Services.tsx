import { useState } from 'preact/hooks';
import type { Department, LocalizedText, ServiceGuide } from '../common/types.js';
import { get, listOf } from '../ui-shared/api.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { adminList, adminSend, bump, canEdit } from './admin-api.js';
import { S } from './strings/services.js';
import { cleanText, Field, Loading, LocalizedInput, Modal, useLoad, useSave } from './ui.js';

export interface AdminService {
  id: string;
  departmentId: string;
  name: LocalizedText;
  prefix: string;
  numberWidth: number;
  dailyQuota: number | null;
  promisedMinutes: number;
  guide: ServiceGuide;
  open?: boolean;
}

export async function loadDepartments(): Promise<Department[]> {
  return listOf<Department>(await get('/api/v1/departments').catch(() => []), 'departments');
}

const blank = (): AdminService => ({
  id: '', departmentId: '', name: { 'zh-CN': '' }, prefix: '', numberWidth: 3, dailyQuota: null, promisedMinutes: 30,
  guide: { materials: [], fees: { 'zh-CN': '免费', 'zh-TW': '免費', en: 'Free' } },
});

function ServiceEditor({ svc, deps, onClose }: { svc: AdminService; deps: Department[]; onClose: () => void }) {
  const t = useT(S);
  const lang = useLang();
  const [v, setV] = useState<AdminService>(svc);
  const save = useSave();
  const set = (p: Partial<AdminService>) => setV((x) => ({ ...x, ...p }));
  const setGuide = (p: Partial<ServiceGuide>) => setV((x) => ({ ...x, guide: { ...x.guide, ...p } }));
  const submit = () => {
    const body = {
      departmentId: v.departmentId,
      name: cleanText(v.name),
      prefix: v.prefix.trim().toUpperCase(),
      numberWidth: v.numberWidth,
      dailyQuota: v.dailyQuota,
      promisedMinutes: v.promisedMinutes,
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
        </div>
      </div>
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
        <thead><tr><th>{t('prefix')}</th><th>{t('name')}</th><th>{t('dept')}</th><th>{t('promised')}</th><th>{t('quota')}</th><th>{t('materials')}</th><th><span class="sr-only">{t('actions')}</span></th></tr></thead>
        <tbody>
          {data.list.map((s) => (
            <tr key={s.id}>
              <td><span class="prefix">{s.prefix}</span></td>
              <td>{loc(s.name, lang)}</td>
              <td>{depName(s.departmentId)}</td>
              <td>{t('minutes', { n: s.promisedMinutes })}</td>
              <td class="num">{s.dailyQuota ?? '—'}</td>
              <td class="num">{s.guide.materials.length}</td>
              <td><button class="btn btn-small" onClick={() => setEdit(s)}>{canEdit() ? t('edit') : t('view')}<span class="sr-only"> {loc(s.name, lang)}</span></button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {edit && <ServiceEditor svc={edit} deps={data.deps} onClose={() => setEdit(null)} />}
    </section>
  );
}
