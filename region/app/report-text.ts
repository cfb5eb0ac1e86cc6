/**
 * The region's own words in its reports and files, in the live view's three languages
 * (names of halls, departments and services come from the halls' configuration snapshots;
 * grade and reason labels from common/supervision.ts). zh-CN keeps the headings the files
 * always had (Chinese with the JSON field for machines), so existing spreadsheets keep working.
 */
import type { Lang } from '../../common/wire/base.js';

/** A report file's columns, in order: the row's fields, the five grades, the satisfaction. */
export const REPORT_COLUMNS = [
  'period', 'key', 'label', 'issued', 'served', 'noShows', 'cancelled', 'transferred', 'restored', 'remote', 'expired',
  'waitAvg', 'waitMedian', 'waitP90', 'serviceAvg', 'promisedCompliance', 'grade5', 'grade4', 'grade3', 'grade2', 'grade1', 'satisfaction',
] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];

export interface ReportText {
  columns: Record<ReportColumn, string>;
  /** The label of the catalogue row of the services without a 政务服务事项编码. */
  noCatalogueCode: string;
  /** The label of a file's last row (the whole range). */
  total: string;
  reportSheet: string;
  ratingsSheet: string;
}

export const REPORT_TEXT: Record<Lang, ReportText> = {
  'zh-CN': {
    columns: {
      period: '周期 period', key: '编号 key', label: '名称 label', issued: '取号 issued', served: '办结 served', noShows: '过号 noShows',
      cancelled: '取消 cancelled', transferred: '转办 transferred', restored: '过号恢复 restored', remote: '线上取号 remote', expired: '线上过期 expired',
      waitAvg: '平均等候秒 waitAvg', waitMedian: '等候中位秒 waitMedian', waitP90: '等候P90秒 waitP90', serviceAvg: '平均办理秒 serviceAvg',
      promisedCompliance: '承诺时限达标率 promisedCompliance',
      grade5: '5分 grade5', grade4: '4分 grade4', grade3: '3分 grade3', grade2: '2分 grade2', grade1: '1分 grade1', satisfaction: '满意率 satisfaction',
    },
    noCatalogueCode: '（无事项编码）',
    total: '合计',
    reportSheet: '区域考核报表',
    ratingsSheet: '好差评',
  },
  'zh-TW': {
    columns: {
      period: '週期 period', key: '編號 key', label: '名稱 label', issued: '取號 issued', served: '辦結 served', noShows: '過號 noShows',
      cancelled: '取消 cancelled', transferred: '轉辦 transferred', restored: '過號恢復 restored', remote: '線上取號 remote', expired: '線上過期 expired',
      waitAvg: '平均等候秒 waitAvg', waitMedian: '等候中位秒 waitMedian', waitP90: '等候P90秒 waitP90', serviceAvg: '平均辦理秒 serviceAvg',
      promisedCompliance: '承諾時限達標率 promisedCompliance',
      grade5: '5分 grade5', grade4: '4分 grade4', grade3: '3分 grade3', grade2: '2分 grade2', grade1: '1分 grade1', satisfaction: '滿意率 satisfaction',
    },
    noCatalogueCode: '（無事項編碼）',
    total: '合計',
    reportSheet: '區域考核報表',
    ratingsSheet: '好差評',
  },
  en: {
    columns: {
      period: 'Period', key: 'Key', label: 'Name', issued: 'Issued', served: 'Served', noShows: 'No-shows',
      cancelled: 'Cancelled', transferred: 'Transferred', restored: 'Restored no-shows', remote: 'Online numbers', expired: 'Online numbers expired',
      waitAvg: 'Average wait (s)', waitMedian: 'Median wait (s)', waitP90: 'P90 wait (s)', serviceAvg: 'Average service (s)',
      promisedCompliance: 'Within promised time (share)',
      grade5: 'Grade 5', grade4: 'Grade 4', grade3: 'Grade 3', grade2: 'Grade 2', grade1: 'Grade 1', satisfaction: 'Satisfaction',
    },
    noCatalogueCode: '(no catalogue code)',
    total: 'Total',
    reportSheet: 'Region report',
    ratingsSheet: 'Ratings',
  },
};
