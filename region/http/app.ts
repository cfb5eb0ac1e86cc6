/** The region's HTTP interface (JSON; errors as {ok:false,error:{code,message,…}}). */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { ZodError } from 'zod';
import { REGION_ACCEPTS, REGION_API } from '../../common/region.js';
import { RegionError } from '../app/errors.js';
import { scopeOf, type RegionAuth } from '../app/auth.js';
import type { RegionAdmin } from '../app/admin.js';
import type { Epochs } from '../app/epochs.js';
import { shownTo, type HallDetails } from '../app/hall-detail.js';
import type { Ingest } from '../app/ingest.js';
import type { RegionUser } from '../store/auth-repo.js';
import type { LiveRepo } from '../store/live-repo.js';
import type { Pool } from '../store/db.js';
import { position } from '../store/ingest-repo.js';
import { hashToken } from '../../server/auth/tokens.js';
import { ratingsExport, ratingsPage } from '../app/ratings-feed.js';
import { MAX_JSON_ROWS, regionReport } from '../app/reports.js';
import { ratingsCsv, ratingsXlsx, regionReportCsv, regionReportXlsx } from '../app/report-export.js';
import { StreamHeads } from '../app/stream-head.js';
import { mountRegionPages } from './pages.js';
import * as S from './schemas.js';
import { parse, parseUplinkBatch } from './parse.js';

export interface RegionHttpDeps {
  pool: Pool;
  auth: RegionAuth;
  ingest: Ingest;
  live: LiveRepo;
  details: HallDetails;
  admin: RegionAdmin;
  epochs: Epochs;
  /** Disconnects the live sockets of a session that logged out (every node). */
  dropSession?: (token: string) => void;
  log: { warn(o: object, m: string): void; error(o: object, m: string): void };
}

const bearer = (req: Request): string | null => {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : null;
};

/**
 * JSON body limits. No body is parsed before its sender is known, except the log-in's
 * (small): an anonymous client cannot make the node parse megabytes. Log-in, halls and
 * epochs take a few hundred bytes; a user's scope up to 10,000 hall ids and 1,000 areas
 * (about 0.8 MB); a hall's batch of events (with a config snapshot) up to 8 MB.
 */
const SMALL_JSON = '64kb';
const USER_JSON = '2mb';
const BATCH_JSON = '8mb';

