/**
 * Wire types and fixed lists for ratings (好差评), supervision alerts and
 * assessment reports, shared by the hall server and the UIs. No runtime deps.
 */
import type { LocalizedText } from './types.js';
export type { RateRequestEvent, RatingCase, SupervisionAlert, ReportFigures, ReportRow, ReportResult } from './wire/supervision.js';

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

export type AlertKind = 'long_wait' | 'long_queue' | 'long_pause' | 'overdue_service' | 'idle_window' | 'agent_moved' | 'notify_target_refused';

/** Alerts raised by an event, not by the sweep: open until a supervisor acknowledges them. */
export const EVENT_ALERT_KINDS: readonly AlertKind[] = ['agent_moved', 'notify_target_refused'];

export type ReportPeriod = 'day' | 'week' | 'month';
export type ReportBy = 'service' | 'window' | 'staff';

