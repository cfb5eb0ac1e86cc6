import type { RatingCase } from '../../common/supervision.js';
import { GRADE_LABELS, RATING_REASONS } from '../../common/supervision.js';

/**
 * One rating as a "一次一评" (好差评) record with the field names provincial
 * platforms commonly take from the national platform's 好差评 data interface.
 * These names are a widespread convention, not a fixed national standard: a
 * province's own interface document decides (see docs/hall-features.md).
 * Nothing personal: the hall never knows who rated.
 */
export interface PlatformRatingRecord {
  /** 办件编号: the hall's case id (business day and ticket number). */
  projectNo: string;
  /** 事项编码: the service's 政务服务事项编码 ('' when not set). */
  taskCode: string;
  /** 事项名称 */
  taskName: string;
  /** 评价等级: 5 非常满意 … 1 非常不满意 (GB/T 39734). */
  alternate: number;
  /** The grade's GB/T 39734 label (zh-CN). */
  alternateName: string;
  /** 评价渠道: 4 = 政务大厅平板电脑 (the window's screen), 5 = 政务大厅其他终端 (an evaluator device). */
  pf: '4' | '5';
  /** 差评原因 / 评价详情: the reasons' labels, joined with "；". */
  evalDetail: string;
  /** 评价时间, hall local time "YYYY-MM-DD HH:mm:ss". */
  assessTime: string;
  /** 窗口编号 (the hall's window number). */
  windowNo: string;
}

/** Local wall time "YYYY-MM-DD HH:mm:ss" in the hall's zone. */
export function localDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })
    .format(new Date(iso))
    .replace('T', ' ');
}

export function toPlatformRecord(c: RatingCase, catalogueCode: string | null, timeZone: string): PlatformRatingRecord {
  return {
    projectNo: `${c.businessDay.replace(/-/g, '')}-${c.ticketNumber}`,
    taskCode: catalogueCode ?? '',
    taskName: c.serviceName,
    alternate: c.grade,
    alternateName: GRADE_LABELS[c.grade]['zh-CN'],
    pf: c.source === 'screen' ? '4' : '5',
    evalDetail: c.reasons.map((r) => RATING_REASONS.find((x) => x.id === r)!.label['zh-CN']).join('；'),
    assessTime: localDateTime(c.at, timeZone),
    windowNo: c.windowNumber === null ? '' : String(c.windowNumber),
  };
}

export const PLATFORM_FIELDS: readonly (keyof PlatformRatingRecord)[] = ['projectNo', 'taskCode', 'taskName', 'alternate', 'alternateName', 'pf', 'evalDetail', 'assessTime', 'windowNo'];
