/**
 * The region's reports view: the cross-hall report (`GET /reports`) for a date range
 * (this month so far unless changed), grouped by hall, catalogue item, department or
 * service, per day, week or month, with its total row, in the viewer's language (`lang`);
 * the same report as CSV/XLSX and the ratings of the range (`/ratings/export`) as files,
 * fetched with the session's token. The API scopes everything to the viewer's halls.
 */
import { useEffect, useState } from 'preact/hooks';
import type { RegionReport, RegionReportBy, RegionReportFigures, RegionReportPeriod } from '../common/region.js';
import { useLang, useT } from '../ui-shared/i18n.js';
import { ApiError, call, download } from './api.js';
import { minutesText, ratingCount, shareText } from './format.js';
import { S } from './strings.js';
import { R } from './strings-reports.js';

type TR = ReturnType<typeof useT<keyof (typeof R)['en']>>;
interface Query {
  from: string;
  to: string;
  by: RegionReportBy;
  period: RegionReportPeriod;
}

const BYS: RegionReportBy[] = ['hall', 'catalogue', 'department', 'service'];
const PERIODS: RegionReportPeriod[] = ['day', 'week', 'month'];
const pad = (n: number) => String(n).padStart(2, '0');
/** The viewer's own calendar date (the browser's time zone). */
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const thisMonthSoFar = (): Query => {
  const today = new Date();
  return { from: ymd(new Date(today.getFullYear(), today.getMonth(), 1)), to: ymd(today), by: 'hall', period: 'day' };
};
/** The query outlives a switch to another tab (not a reload). */
let kept: Query | null = null;

const KNOWN = ['INVALID_DATE', 'REPORT_TOO_LARGE', 'UNREACHABLE', 'REGION_UNAVAILABLE', 'UNAUTHENTICATED'] as const;
interface Failure {
  what: 'report' | 'download';
  code: string;
  message: string;
}
/** What went wrong, kept as the API said it (shown in the language of the moment). */
const failureOf = (what: Failure['what'], e: unknown): Failure => {
  const err = e instanceof ApiError ? e : new ApiError('UNREACHABLE', String(e));
  return { what, code: err.code.startsWith('HTTP_5') ? 'REGION_UNAVAILABLE' : err.code, message: err.message };
};
/** An API refusal or a failed request in the reader's words; the API's own message for what this page does not know. */
const failureText = (t: TR, f: Failure) =>
  (KNOWN as readonly string[]).includes(f.code) ? t(`e_${f.code}` as `e_${(typeof KNOWN)[number]}`) : t('e_other', { msg: f.message, code: f.code });

function Figures({ f, t, ts }: { f: RegionReportFigures; t: TR; ts: ReturnType<typeof useT<keyof (typeof S)['en']>> }) {
  return (
    <>
      <td class="num">{f.issued}</td><td class="num">{f.served}</td><td class="num">{f.noShows}</td>
      <td class="num">{f.cancelled}</td><td class="num">{f.transferred}</td>
      <td class="num">{minutesText(ts, f.waitAvg)}</td><td class="num">{minutesText(ts, f.waitMedian)}</td><td class="num">{minutesText(ts, f.waitP90)}</td>
      <td class="num">{minutesText(ts, f.serviceAvg)}</td><td class="num">{shareText(ts, f.promisedCompliance)}</td>
      <td class="num">{shareText(ts, f.satisfaction)}</td><td class="num" title={t('rated')}>{ratingCount(f.ratings)}</td>
    </>
  );
}

