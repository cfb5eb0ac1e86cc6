/** The region's files: cross-hall reports and the ratings feed as CSV (the hall's escaping) or XLSX, headed in the viewer's language. */
import type { RegionRating, RegionReport, RegionReportFigures } from '../../common/region.js';
import type { Lang } from '../../common/wire/base.js';
import { toCsv } from '../../server/app/csv.js';
import { tableXlsx } from '../../server/app/report-export.js';
import { REPORT_COLUMNS, REPORT_TEXT, type ReportColumn } from './report-text.js';

const GRADES = ['5', '4', '3', '2', '1'] as const;
type Line = RegionReportFigures & { period: string; key: string; label: string };

/** One value per column (the headings are the language's; the values never change with it). */
function cells(row: Line): Record<ReportColumn, unknown> {
  const { ratings, satisfaction, ...rest } = row;
  const grades = Object.fromEntries(GRADES.map((g) => [`grade${g}`, ratings[g]])) as Record<`grade${(typeof GRADES)[number]}`, number>;
  return { ...rest, ...grades, satisfaction };
}

function flatten(r: RegionReport, lang: Lang): { header: string[]; lines: Record<string, unknown>[] } {
  const heading = (c: ReportColumn) => REPORT_TEXT.columns[c][lang];
  const header = REPORT_COLUMNS.map(heading);
  const line = (row: Line) => {
    const values = cells(row);
    return Object.fromEntries(REPORT_COLUMNS.map((c) => [heading(c), values[c]]));
  };
  const lines = r.rows.map(line);
  lines.push(line({ ...r.totals, period: `${r.from}~${r.to}`, key: '*', label: REPORT_TEXT.total[lang] }));
  return { header, lines };
}

export function regionReportCsv(r: RegionReport, lang: Lang): Buffer {
  const { header, lines } = flatten(r, lang);
  return Buffer.from(toCsv(header, lines), 'utf8');
}

export function regionReportXlsx(r: RegionReport, lang: Lang): Promise<Buffer> {
  const { header, lines } = flatten(r, lang);
  return tableXlsx(REPORT_TEXT.reportSheet[lang], header, lines, true);
}

const RATING_HEADER: (keyof RegionRating)[] = [
  'id', 'hallId', 'hallName', 'area', 'at', 'businessDay', 'catalogueCode', 'serviceId', 'serviceName', 'departmentName',
  'windowId', 'windowName', 'grade', 'gradeLabel', 'reasons', 'reasonLabels', 'source',
];

const ratingLines = (ratings: RegionRating[]) => ratings.map((r) => ({ ...r, reasons: r.reasons.join('|'), reasonLabels: r.reasonLabels.join('|') }));

export function ratingsCsv(ratings: RegionRating[]): Buffer {
  return Buffer.from(toCsv(RATING_HEADER, ratingLines(ratings)), 'utf8');
}

export function ratingsXlsx(ratings: RegionRating[], lang: Lang): Promise<Buffer> {
  return tableXlsx(REPORT_TEXT.ratingsSheet[lang], RATING_HEADER, ratingLines(ratings), false);
}
