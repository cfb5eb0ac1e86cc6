import { serverFeatures } from '../ui-shared/env.js';
import type { Reply } from '../common/wire/replies.js';
import type { ReportBy, ReportPeriod, ReportRow } from '../common/supervision.js';
import type { Chart as ChartT } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../ui-shared/i18n.js';
import { call } from '../ui-shared/api.js';
import { A, adminGet, download } from './admin-api.js';
import { S } from './strings/reports.js';
import { Field, Loading, useLoad } from './ui.js';

/** chart.js is loaded on first use: the monitor and forms do not pay for it. */
let chartLib: Promise<typeof ChartT> | null = null;
function loadChart(): Promise<typeof ChartT> {
  chartLib ??= import('chart.js').then(({ BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip }) => {
    Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
    // Chart text in the UI's CJK font (canvas does not inherit CSS fonts).
    Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'Noto Sans CJK SC, sans-serif';
    Chart.defaults.font.size = 13;
    Chart.defaults.color = '#4a5468';
    return Chart;
  });
  return chartLib;
}

// The report's wire types are the server's own (common/supervision.ts).
type Period = ReportPeriod;
type By = ReportBy;
export type { ReportRow };

const day = (d: Date) => d.toISOString().slice(0, 10);
const mins = (s: number | null | undefined) => (s == null ? '—' : (s / 60).toFixed(1));
const pct = (x: number | null | undefined) => (x == null ? '—' : `${Math.round(x * 100)}%`);

/** Rows of several periods folded into one per key, for the charts. */
function byKey(rows: ReportRow[]): ReportRow[] {
  const m = new Map<string, ReportRow>();
  for (const r of rows) {
    const x = m.get(r.key);
    if (!x) {
      m.set(r.key, { ...r, ratings: { ...r.ratings } });
      continue;
    }
    const w = (a: number | null, na: number, b: number | null, nb: number) => (a == null ? b : b == null ? a : (a * na + b * nb) / Math.max(1, na + nb));
    x.waitAvg = w(x.waitAvg, x.served, r.waitAvg, r.served);
    x.serviceAvg = w(x.serviceAvg, x.served, r.serviceAvg, r.served);
    x.waitP90 = Math.max(x.waitP90 ?? 0, r.waitP90 ?? 0);
    x.issued += r.issued;
    x.served += r.served;
    x.noShows += r.noShows;
    x.transferred += r.transferred;
    x.remote = (x.remote ?? 0) + (r.remote ?? 0);
    x.expired = (x.expired ?? 0) + (r.expired ?? 0);
    for (const g of Object.keys(r.ratings) as (keyof ReportRow['ratings'])[]) x.ratings[g] = (x.ratings[g] ?? 0) + r.ratings[g];
  }
  return [...m.values()];
}

function BarChart({ labels, sets, title, stacked }: { labels: string[]; sets: { label: string; data: number[]; color: string }[]; title: string; stacked?: boolean }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: ChartT | null = null;
    let live = true;
    void loadChart().then((Chart) => {
      if (!live || !ref.current) return;
      chart = new Chart(ref.current, {
      type: 'bar',
      data: { labels, datasets: sets.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color })) },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: !!stacked }, y: { stacked: !!stacked, beginAtZero: true } },
        plugins: { legend: { position: 'bottom' } },
      },
      });
    });
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [JSON.stringify(labels), JSON.stringify(sets)]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div class="chart-box"><canvas ref={ref} role="img" aria-label={title} /></div>
    </figure>
  );
}

export function ReportsView() {
  const t = useT(S);
  // A report opens on the hall's last seven business days. The hall's day starts at 03:00 hall
  // time, so neither the browser's date nor UTC's is it: ask the hall.
  const bday = useLoad(async () => (serverFeatures ? (await call<Reply<'Queue'>>('GET', '/api/v1/queue')).businessDay : ''));
  if (bday.data === null) return <Loading error={bday.error} />;
  if (!bday.data) {
    return (
      <section class="panel not-yet" role="status">
        <h2>{t('reports')}</h2>
        <p>{t('reportsMissing')}</p>
      </section>
    );
  }
  return <Report businessDay={bday.data} />;
}

