import { z } from 'zod';
import { replies } from '../../../common/wire/replies.js';
import { RATING_REASONS } from '../../../common/supervision.js';
import type { Deps } from '../../app/deps.js';
import { platformRatingsCsv, ratingsCsv } from '../../app/report-export.js';
import { actorOf } from '../../auth/principal.js';
import { HttpError } from '../errors.js';
import { defineRoutes, download, fileReply, route } from '../route.js';
import { id } from '../schemas.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
const reportQuery = z.object({
  period: z.enum(['day', 'week', 'month']).default('day'),
  from: day,
  to: day,
  by: z.enum(['service', 'window', 'staff']).default('service'),
});
const reasonIds = RATING_REASONS.map((r) => r.id) as [string, ...string[]];

/** 好差评, supervision alerts, assessment reports and data retention. */
export function oversightRoutes(deps: Deps) {
  const { hall, oversight } = deps;
  return defineRoutes([
    route(replies.RateRequest)({
      method: 'post', path: '/api/v1/windows/:id/rate-request', summary: 'Ask the citizen at this window for a rating (evaluator device and citizen-facing screen)', tag: 'ratings', auth: 'window.operate',
      handler: (req) => ({ ok: true, request: hall.ratings.request(req.params.id, actorOf(req.principal)) }),
    }),
    route(replies.Rating)({
      method: 'post', path: '/api/v1/ratings', summary: 'A rating from the citizen-facing screen bound to that window (its display token), while the window asks for one', tag: 'ratings', auth: 'rating.submit', status: 201,
      body: z.object({
        windowId: id,
        grade: z.number().int().min(1).max(5),
        reasons: z.array(z.enum(reasonIds)).max(reasonIds.length).optional(),
      }),
      handler: (req) => {
        const p = req.principal;
        if (p.kind !== 'device') throw new HttpError(403, 'FORBIDDEN', 'Only a window’s own screen can send its ratings');
        const r = hall.ratings.fromScreen(req.body.windowId, req.body.grade, req.body.reasons, actorOf(p), p.client);
        return { ok: true, rating: { grade: r.grade, reasons: r.reasons, ticketNumber: r.ticketNumber, at: r.at } };
      },
    }),
    route(replies.RatingCases)({
      method: 'get', path: '/api/v1/admin/ratings/export', summary: 'Ratings per case (ticket, service, window, staff, grade, time) for the provincial rating platform', tag: 'ratings', auth: 'audit.read', files: ['text/csv; charset=utf-8'],
      query: z.object({ from: day, to: day, format: z.enum(['csv', 'json']).default('json'), profile: z.enum(['hall', 'haochaping']).default('hall') }),
      handler: (req) => {
        const cases = hall.ratings.cases(req.query.from, req.query.to);
        if (req.query.profile === 'haochaping') {
          const records = hall.ratings.platformRecords(cases);
          if (req.query.format === 'json') return { ok: true, from: req.query.from, to: req.query.to, profile: 'haochaping', records };
          return fileReply('text/csv; charset=utf-8', `haochaping-${req.query.from}-${req.query.to}.csv`, platformRatingsCsv(records));
        }
        if (req.query.format === 'json') return { ok: true, from: req.query.from, to: req.query.to, ratings: cases };
        return fileReply('text/csv; charset=utf-8', `ratings-${req.query.from}-${req.query.to}.csv`, ratingsCsv(cases));
      },
    }),
    route(replies.Alerts)({
      method: 'get', path: '/api/v1/admin/alerts', summary: 'Supervision alerts, newest first (open=1: not yet acknowledged)', tag: 'supervision', auth: 'monitor',
      query: z.object({ open: z.enum(['0', '1']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      handler: (req) => ({ ok: true, alerts: oversight.alerts.list({ open: req.query.open === '1', limit: req.query.limit }) }),
    }),
    route(replies.Alert)({
      method: 'post', path: '/api/v1/admin/alerts/:id/ack', summary: 'Acknowledge an alert (recorded with who)', tag: 'supervision', auth: 'monitor',
      handler: (req) => ({ ok: true, alert: oversight.alerts.ack(z.coerce.number().int().min(1).parse(req.params.id), actorOf(req.principal)) }),
    }),
    route(replies.Report)({
      method: 'get', path: '/api/v1/admin/reports', summary: 'Assessment report per period and service / window / staff, replayed from the event log', tag: 'reports', auth: 'audit.read',
      query: reportQuery,
      handler: (req) => oversight.reports.report(req.query),
    }),
    download({
      method: 'get', path: '/api/v1/admin/reports.csv', summary: 'The assessment report as CSV (UTF-8 with BOM, for Excel)', tag: 'reports', auth: 'audit.read', files: ['text/csv; charset=utf-8'],
      query: reportQuery,
      handler: async (req) => fileReply('text/csv; charset=utf-8', `report-${req.query.by}-${req.query.from}-${req.query.to}.csv`, await oversight.reports.file(req.query, 'csv')),
    }),
    download({
      method: 'get', path: '/api/v1/admin/reports.xlsx', summary: 'The assessment report as an Excel workbook', tag: 'reports', auth: 'audit.read', files: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      query: reportQuery,
      handler: async (req) =>
        fileReply(
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          `report-${req.query.by}-${req.query.from}-${req.query.to}.xlsx`,
          await oversight.reports.file(req.query, 'xlsx'),
        ),
    }),
    route(replies.Retention)({
      method: 'post', path: '/api/v1/admin/retention/run', summary: 'Delete personal data older than retentionDays now (it also runs daily)', tag: 'supervision', auth: 'config.write',
      handler: (req) => ({ ok: true, purged: oversight.retention.run(actorOf(req.principal)) }),
    }),
  ]);
}