export function buildRegionApp(deps: RegionHttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const api = express.Router();
  const heads = new StreamHeads(deps.pool);

  const user = async (req: Request, role?: 'admin'): Promise<RegionUser> => {
    const u = await deps.auth.user(bearer(req));
    if (!u) throw new RegionError(401, 'UNAUTHENTICATED', 'Sign in first');
    if (role && u.role !== role) throw new RegionError(403, 'FORBIDDEN', 'Only a region admin may do this');
    return u;
  };
  // Route guards that run before the body is read, then the body parser its route needs.
  const asHall: RequestHandler<{ id: string }> = async (req, _res, next) => {
    await deps.auth.hallOf(bearer(req), req.params.id);
    next();
  };
  const asAdmin = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.locals.admin = await user(req, 'admin');
    next();
  };
  const admin = (res: Response): RegionUser => res.locals.admin as RegionUser;
  const small = express.json({ limit: SMALL_JSON });
  const userBody = express.json({ limit: USER_JSON });
  const batchBody = express.json({ limit: BATCH_JSON });

  // a hall id (or user id) that cannot exist is "not found" before any query
  api.param('id', (_req, _res, next, id: string) => next(S.HALL_ID.test(id) ? undefined : new RegionError(404, 'NOT_FOUND', 'No such hall or user')));

  api.get('/health', async (_req, res) => {
    await deps.pool.query('SELECT 1');
    res.json({ ok: true });
  });

  // Hall uplink: the hall's token may append to its own stream only.
  api.get('/halls/:id/uplink', async (req, res) => {
    await deps.auth.hallOf(bearer(req), req.params.id);
    const { head, headAt } = parse(S.positionQuery, req.query);
    // a hall that says its head's time too (this version on) has its lag shown before its first batch lands
    if (head !== undefined && headAt !== undefined) await heads.reported(req.params.id, { seq: head, at: headAt });
    const pos = await position(deps.pool, req.params.id);
    if (head !== undefined) await deps.ingest.reportHead(req.params.id, head, pos.highWater);
    res.json({ ok: true, ...pos, accepts: [...REGION_ACCEPTS] });
  });
  // A restored hall finding the last event its log shares with the region's, then starting the new epoch an admin asked for.
  api.get('/halls/:id/heads', async (req, res) => {
    await deps.auth.hallOf(bearer(req), req.params.id);
    res.json({ ok: true, heads: await deps.epochs.heads(req.params.id, parse(S.headsQuery, req.query).seqs) });
  });
  // the hall only proposes; a region admin confirms (below)
  api.post('/halls/:id/epoch', asHall, small, async (req, res) => {
    const fp = hashToken(bearer(req)!).slice(0, 12);
    res.status(202).json({ ok: true, proposal: await deps.epochs.propose(req.params.id, parse(S.startEpoch, req.body).commonPoint, fp) });
  });
  api.post('/halls/:id/events', asHall, batchBody, async (req, res) => {
    const batch = parseUplinkBatch(req.body);
    res.json(await deps.ingest.batch(req.params.id, batch));
  });

  api.post('/auth/login', small, async (req, res) => {
    const b = parse(S.login, req.body);
    res.json({ ok: true, ...(await deps.auth.login(b.username, b.password, req.socket.remoteAddress ?? '')) });
  });
  api.post('/auth/logout', async (req, res) => {
    const t = bearer(req);
    if (t) {
      await deps.auth.logout(t);
      deps.dropSession?.(t);
    }
    res.json({ ok: true });
  });

  api.get('/halls', async (req, res) => {
    const u = await user(req);
    const scope = scopeOf(u);
    res.json({ ok: true, halls: (await deps.live.halls(scope)).map((h) => shownTo(scope, h)) });
  });
  api.get('/halls/:id/live', async (req, res) => {
    const u = await user(req);
    res.json({ ok: true, detail: await deps.details.get(scopeOf(u), req.params.id) });
  });
  // Region admin: halls and their tokens, users and their scopes; every change audited.
  api.post('/halls', asAdmin, small, async (req, res) => {
    const u = admin(res);
    const b = parse(S.createHall, req.body);
    res.status(201).json({ ok: true, hallId: b.id, token: await deps.admin.createHall(u, b.id, b.name, b.area) });
  });
  api.post('/halls/:id/tokens', async (req, res) => {
    const u = await user(req, 'admin');
    res.status(201).json({ ok: true, token: await deps.admin.issueHallToken(u, req.params.id) });
  });
  api.post('/halls/:id/tokens/revoke', async (req, res) => {
    const u = await user(req, 'admin');
    res.json({ ok: true, revoked: await deps.admin.revokeHallTokens(u, req.params.id) });
  });
  api.post('/halls/:id/resync', async (req, res) => {
    const u = await user(req, 'admin');
    await deps.epochs.request(u, req.params.id);
    res.json({ ok: true });
  });
  api.post('/halls/:id/epoch/confirm', asAdmin, small, async (req: Request<{ id: string }>, res) => {
    const u = admin(res);
    res.json({ ok: true, ...(await deps.epochs.confirm(u, req.params.id, parse(S.startEpoch, req.body).commonPoint)) });
  });
  api.get('/tokens', async (req, res) => {
    await user(req, 'admin');
    res.json({ ok: true, tokens: await deps.admin.tokens() });
  });
  api.get('/users', async (req, res) => {
    await user(req, 'admin');
    res.json({ ok: true, users: await deps.admin.users() });
  });
  api.post('/users', asAdmin, userBody, async (req, res) => {
    const u = admin(res);
    const b = parse(S.createUser, req.body);
    res.status(201).json({ ok: true, id: await deps.admin.createUser(u, b) });
  });
  api.patch('/users/:id', asAdmin, userBody, async (req, res) => {
    const u = admin(res);
    const id = parse(S.userId, req.params.id);
    res.json({ ok: true, user: await deps.admin.updateUser(u, id, parse(S.patchUser, req.body)) });
  });
  api.get('/audit', async (req, res) => {
    await user(req, 'admin');
    res.json({ ok: true, entries: await deps.admin.audit(parse(S.auditQuery, req.query).limit) });
  });
  api.get('/me', async (req, res) => {
    const u = await user(req);
    res.json({ ok: true, username: u.username, role: u.role });
  });

  // Cross-hall reports and the ratings feed: any signed-in user, over the halls they may see.
  const file = (res: Response, name: string, format: 'csv' | 'xlsx', body: Buffer) => {
    res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('content-disposition', `attachment; filename="${name}.${format}"`);
    res.end(body);
  };
  api.get('/reports', async (req, res) => {
    const q = parse(S.reportQuery, req.query);
    const report = await regionReport(deps.pool, scopeOf(await user(req)), q);
    const name = `region-report-${q.by}-${q.period}-${q.from}-${q.to}`;
    if (q.format === 'csv') return file(res, name, 'csv', regionReportCsv(report, q.lang));
    if (q.format === 'xlsx') return file(res, name, 'xlsx', await regionReportXlsx(report, q.lang));
    if (report.rows.length > MAX_JSON_ROWS) {
      throw new RegionError(400, 'REPORT_TOO_LARGE', `This report has ${report.rows.length} rows (at most ${MAX_JSON_ROWS} as JSON): choose week or month, or download it as CSV or XLSX`);
    }
    res.json(report);
  });
  api.get('/ratings/feed', async (req, res) => {
    const q = parse(S.feedQuery, req.query);
    res.json(await ratingsPage(deps.pool, scopeOf(await user(req)), q.cursor, q.limit, q.lang));
  });
  api.get('/ratings/export', async (req, res) => {
    const q = parse(S.ratingsExportQuery, req.query);
    const ratings = await ratingsExport(deps.pool, scopeOf(await user(req)), q.from, q.to, q.lang);
    const name = `region-ratings-${q.from}-${q.to}`;
    if (q.format === 'csv') return file(res, name, 'csv', ratingsCsv(ratings));
    if (q.format === 'xlsx') return file(res, name, 'xlsx', await ratingsXlsx(ratings, q.lang));
    res.json({ ok: true, ratings });
  });

  app.use(REGION_API, api);
  mountRegionPages(app);
  app.use((_req, res) => {
    res.status(404).json({ ok: false, error: { code: 'NOT_FOUND', message: 'No such route' } });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof RegionError) {
      res.status(err.status).json({ ok: false, error: { code: err.code, message: err.message, ...err.details } });
      return;
    }
    const status = (err as { status?: number; type?: string })?.status;
    if (status && status >= 400 && status < 500) {
      const tooLarge = status === 413;
      res.status(status).json({ ok: false, error: { code: tooLarge ? 'TOO_LARGE' : 'INVALID_JSON', message: tooLarge ? 'The request body is too large' : 'The body is not valid JSON' } });
      return;
    }
    if (err instanceof ZodError) {
      res.status(400).json({ ok: false, error: { code: 'VALIDATION', message: err.issues[0]?.message ?? 'invalid' } });
      return;
    }
    deps.log.error({ err }, 'region request failed');
    res.status(503).json({ ok: false, error: { code: 'REGION_UNAVAILABLE', message: 'The region store is unavailable; try again' } });
  });
  return app;
}
