/** Ratings (好差评), supervision alerts and assessment reports on the wire. */
import { z } from 'zod';
import { RATING_REASONS } from '../supervision.js';
import { LocalizedText, named } from './base.js';

export const Grade = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
export const RatingReason = z.enum(RATING_REASONS.map((r) => r.id) as [(typeof RATING_REASONS)[number]['id'], ...(typeof RATING_REASONS)[number]['id'][]]);
export const RatingSource = z.enum(['evaluator', 'screen']);

/** `/display` event `rate-request`: the citizen-facing screen of that window shows the grades. */
export const RateRequestEvent = named(
  'RateRequest',
  z.object({ windowId: z.string(), windowNumber: z.number().int(), ticketNumber: z.string(), expiresAt: z.string() }),
);
export type RateRequestEvent = z.infer<typeof RateRequestEvent>;

/** One rating as exported per case for the provincial platform: no citizen identity, ever. */
export const RatingCase = named(
  'RatingCase',
  z.object({
    ticketNumber: z.string(),
    businessDay: z.string(),
    serviceId: z.string(),
    serviceName: z.string(),
    windowId: z.string(),
    windowNumber: z.number().int().nullable(),
    staffId: z.string().nullable(),
    grade: Grade,
    /** The grade's GB/T 39734 label (zh-CN): 非常满意 满意 基本满意 不满意 非常不满意. */
    gradeLabel: z.string(),
    reasons: z.array(RatingReason),
    /** The reasons' labels (zh-CN). */
    reasonLabels: z.array(z.string()),
    source: RatingSource,
    at: z.string(),
  }),
);
export type RatingCase = z.infer<typeof RatingCase>;

export const AlertKind = z.enum(['long_wait', 'long_queue', 'long_pause', 'overdue_service', 'idle_window', 'agent_moved', 'notify_target_refused']);

/** `/admin` event `alert`, and `GET /api/v1/admin/alerts` item. */
export const SupervisionAlert = named(
  'Alert',
  z.object({
    id: z.number().int(),
    kind: AlertKind,
    message: z.string(),
    at: z.string(),
    windowId: z.string().nullable(),
    serviceId: z.string().nullable(),
    ticketId: z.string().nullable(),
    /** Minutes waited / paused / served / idle, or the queue length: the worst seen while the alert is open. */
    value: z.number(),
    threshold: z.number(),
    /** Tickets the alert covers (long waits are one alert per queue); 1 otherwise. */
    count: z.number().int(),
    /** The message in zh-CN, zh-TW and en (`message` is the zh-CN one). */
    messages: LocalizedText,
    /** When count or worst value last changed (null: as raised). */
    updatedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    ackedAt: z.string().nullable(),
    ackedBy: z.string().nullable(),
  }),
);
export type SupervisionAlert = z.infer<typeof SupervisionAlert>;

export const ReportPeriod = z.enum(['day', 'week', 'month']);
export const ReportBy = z.enum(['service', 'window', 'staff']);

/** The figures of one report row; times in seconds, shares from 0 to 1 (null when nothing to divide). */
export const ReportFigures = z.object({
  issued: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  transferred: z.number().int(),
  /** Online numbers (线上取号) among issued, and those that expired without arriving (neither served nor no-show). */
  remote: z.number().int(),
  expired: z.number().int(),
  waitAvg: z.number().nullable(),
  waitMedian: z.number().nullable(),
  waitP90: z.number().nullable(),
  serviceAvg: z.number().nullable(),
  ratings: z.object({ '1': z.number().int(), '2': z.number().int(), '3': z.number().int(), '4': z.number().int(), '5': z.number().int() }),
  satisfaction: z.number().nullable(),
  greenShare: z.number().nullable(),
  /** No-shows restored (過號恢復); their no-show is not in noShows any more. */
  restored: z.number().int(),
  /** Joint cases (联办): step records this service received as a step of a case. */
  steps: z.number().int(),
  /** Joint service rows: cases with every step done. */
  completed: z.number().int(),
  /** Joint service rows: mean seconds from issue to the last step's finish (end to end). */
  caseAvg: z.number().nullable(),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

export const ReportRow = named(
  'ReportRow',
  ReportFigures.extend({
    /** Business day (day), Monday of the week (week) or YYYY-MM (month). */
    period: z.string(),
    key: z.string(),
    label: z.string(),
  }),
);
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportResult = named(
  'Report',
  z.object({
    ok: z.literal(true),
    period: ReportPeriod,
    by: ReportBy,
    from: z.string(),
    to: z.string(),
    rows: z.array(ReportRow),
    /** One per period, all services/windows/staff together. */
    periodTotals: z.array(ReportFigures.extend({ period: z.string() })),
    totals: ReportFigures,
  }),
);
export type ReportResult = z.infer<typeof ReportResult>;

/** One rating in the fields of the provincial 好差评 platform (export profile=haochaping). */
export const PlatformRatingRecord = named(
  'HaochapingRecord',
  z.object({
    /** 办件编号: the hall's case id (business day and ticket number). */
    projectNo: z.string(),
    /** 事项编码: the service's 政务服务事项编码 ('' when not set). */
    taskCode: z.string(),
    /** 事项名称 */
    taskName: z.string(),
    /** 评价等级: 5 非常满意 … 1 非常不满意 (GB/T 39734). */
    alternate: z.number().int(),
    /** The grade's GB/T 39734 label (zh-CN). */
    alternateName: z.string(),
    /** 评价渠道: 4 = 政务大厅平板电脑 (the window's screen), 5 = 政务大厅其他终端 (an evaluator device). */
    pf: z.enum(['4', '5']),
    /** 差评原因 / 评价详情: the reasons' labels, joined with "；". */
    evalDetail: z.string(),
    /** 评价时间, hall local time "YYYY-MM-DD HH:mm:ss". */
    assessTime: z.string(),
    /** 窗口编号 (the hall's window number). */
    windowNo: z.string(),
  }),
);
export type PlatformRatingRecord = z.infer<typeof PlatformRatingRecord>;

/** 按承诺办结: a case past its promised time now (a ticket in hand, or a joint case end to end). */
export const OverdueCase = named(
  'OverdueCase',
  z.object({
    kind: z.enum(['service', 'case']),
    ticketId: z.string(),
    number: z.string(),
    /** The service promised (for a joint case: the joint service). */
    serviceId: z.string(),
    /** Where it is now: the window(s) holding it and the step services still open. */
    windowIds: z.array(z.string()),
    stepServiceIds: z.array(z.string()),
    step: z.object({ index: z.number().int(), total: z.number().int() }).optional(),
    since: z.string(),
    elapsedMinutes: z.number(),
    promisedMinutes: z.number(),
    overMinutes: z.number(),
  }),
);
export type OverdueCase = z.infer<typeof OverdueCase>;
