import { useEffect, useState } from 'preact/hooks';
import { useT } from '../ui-shared/i18n.js';
import type { Reply } from '../common/wire/replies.js';
import { adminGet } from './admin-api.js';
import { OS } from './strings/overdue.js';

/** The reply of GET /api/v1/admin/overdue (common/wire/replies.ts). */
type OverdueList = Reply<'Overdue'>;

/** 按承诺办结: cases past their promised time, beside the alerts (GET /api/v1/admin/overdue, every 30 s). */
export function OverduePanel({ serviceName, windowLabel, tick }: { serviceName: (id: string) => string; windowLabel: (id: string) => string; tick: unknown }) {
  const t = useT(OS);
  const [list, setList] = useState<OverdueList | null>(null);
  const [clock, setClock] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setClock((n) => n + 1), 30_000);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    let live = true;
    adminGet<OverdueList>('/overdue').then((l) => live && setList(l)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [clock, tick]);
  if (!list) return null;
  const m = (n: number) => t('od_min', { n });
  return (
    <section class="panel overdue">
      <h2>{t('od_title')} <small class="num">{list.cases.length}</small></h2>
      {list.cases.length === 0 ? <p class="muted">{t('od_none')}</p> : (
        <>
          <table>
            <thead><tr><th>{t('od_number')}</th><th>{t('od_service')}</th><th>{t('od_where')}</th><th>{t('od_time')}</th><th>{t('od_over')}</th></tr></thead>
            <tbody>
              {list.cases.map((c) => (
                <tr key={c.ticketId} class="hot">
                  <td class="num"><b>{c.number}</b></td>
                  <td>{serviceName(c.serviceId)}{c.kind === 'case' && <small> · {t('od_case')}</small>}</td>
                  <td>
                    {c.windowIds.length ? c.windowIds.map(windowLabel).join('、') : t('od_waiting')}
                    {c.step && <small> · {t('od_step', { i: c.step.index, n: c.step.total })} {c.stepServiceIds.map(serviceName).join('+')}</small>}
                  </td>
                  <td class="num">{m(c.elapsedMinutes)} / {m(c.promisedMinutes)}</td>
                  <td class="num"><b>{m(c.overMinutes)}</b></td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="small-note">
            {t('od_byService')}: {list.byService.map((x) => `${serviceName(x.serviceId)} ${x.count}`).join('，')}
            {list.byWindow.length > 0 && <> · {t('od_byWindow')}: {list.byWindow.map((x) => `${windowLabel(x.windowId)} ${x.count}`).join('，')}</>}
          </p>
        </>
      )}
      <p class="muted small-note">{t('od_rule')}</p>
    </section>
  );
}