function Report({ businessDay }: { businessDay: string }) {
  const t = useT(S);
  const [q, setQ] = useState({ period: 'day' as Period, from: day(new Date(Date.parse(`${businessDay}T00:00:00Z`) - 6 * 86400_000)), to: businessDay, by: 'service' as By });
  const [dlErr, setDlErr] = useState('');
  const query = `period=${q.period}&from=${q.from}&to=${q.to}&by=${q.by}`;
  const rep = useLoad(async () => await adminGet<Reply<'Report'>>(`/reports?${query}`), [query]);
  const rows = rep.data?.rows ?? [];
  const folded = byKey(rows);
  const labels = folded.map((r) => r.label);
  const dl = (ext: 'csv' | 'xlsx') => {
    setDlErr('');
    download(`${A}/reports.${ext}?${query}`, `onestop-report-${q.by}-${q.from}-${q.to}.${ext}`).catch((e) => setDlErr(String((e as Error).message)));
  };
  return (
    <div class="reports">
      <section class="panel">
        <form class="report-query" onSubmit={(e) => e.preventDefault()}>
          <Field label={t('period')}>
            <select value={q.period} onChange={(e) => setQ({ ...q, period: e.currentTarget.value as Period })}>
              {(['day', 'week', 'month'] as const).map((p) => <option key={p} value={p}>{t(`period_${p}`)}</option>)}
            </select>
          </Field>
          <Field label={t('from')}><input type="date" value={q.from} max={q.to} onChange={(e) => setQ({ ...q, from: e.currentTarget.value })} /></Field>
          <Field label={t('to')}><input type="date" value={q.to} min={q.from} onChange={(e) => setQ({ ...q, to: e.currentTarget.value })} /></Field>
          <Field label={t('by')}>
            <select value={q.by} onChange={(e) => setQ({ ...q, by: e.currentTarget.value as By })}>
              {(['service', 'window', 'staff'] as const).map((b) => <option key={b} value={b}>{t(`by_${b}`)}</option>)}
            </select>
          </Field>
          <div class="dl">
            <button type="button" class="btn" onClick={() => dl('csv')}>{t('downloadCsv')}</button>
            <button type="button" class="btn" onClick={() => dl('xlsx')}>{t('downloadXlsx')}</button>
          </div>
        </form>
        {dlErr && <p class="banner banner-error" role="alert">{t('downloadFailed', { msg: dlErr })}</p>}
      </section>
      {!rep.data ? <Loading error={rep.error} /> : rows.length === 0 ? <p class="panel muted">{t('noData')}</p> : (
        <>
          <div class="charts">
            <BarChart title={t('chartVolume')} labels={labels} stacked sets={[
              { label: t('served'), data: folded.map((r) => r.served), color: '#0a4da2' },
              { label: t('noShows'), data: folded.map((r) => r.noShows), color: '#b3121f' },
              { label: t('transferred'), data: folded.map((r) => r.transferred), color: '#d39b00' },
            ]} />
            <BarChart title={t('chartWait')} labels={labels} sets={[
              { label: t('waitAvg'), data: folded.map((r) => (r.waitAvg ?? 0) / 60), color: '#5b8fd6' },
              { label: t('waitP90'), data: folded.map((r) => (r.waitP90 ?? 0) / 60), color: '#083a7a' },
              { label: t('serviceAvg'), data: folded.map((r) => (r.serviceAvg ?? 0) / 60), color: '#176c33' },
            ]} />
          </div>
          <section class="panel">
            <table class="report-table">
              <thead>
                <tr>
                  {rows.some((r) => r.period) && <th>{t('period')}</th>}
                  <th>{t(`by_${q.by}`)}</th><th>{t('issued')}</th><th>{t('remote')}</th><th>{t('expired')}</th><th>{t('served')}</th><th>{t('noShows')}</th><th>{t('restored')}</th><th>{t('transferred')}</th><th>{t('steps')}</th><th>{t('completed')}</th><th>{t('caseAvg')}</th>
                  <th>{t('waitAvg')}</th><th>{t('waitMedian')}</th><th>{t('waitP90')}</th><th>{t('serviceAvg')}</th><th>{t('satisfaction')}</th><th>{t('greenShare')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.period ?? ''}|${r.key}`}>
                    {rows.some((x) => x.period) && <td class="num">{r.period}</td>}
                    <td>{r.label}</td><td class="num">{r.issued}</td><td class="num">{r.remote ?? 0}</td><td class="num">{r.expired ?? 0}</td><td class="num">{r.served}</td><td class="num">{r.noShows}</td><td class="num">{r.restored ?? 0}</td><td class="num">{r.transferred}</td>
                    <td class="num">{r.steps ?? 0}</td><td class="num">{r.completed ?? 0}</td><td class="num">{mins(r.caseAvg ?? null)}</td>
                    <td class="num">{mins(r.waitAvg)}</td><td class="num">{mins(r.waitMedian)}</td><td class="num">{mins(r.waitP90)}</td><td class="num">{mins(r.serviceAvg)}</td>
                    <td class="num">{pct(r.satisfaction)}</td><td class="num">{pct(r.greenShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="muted">{t('minutesNote')}</p>
          </section>
        </>
      )}
    </div>
  );
}
