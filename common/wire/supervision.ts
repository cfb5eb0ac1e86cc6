/** Ratings (好差评), supervision alerts and assessment reports on the wire. */
import { z } from 'zod';
import { RATING_REASONS } from '../supervision.js';
import { named } from './base.js';

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
    reasons: z.array(RatingReason),
    source: RatingSource,
    at: z.string(),
  }),
);
export type RatingCase = z.infer<typeof RatingCase>;

export const AlertKind = z.enum(['long_wait', 'long_queue', 'long_pause', 'overdue_service', 'idle_window']);

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
    /** Minutes waited / paused / served / idle, or the queue length. */
    value: z.number(),
    threshold: z.number(),
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
  waitAvg: z.number().nullable(),
  waitMedian: z.number().nullable(),
  waitP90: z.number().nullable(),
  serviceAvg: z.number().nullable(),
  ratings: z.object({ '1': z.number().int(), '2': z.number().int(), '3': z.number().int(), '4': z.number().int(), '5': z.number().int() }),
  satisfaction: z.number().nullable(),
  greenShare: z.number().nullable(),
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
