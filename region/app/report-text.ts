/**
 * The region's own words in its reports and files, in the live view's three languages
 * (names of halls, departments and services come from the halls' configuration snapshots;
 * grade and reason labels from common/supervision.ts). zh-CN keeps the headings the files
 * always had (Chinese with the JSON field for machines), so existing spreadsheets keep working.
 */
import type { Lang } from '../../common/wire/base.js';

type Text = Record<Lang, string>;
const L = (zhCN: string, zhTW: string, en: string): Text => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

/** A report file's columns in order (the row's fields, the five grades, the satisfaction) with their headings. */
const COLUMNS = {
  period: L('周期 period', '週期 period', 'Period'),
  key: L('编号 key', '編號 key', 'Key'),
  label: L('名称 label', '名稱 label', 'Name'),
  issued: L('取号 issued', '取號 issued', 'Issued'),
  served: L('办结 served', '辦結 served', 'Served'),
  noShows: L('过号 noShows', '過號 noShows', 'No-shows'),
  cancelled: L('取消 cancelled', '取消 cancelled', 'Cancelled'),
  transferred: L('转办 transferred', '轉辦 transferred', 'Transferred'),
  restored: L('过号恢复 restored', '過號恢復 restored', 'Restored no-shows'),
  remote: L('线上取号 remote', '線上取號 remote', 'Online numbers'),
  expired: L('线上过期 expired', '線上過期 expired', 'Online numbers expired'),
  waitAvg: L('平均等候秒 waitAvg', '平均等候秒 waitAvg', 'Average wait (s)'),
  waitMedian: L('等候中位秒 waitMedian', '等候中位秒 waitMedian', 'Median wait (s)'),
  waitP90: L('等候P90秒 waitP90', '等候P90秒 waitP90', 'P90 wait (s)'),
  serviceAvg: L('平均办理秒 serviceAvg', '平均辦理秒 serviceAvg', 'Average service (s)'),
  promisedCompliance: L('承诺时限达标率 promisedCompliance', '承諾時限達標率 promisedCompliance', 'Within promised time (share)'),
  grade5: L('5分 grade5', '5分 grade5', 'Grade 5'),
  grade4: L('4分 grade4', '4分 grade4', 'Grade 4'),
  grade3: L('3分 grade3', '3分 grade3', 'Grade 3'),
  grade2: L('2分 grade2', '2分 grade2', 'Grade 2'),
  grade1: L('1分 grade1', '1分 grade1', 'Grade 1'),
  satisfaction: L('满意率 satisfaction', '滿意率 satisfaction', 'Satisfaction'),
} satisfies Record<string, Text>;
export type ReportColumn = keyof typeof COLUMNS;
export const REPORT_COLUMNS = Object.keys(COLUMNS) as ReportColumn[];

export const REPORT_TEXT = {
  columns: COLUMNS as Record<ReportColumn, Text>,
  /** The label of the catalogue row of the services without a 政务服务事项编码. */
  noCatalogueCode: L('（无事项编码）', '（無事項編碼）', '(no catalogue code)'),
  /** The label of a file's last row (the whole range). */
  total: L('合计', '合計', 'Total'),
  reportSheet: L('区域考核报表', '區域考核報表', 'Region report'),
  ratingsSheet: L('好差评', '好差評', 'Ratings'),
};
