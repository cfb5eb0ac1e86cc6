import { GRADE_LABELS, GRADES, RATING_REASONS, type Grade, type RatingReason } from '../../common/supervision.js';
import { DomainError } from './errors.js';

export { GRADE_LABELS, GRADES, RATING_REASONS, type Grade, type RatingReason };

/** Grades 1 and 2 (不满意, 非常不满意) may carry reasons; better grades may not. */
export const isPoorGrade = (g: Grade): boolean => g <= 2;

export function assertGrade(g: number): Grade {
  if (!Number.isInteger(g) || g < 1 || g > 5) throw new DomainError('INVALID_GRADE', 'A grade is a whole number from 1 (非常不满意) to 5 (非常满意)', 'grade');
  return g as Grade;
}

/** Checks the reasons against the fixed list; duplicates collapse, order follows the list. */
export function normalizeReasons(grade: Grade, reasons: readonly string[] = []): RatingReason[] {
  if (reasons.length === 0) return [];
  if (!isPoorGrade(grade)) throw new DomainError('INVALID_REASONS', 'Reasons are given only with 不满意 or 非常不满意', 'reasons');
  const known = new Set<string>(RATING_REASONS.map((r) => r.id));
  for (const r of reasons) {
    if (!known.has(r)) throw new DomainError('INVALID_REASONS', `Unknown reason "${r}"; use one of ${[...known].join(', ')}`, 'reasons');
  }
  const wanted = new Set(reasons);
  return RATING_REASONS.filter((r) => wanted.has(r.id)).map((r) => r.id);
}

/** An evaluator device's reason code (0 or unknown = none). */
export function reasonFromCode(code: number | null | undefined): RatingReason | null {
  return RATING_REASONS.find((r) => r.code === code)?.id ?? null;
}

export type GradeCounts = Record<'1' | '2' | '3' | '4' | '5', number>;

export const emptyGradeCounts = (): GradeCounts => ({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 });

/**
 * Satisfaction rate = (非常满意 + 满意) / all ratings = (n5 + n4) / (n1 + … + n5).
 * null when nobody rated (not 0: "no data" is not "nobody satisfied").
 */
export function satisfaction(c: GradeCounts): number | null {
  const total = c['1'] + c['2'] + c['3'] + c['4'] + c['5'];
  return total === 0 ? null : (c['4'] + c['5']) / total;
}

/** A window's open request for a rating: short-lived, for one ticket. */
export interface RatingRequest {
  windowId: string;
  ticketId: string;
  openedAt: string;
  expiresAt: string;
}

export function requestIsOpen(r: RatingRequest | null | undefined, now: Date): r is RatingRequest {
  return !!r && Date.parse(r.expiresAt) > now.getTime();
}

export function openRequest(windowId: string, ticketId: string, now: Date, seconds: number): RatingRequest {
  return {
    windowId,
    ticketId,
    openedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + Math.max(1, seconds) * 1000).toISOString(),
  };
}
