/** The region's files: cross-hall reports and the ratings feed as CSV (the hall's escaping) or XLSX. */
import type { RegionRating, RegionReport, RegionReportFigures, RegionReportRow } from '../../common/region.js';
import { toCsv } from '../../server/app/csv.js';
import { tableXlsx } from '../../server/app/report-export.js';

/** Column headings in Chinese with the JSON field in brackets for machines (as the hall's exports). */
const COLUMNS: [keyof RegionReportRow, string][] = [
  ['period', '周期 period'],
  ['key', '编号 key'],
  ['label', '名称 label'],
  ['issued', '取号 issued'],
  ['served', '办结 served'],
  ['noShows', '过号 noShows'],
  ['cancelled', '取消 cancelled'],
  ['transferred', '转办 transferred'],
  ['restored', '过号恢复 restored'],
  ['remote', '线上取号 remote'],
  ['expired', '线上过期 expired'],
  ['waitAvg', '平均等候秒 waitAvg'],
  ['waitMedian', '等候中位秒 waitMedian'],
  ['waitP90', '等候P90秒 waitP90'],
  ['serviceAvg', '平均办理秒 serviceAvg'],
  ['promisedCompliance', '承诺时限达标率 promisedCompliance'],
];
const GRADES = ['5', '4', '3', '2', '1'] as const;

function flatten(r: RegionReport): { header: string[]; lines: Record<string, unknown>[] } {
  const header = [...COLUMNS.map(([, h]) => h), ...GRADES.map((g) => `${g}分 grade${g}`), '满意率 satisfaction'];
  const line = (row: RegionReportFigures & { period: string; key: string; label: string }) => {
    const out: Record<string, unknown> = {};
    for (const [k, h] of COLUMNS) out[h] = row[k];
    for (const g of GRADES) out[`${g}分 grade${g}`] = row.ratings[g];
    out['满意率 satisfaction'] = row.satisfaction;
    return out;
  };
  const lines = r.rows.map(line);
  lines.push(line({ ...r.totals, period: `${r.from}~${r.to}`, key: '*', label: '合计' }));
  return { header, lines };
}

export function regionReportCsv(r: RegionReport): Buffer {
  const { header, lines } = flatten(r);
  return Buffer.from(toCsv(header, lines), 'utf8');
}

export function regionReportXlsx(r: RegionReport): Promise<Buffer> {
  const { header, lines } = flatten(r);
  return tableXlsx('区域考核报表', header, lines, true);
}

const RATING_HEADER: (keyof RegionRating)[] = [
  'id', 'hallId', 'hallName', 'area', 'at', 'businessDay', 'catalogueCode', 'serviceId', 'serviceName', 'departmentName',
  'windowId', 'windowName', 'grade', 'gradeLabel', 'reasons', 'reasonLabels', 'source',
];

const ratingLines = (ratings: RegionRating[]) => ratings.map((r) => ({ ...r, reasons: r.reasons.join('|'), reasonLabels: r.reasonLabels.join('|') }));

export function ratingsCsv(ratings: RegionRating[]): Buffer {
  return Buffer.from(toCsv(RATING_HEADER, ratingLines(ratings)), 'utf8');
}

export function ratingsXlsx(ratings: RegionRating[]): Promise<Buffer> {
  return tableXlsx('好差评', RATING_HEADER, ratingLines(ratings), false);
}