export function ReportsView({ token }: { token: string }) {
  const t = useT(R);
  const ts = useT(S);
  const lang = useLang();
  const [q, setQ] = useState<Query>(() => kept ?? thisMonthSoFar());
  const [report, setReport] = useState<RegionReport | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const query = `from=${q.from}&to=${q.to}&by=${q.by}&period=${q.period}&lang=${lang}`;
  useEffect(() => {
    kept = q;
    let live = true;
    setBusy(true);
    call<RegionReport>(token, 'GET', `/reports?${query}`).then(
      (r) => live && (setReport(r), setFailure(null)),
      (e) => live && (setReport(null), setFailure(failureOf('report', e))),
    ).finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [token, query, attempt]);

  /** One of the four files: fetched with the token, saved under the server's name; a refusal shown, the view kept. */
  const save = (file: string, path: string, name: string) => {
    setFailure(null);
    setSaving(file);
    download(token, path, name)
      .catch((e) => setFailure(failureOf('download', e)))
      .finally(() => setSaving(null));
  };
  const fileButton = (file: string, label: string, path: string, name: string) => (
    <button type="button" class="r-btn2" data-file={file} disabled={saving !== null} aria-busy={saving === file ? 'true' : undefined} onClick={() => save(file, path, name)}>
      {saving === file ? t('downloading') : label}
    </button>
  );
  const range = `from=${q.from}&to=${q.to}&lang=${lang}`;
  const set = (patch: Partial<Query>) => setQ({ ...q, ...patch });
  // the table's columns follow the report shown (the next one may still be on its way)
  const withCode = report?.by === 'catalogue';
  return (
    <div class="r-reports">
      <section class="r-panel" aria-labelledby="r-reports-h">
        <h2 id="r-reports-h">{t('reports')}</h2>
        <form class="r-form r-query" onSubmit={(e) => e.preventDefault()}>
          <label>{t('from')}<input type="date" name="from" required value={q.from} max={q.to} onChange={(e) => set({ from: e.currentTarget.value })} /></label>
          <label>{t('to')}<input type="date" name="to" required value={q.to} min={q.from} onChange={(e) => set({ to: e.currentTarget.value })} /></label>
          <label>{t('by')}
            <select name="by" value={q.by} onChange={(e) => set({ by: e.currentTarget.value as RegionReportBy })}>
              {BYS.map((b) => <option key={b} value={b}>{t(`by_${b}`)}</option>)}
            </select>
          </label>
          <label>{t('period')}
            <select name="period" value={q.period} onChange={(e) => set({ period: e.currentTarget.value as RegionReportPeriod })}>
              {PERIODS.map((p) => <option key={p} value={p}>{t(`period_${p}`)}</option>)}
            </select>
          </label>
          <div class="r-files" role="group" aria-label={t('files')}>
            {fileButton('report-csv', t('reportCsv'), `/reports?${query}&format=csv`, `region-report-${q.by}-${q.period}-${q.from}-${q.to}.csv`)}
            {fileButton('report-xlsx', t('reportXlsx'), `/reports?${query}&format=xlsx`, `region-report-${q.by}-${q.period}-${q.from}-${q.to}.xlsx`)}
            {fileButton('ratings-csv', t('ratingsCsv'), `/ratings/export?${range}&format=csv`, `region-ratings-${q.from}-${q.to}.csv`)}
            {fileButton('ratings-xlsx', t('ratingsXlsx'), `/ratings/export?${range}&format=xlsx`, `region-ratings-${q.from}-${q.to}.xlsx`)}
          </div>
        </form>
        {failure && (
          <div class="r-failure" role="alert" data-error={failure.code}>
            <strong>{t(failure.what === 'report' ? 'failedReport' : 'failedDownload')}</strong> {failureText(t, failure)}
            {failure.what === 'report' && <button type="button" class="r-btn2" onClick={() => setAttempt((n) => n + 1)}>{t('retry')}</button>}
          </div>
        )}
      </section>
      {report && (
        <section class="r-panel" aria-label={t('reports')} aria-busy={busy ? 'true' : undefined}>
          <div class="r-bar"><span class="r-count" aria-live="polite">{t('rows', { n: report.rows.length })} · {report.from} ~ {report.to}</span></div>
          <table class="r-report" data-by={report.by} data-period={report.period}>
            <thead>
              <tr>
                <th scope="col">{t(`col_${report.period}`)}</th><th scope="col">{t(`col_${report.by}`)}</th>{withCode && <th scope="col">{t('code')}</th>}
                <th scope="col" class="num">{t('issued')}</th><th scope="col" class="num">{t('served')}</th><th scope="col" class="num">{t('noShows')}</th>
                <th scope="col" class="num">{t('cancelled')}</th><th scope="col" class="num">{t('transferred')}</th>
                <th scope="col" class="num">{t('waitAvg')}</th><th scope="col" class="num">{t('waitMedian')}</th><th scope="col" class="num">{t('waitP90')}</th>
                <th scope="col" class="num">{t('serviceAvg')}</th><th scope="col" class="num">{t('compliance')}</th>
                <th scope="col" class="num">{t('satisfaction')}</th><th scope="col" class="num">{t('rated')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.length === 0 && <tr><td colSpan={withCode ? 15 : 14} class="r-sub">{t('noRows')}</td></tr>}
              {report.rows.map((r) => (
                <tr key={`${r.period}|${r.key}`} data-row={`${r.period}|${r.key}`}>
                  <td>{r.period}</td><td>{r.label}</td>{withCode && <td>{r.key || '—'}</td>}
                  <Figures f={r} t={t} ts={ts} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-row="total">
                <th scope="row">{t('total')}</th><td>{report.from} ~ {report.to}</td>{withCode && <td />}
                <Figures f={report.totals} t={t} ts={ts} />
              </tr>
            </tfoot>
          </table>
          <p class="r-note">{t('note')}</p>
        </section>
      )}
      {!report && !failure && <p aria-busy="true">{ts('loading')}</p>}
    </div>
  );
}
