import { useState } from 'preact/hooks';
import type { Reply } from '../common/wire/replies.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { adminList, adminSend, bump, canEdit } from './admin-api.js';
import { S } from './strings/priority.js';
import { cleanText, Field, Loading, LocalizedInput, Modal, useLoad, useSave } from './ui.js';

/** GET/POST/PUT/DELETE /api/v1/admin/priority-categories. */
type Category = Reply<'Categories'>['categories'][number];

function CategoryEditor({ cat, isNew, onClose }: { cat: Category; isNew: boolean; onClose: () => void }) {
  const t = useT(S);
  const [v, setV] = useState<Category>(cat);
  const save = useSave();
  const submit = () => {
    const body = { name: cleanText(v.name), priorityClass: v.priorityClass, active: v.active, sortOrder: v.sortOrder };
    save.run(() => (isNew ? adminSend('POST', '/priority-categories', { id: v.id.trim(), ...body }) : adminSend('PUT', `/priority-categories/${encodeURIComponent(v.id)}`, body)), () => {
      bump();
      onClose();
    });
  };
  return (
    <Modal title={isNew ? t('newCategory') : t('editCategory')} onCancel={onClose} onOk={canEdit() ? submit : undefined} busy={save.busy} error={save.error}>
      <Field label={t('catId')} hint={isNew ? t('catIdHint') : undefined}>
        <input value={v.id} required readOnly={!isNew} pattern="[a-z0-9][a-z0-9_\-]{0,39}" maxLength={40} onInput={(e) => setV({ ...v, id: e.currentTarget.value.toLowerCase() })} />
      </Field>
      <LocalizedInput label={t('name')} value={v.name} onChange={(name) => setV({ ...v, name })} />
      <div class="row2">
        <Field label={t('priorityClass')}>
          <select value={v.priorityClass} onChange={(e) => setV({ ...v, priorityClass: e.currentTarget.value as Category['priorityClass'] })}>
            <option value="green">{t('class_green')}</option>
            <option value="priority">{t('class_priority')}</option>
          </select>
        </Field>
        <Field label={t('sortOrder')}>
          <input type="number" min={0} max={10000} value={v.sortOrder} onInput={(e) => setV({ ...v, sortOrder: Number(e.currentTarget.value) })} />
        </Field>
      </div>
      <label class="check">
        <input type="checkbox" checked={v.active} onChange={(e) => setV({ ...v, active: e.currentTarget.checked })} />
        <span>{t('active')}</span>
      </label>
    </Modal>
  );
}

export function PriorityView() {
  const t = useT(S);
  const lang = useLang();
  const { data, error } = useLoad(() => adminList<Category>('/priority-categories', 'categories'));
  const [edit, setEdit] = useState<{ cat: Category; isNew: boolean } | null>(null);
  const del = useSave();
  if (!data) return <Loading error={error} />;
  const list = [...data].sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id));
  const remove = (c: Category) => confirm(t('deleteCatConfirm', { name: loc(c.name, lang) })) && del.run(() => adminSend('DELETE', `/priority-categories/${encodeURIComponent(c.id)}`), bump);
  return (
    <section class="panel">
      <div class="panel-head">
        <h2>{t('priorityTitle')}</h2>
        {canEdit() && (
          <button class="btn btn-primary" onClick={() => setEdit({ cat: { id: '', name: { 'zh-CN': '' }, priorityClass: 'priority', active: true, sortOrder: (list.at(-1)?.sortOrder ?? 0) + 10 }, isNew: true })}>
            {t('newCategory')}
          </button>
        )}
      </div>
      <p class="muted">{t('priorityHint')}</p>
      {del.error && <p class="banner banner-error" role="alert">{del.error}</p>}
      <table>
        <thead><tr><th>{t('catId')}</th><th>{t('name')}</th><th>{t('priorityClass')}</th><th>{t('status')}</th><th>{t('sortOrder')}</th><th><span class="sr-only">{t('actions')}</span></th></tr></thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.id}>
              <td><code>{c.id}</code></td>
              <td>{loc(c.name, lang)}</td>
              <td><span class={`chip-s ${c.priorityClass === 'green' ? 'prio' : ''}`}>{t(`class_${c.priorityClass}`)}</span></td>
              <td>{c.active ? t('active') : <span class="muted">{t('inactive')}</span>}</td>
              <td class="num">{c.sortOrder}</td>
              <td class="nowrap">
                <button class="btn btn-small" onClick={() => setEdit({ cat: c, isNew: false })}>{canEdit() ? t('edit') : t('view')}<span class="sr-only"> {loc(c.name, lang)}</span></button>
                {canEdit() && <button class="btn btn-small btn-danger" onClick={() => remove(c)}>{t('deleteCat')}<span class="sr-only"> {loc(c.name, lang)}</span></button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {edit && <CategoryEditor cat={edit.cat} isNew={edit.isNew} onClose={() => setEdit(null)} />}
    </section>
  );
}
