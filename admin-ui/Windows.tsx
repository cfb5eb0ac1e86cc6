import { useState } from 'preact/hooks';
import type { WindowDef, WindowService } from '../common/config.js';
import type { Department } from '../common/types.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { adminList, adminSend, bump, canEdit } from './admin-api.js';
import { loadDepartments, type AdminService } from './Services.js';
import { S } from './strings/windows.js';
import { Field, Loading, Modal, useLoad, useSave } from './ui.js';

type AdminWindow = WindowDef;

function WindowEditor({ win, deps, svcs, onClose }: { win: AdminWindow; deps: Department[]; svcs: AdminService[]; onClose: () => void }) {
  const t = useT(S);
  const lang = useLang();
  const [v, setV] = useState<AdminWindow>(win);
  const save = useSave();
  const pick = (id: string, on: boolean) =>
    setV((x) => ({
      ...x,
      services: on ? [...x.services, { serviceId: id, order: x.services.length, weight: 1 }] : x.services.filter((s) => s.serviceId !== id),
    }));
  const patch = (id: string, p: Partial<WindowService>) => setV((x) => ({ ...x, services: x.services.map((s) => (s.serviceId === id ? { ...s, ...p } : s)) }));
  const submit = () => {
    const body = { number: v.number, name: v.name.trim(), departmentId: v.departmentId, services: v.services, priorityOnly: !!v.priorityOnly };
    save.run(() => (win.id ? adminSend('PUT', `/windows/${encodeURIComponent(win.id)}`, body) : adminSend('POST', '/windows', body)), () => {
      bump();
      onClose();
    });
  };
  return (
    <Modal wide title={win.id ? t('editWindow') : t('newWindow')} onCancel={onClose} onOk={canEdit() ? submit : undefined} busy={save.busy} error={save.error}>
      <div class="row3">
        <Field label={t('number')}><input type="number" min={1} max={9999} required value={v.number || ''} onInput={(e) => setV({ ...v, number: Number(e.currentTarget.value) })} /></Field>
        <Field label={t('name')}><input required maxLength={60} value={v.name} onInput={(e) => setV({ ...v, name: e.currentTarget.value })} /></Field>
        <Field label={t('dept')}>
          <select required value={v.departmentId} onChange={(e) => setV({ ...v, departmentId: e.currentTarget.value })}>
            <option value="">—</option>
            {deps.map((d) => <option key={d.id} value={d.id}>{loc(d.name, lang)}</option>)}
          </select>
        </Field>
      </div>
      <label class="check">
        <input type="checkbox" checked={!!v.priorityOnly} onChange={(e) => setV({ ...v, priorityOnly: e.currentTarget.checked })} />
        <span>{t('priorityOnly')}<small>{t('priorityOnlyHint')}</small></span>
      </label>
      <fieldset class="svc-pick">
        <legend>{t('servicesOf')}</legend>
        <p class="muted">{t('orderHint')}</p>
        <table>
          <thead><tr><th>{t('serves')}</th><th>{t('service')}</th><th>{t('order')}</th><th>{t('weight')}</th></tr></thead>
          <tbody>
            {svcs.map((s) => {
              const ws = v.services.find((x) => x.serviceId === s.id);
              const name = loc(s.name, lang);
              return (
                <tr key={s.id}>
                  <td><input type="checkbox" checked={!!ws} aria-label={name} onChange={(e) => pick(s.id, e.currentTarget.checked)} /></td>
                  <td><span class="prefix">{s.prefix}</span> {name}</td>
                  <td><input class="small-num" type="number" min={0} max={1000} disabled={!ws} aria-label={`${t('order')} ${name}`} value={ws?.order ?? ''} onInput={(e) => patch(s.id, { order: Number(e.currentTarget.value) })} /></td>
                  <td><input class="small-num" type="number" min={0} max={100} step="0.5" disabled={!ws} aria-label={`${t('weight')} ${name}`} value={ws?.weight ?? ''} onInput={(e) => patch(s.id, { weight: Number(e.currentTarget.value) })} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
    </Modal>
  );
}

export function WindowsView() {
  const t = useT(S);
  const lang = useLang();
  const { data, error } = useLoad(async () => ({
    list: await adminList<AdminWindow>('/windows', 'windows'),
    svcs: await adminList<AdminService>('/services', 'services'),
    deps: await loadDepartments(),
  }));
  const [edit, setEdit] = useState<AdminWindow | null>(null);
  if (!data) return <Loading error={error} />;
  const svcName = (id: string) => {
    const s = data.svcs.find((x) => x.id === id);
    return s ? `${s.prefix} ${loc(s.name, lang)}` : id;
  };
  return (
    <section class="panel">
      <div class="panel-head">
        <h2>{t('windows')}</h2>
        {canEdit() && (
          <button class="btn btn-primary" onClick={() => setEdit({ id: '', number: Math.max(0, ...data.list.map((w) => w.number)) + 1, name: '', departmentId: '', services: [] })}>
            {t('newWindow')}
          </button>
        )}
      </div>
      <table>
        <thead><tr><th>{t('number')}</th><th>{t('name')}</th><th>{t('dept')}</th><th>{t('servicesOf')}</th><th><span class="sr-only">{t('actions')}</span></th></tr></thead>
        <tbody>
          {data.list.map((w) => (
            <tr key={w.id}>
              <td class="num"><b>{w.number}</b></td>
              <td>{w.name}{w.priorityOnly && <span class="chip-s prio">{t('priorityTag')}</span>}</td>
              <td>{loc(data.deps.find((d) => d.id === w.departmentId)?.name, lang) || w.departmentId}</td>
              <td>{[...w.services].sort((a, b) => a.order - b.order).map((s) => <span key={s.serviceId} class="chip-s">{svcName(s.serviceId)}{s.weight !== 1 ? ` ×${s.weight}` : ''}</span>)}</td>
              <td><button class="btn btn-small" onClick={() => setEdit(w)}>{canEdit() ? t('edit') : t('view')}<span class="sr-only"> {w.name}</span></button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {edit && <WindowEditor win={edit} deps={data.deps} svcs={data.svcs} onClose={() => setEdit(null)} />}
    </section>
  );
}
