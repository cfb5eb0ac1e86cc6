import ExcelJS from 'exceljs';
import type { RatingCase, ReportFigures, ReportResult } from '../../common/supervision.js';
import { DomainError } from '../domain/errors.js';
import { buildReport, type ReportEvent, type ReportOptions } from '../domain/report.js';
import { toCsv } from './csv.js';
import { PLATFORM_FIELDS, type PlatformRatingRecord } from '../domain/rating-platform.js';
import type { ReportFormat, ReportOutput } from './report-runner.js';

/** Rows a JSON answer may carry: it is serialised in the hall's own (capped) heap. Files have no such limit. */
const MAX_JSON_ROWS = 20_000;

/** Replays the events into the report and renders it as asked (figures, CSV bytes or XLSX bytes). */
export async function produceReport(events: Iterable<ReportEvent>, opts: ReportOptions, format: ReportFormat): Promise<ReportOutput> {
  const { from, to, period, by } = opts;
  const report = { period, by, from, to, ...buildReport(events, opts) };
  if (format === 'csv') return { file: Buffer.from(reportCsv({ ok: true, ...report }), 'utf8') };
  if (format === 'xlsx') return { file: await reportXlsx({ ok: true, ...report }) };
  if (report.rows.length > MAX_JSON_ROWS) {
    throw new DomainError('REPORT_TOO_LARGE', `This report has ${report.rows.length} rows (at most ${MAX_JSON_ROWS} as JSON): choose week or month, or download it as CSV or XLSX`, 'period');
  }
  return { report };
}

/** Column headings in the hall's working language, with the JSON field in brackets for machines. */
const COLUMNS: [keyof ReportFigures | 'period' | 'key' | 'label', string][] = [
  ['period', '周期 period'],
  ['key', '编号 key'],
  ['label', '名称 label'],
  ['issued', '取号 issued'],
  ['served', '办结 served'],
  ['noShows', '过号 noShows'],
  ['transferred', '转办 transferred'],
  ['remote', '线上取号 remote'],
  ['expired', '线上取号过期 expired'],
  ['waitAvg', '平均等候秒 waitAvg'],
  ['waitMedian', '等候中位秒 waitMedian'],
  ['waitP90', '等候P90秒 waitP90'],
  ['serviceAvg', '平均办理秒 serviceAvg'],
  ['restored', '过号恢复 restored'],
  ['steps', '联办环节 steps'],
  ['completed', '联办办结 completed'],
  ['caseAvg', '联办全程平均秒 caseAvg'],
];
const GRADE_COLUMNS = ['5', '4', '3', '2', '1'] as const;
const TAIL: [keyof ReportFigures, string][] = [
  ['satisfaction', '满意率 satisfaction'],
  ['greenShare', '绿色通道占比 greenShare'],
];

type Flat = Record<string, string | number | null>;

function flatten(rows: ReportResult['rows'], totals: ReportResult['totals'], from: string, to: string): { header: string[]; lines: Flat[] } {
  const header = [...COLUMNS.map(([, h]) => h), ...GRADE_COLUMNS.map((g) => `${g}分 grade${g}`), ...TAIL.map(([, h]) => h)];
  const line = (r: ReportFigures & { period: string; key: string; label: string }): Flat => {
    const out: Flat = {};
    for (const [k, h] of COLUMNS) out[h] = r[k] as string | number | null;
    GRADE_COLUMNS.forEach((g, i) => (out[header[COLUMNS.length + i]] = r.ratings[g]));
    for (const [k, h] of TAIL) out[h] = r[k] as number | null;
    return out;
  };
  const lines = rows.map(line);
  lines.push(line({ ...totals, period: `${from}~${to}`, key: '*', label: '合计' }));
  return { header, lines };
}

export function reportCsv(r: ReportResult): string {
  const { header, lines } = flatten(r.rows, r.totals, r.from, r.to);
  return toCsv(header, lines);
}

export async function reportXlsx(r: ReportResult): Promise<Buffer> {
  const { header, lines } = flatten(r.rows, r.totals, r.from, r.to);
  return tableXlsx('考核报表', header, lines, true);
}

/** One sheet: bold frozen header row, one row per line (the last one bold when it is a total). Shared with the region's exports. */
export async function tableXlsx(sheet: string, header: string[], lines: Record<string, unknown>[], totalLast: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Onestop';
  const ws = wb.addWorksheet(sheet);
  ws.columns = header.map((h) => ({ header: h, key: h, width: Math.max(10, h.length + 2) }));
  for (const l of lines) ws.addRow(l);
  ws.getRow(1).font = { bold: true };
  if (totalLast) ws.getRow(ws.rowCount).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CASE_HEADER = ['ticketNumber', 'businessDay', 'serviceId', 'serviceName', 'windowId', 'windowNumber', 'staffId', 'grade', 'gradeLabel', 'reasons', 'reasonLabels', 'source', 'at'];

/** Per-case rating export (CSV) for the provincial rating platform. */
export function ratingsCsv(cases: RatingCase[]): string {
  return toCsv(CASE_HEADER, cases.map((c) => ({ ...c, reasons: c.reasons.join('|'), reasonLabels: c.reasonLabels.join('|') })));
}

/** The same cases as "一次一评" records with the platform's field names (profile=haochaping). */
export function platformRatingsCsv(records: PlatformRatingRecord[]): string {
  return toCsv([...PLATFORM_FIELDS], records as unknown as Record<string, string | number | null>[]);
}
