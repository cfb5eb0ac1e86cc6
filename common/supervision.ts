/**
 * Wire types and fixed lists for ratings (好差评), supervision alerts and
 * assessment reports, shared by the hall server and the UIs. No runtime deps.
 */
import type { LocalizedText } from './types.js';

/** The five grades of GB/T 39734, best first. */
export type Grade = 1 | 2 | 3 | 4 | 5;
export const GRADES: readonly Grade[] = [5, 4, 3, 2, 1];

export const GRADE_LABELS: Record<Grade, LocalizedText> = {
  5: { 'zh-CN': '非常满意', 'zh-TW': '非常滿意', en: 'Very satisfied' },
  4: { 'zh-CN': '满意', 'zh-TW': '滿意', en: 'Satisfied' },
  3: { 'zh-CN': '基本满意', 'zh-TW': '基本滿意', en: 'Fairly satisfied' },
  2: { 'zh-CN': '不满意', 'zh-TW': '不滿意', en: 'Dissatisfied' },
  1: { 'zh-CN': '非常不满意', 'zh-TW': '非常不滿意', en: 'Very dissatisfied' },
};

/**
 * Reasons a citizen may tick on a poor grade. `code` is also the number an
 * evaluator device sends (0 = none), so the list's order never changes: add at the end.
 */
export const RATING_REASONS = [
  { id: 'attitude', code: 1, label: { 'zh-CN': '态度不好', 'zh-TW': '態度不好', en: 'Unfriendly staff' } },
  { id: 'long_wait', code: 2, label: { 'zh-CN': '等候太久', 'zh-TW': '等候太久', en: 'Waited too long' } },
  { id: 'slow', code: 3, label: { 'zh-CN': '办理太慢', 'zh-TW': '辦理太慢', en: 'Handling too slow' } },
  { id: 'unclear_materials', code: 4, label: { 'zh-CN': '材料要求不清楚', 'zh-TW': '材料要求不清楚', en: 'Unclear about required documents' } },
  { id: 'other', code: 5, label: { 'zh-CN': '其他', 'zh-TW': '其他', en: 'Other' } },
] as const satisfies readonly { id: string; code: number; label: LocalizedText }[];

export type RatingReason = (typeof RATING_REASONS)[number]['id'];
export type RatingSource = 'evaluator' | 'screen';

/** `/display` event `rate-request`: the citizen-facing screen of that window shows the grades. */
export interface RateRequestEvent {
  windowId: string;
  windowNumber: number;
  ticketNumber: string;
  expiresAt: string;
}

/** One rating as exported per case for the provincial platform: no citizen identity, ever. */
export interface RatingCase {
  ticketNumber: string;
  businessDay: string;
  serviceId: string;
  serviceName: string;
  windowId: string;
  windowNumber: number | null;
  staffId: string | null;
  grade: Grade;
  /** The grade's GB/T 39734 label (zh-CN): 非常满意 满意 基本满意 不满意 非常不满意. */
  gradeLabel: string;
  reasons: RatingReason[];
  /** The reasons' labels (zh-CN). */
  reasonLabels: string[];
  source: RatingSource;
  at: string;
}

export type AlertKind = 'long_wait' | 'long_queue' | 'long_pause' | 'overdue_service' | 'idle_window';

/** `/admin` event `alert`, and `GET /api/v1/admin/alerts` item. */
export interface SupervisionAlert {
  id: number;
  kind: AlertKind;
  message: string;
  at: string;
  windowId: string | null;
  serviceId: string | null;
  ticketId: string | null;
  /** Minutes waited / paused / served / idle, or the queue length: the worst seen while the alert is open. */
  value: number;
  threshold: number;
  /** Tickets the alert covers (long waits are one alert per queue); 1 otherwise. */
  count: number;
  /** The message in zh-CN, zh-TW and en (`message` is the zh-CN one). */
  messages: LocalizedText;
  /** When count or worst value last changed (null: as raised). */
  updatedAt: string | null;
  resolvedAt: string | null;
  ackedAt: string | null;
  ackedBy: string | null;
}

export type ReportPeriod = 'day' | 'week' | 'month';
export type ReportBy = 'service' | 'window' | 'staff';

/** The figures of one report row; times in seconds, shares from 0 to 1 (null when nothing to divide). */
export interface ReportFigures {
  issued: number;
  served: number;
  noShows: number;
  transferred: number;
  /** Online numbers (线上取号) among issued, and those that expired without arriving (neither served nor no-show). */
  remote: number;
  expired: number;
  waitAvg: number | null;
  waitMedian: number | null;
  waitP90: number | null;
  serviceAvg: number | null;
  ratings: Record<'1' | '2' | '3' | '4' | '5', number>;
  satisfaction: number | null;
  greenShare: number | null;
  /** No-shows restored (過號恢復); their no-show is not in noShows any more. */
  restored: number;
  /** Joint cases (联办): step records this service received as a step of a case. */
  steps: number;
  /** Joint service rows: cases with every step done. */
  completed: number;
  /** Joint service rows: mean seconds from issue to the last step's finish (end to end). */
  caseAvg: number | null;
}

export interface ReportRow extends ReportFigures {
  /** Business day (day), Monday of the week (week) or YYYY-MM (month). */
  period: string;
  key: string;
  label: string;
}

export interface ReportResult {
  ok: true;
  period: ReportPeriod;
  by: ReportBy;
  from: string;
  to: string;
  rows: ReportRow[];
  /** One per period, all services/windows/staff together. */
  periodTotals: (ReportFigures & { period: string })[];
  totals: ReportFigures;
}
