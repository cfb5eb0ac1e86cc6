import { join } from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import type { Deps } from '../app/deps.js';
import { errorBody, errorHandler } from './errors.js';
import { jsonBody } from './json-body.js';
import { openApiDocument } from './openapi.js';
import type { RouteDef } from './route.js';
import { buildRouter } from './router.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { publicRoutes } from './routes/public.js';
import { ticketRoutes } from './routes/tickets.js';
import { windowRoutes } from './routes/windows.js';
import { deviceRoutes } from './routes/devices.js';
import { oversightRoutes } from './routes/oversight.js';
import { priorityRoutes } from './routes/priority.js';
import { appointmentRoutes } from './routes/appointments.js';
import { uplinkRoutes } from './routes/uplink.js';
import { mountPages } from './pages.js';
import { voiceRoutes } from './routes/voice.js';
import { backupRoutes } from './routes/backups.js';
import { remoteRoutes } from './routes/remote.js';
import { overdueRoutes } from './routes/overdue.js';
import { notifyRoutes } from './routes/notify.js';
import { securityHeaders } from './security-headers.js';
import { anonymousRateLimit } from './anonymous-limit.js';

export function allRoutes(deps: Deps): RouteDef[] {
  return [...publicRoutes(deps), ...authRoutes(deps), ...ticketRoutes(deps), ...windowRoutes(deps), ...adminRoutes(deps), ...deviceRoutes(deps), ...oversightRoutes(deps), ...priorityRoutes(deps), ...appointmentRoutes(deps), ...voiceRoutes(deps), ...uplinkRoutes(deps), ...backupRoutes(deps), ...remoteRoutes(deps), ...overdueRoutes(deps), ...notifyRoutes(deps)];
}

/** The express app: JSON API, OpenAPI document, the UIs, one error shape. */
export function buildHttpApp(deps: Deps, extraRoutes: RouteDef[] = []): Express {
  const app = express();
  const log = deps.ctx.log.child({ area: 'http' });
  app.disable('x-powered-by');
  // TRUST_PROXY, compiled once: req.ip (login limiter, per-address limits) and sockets agree.
  app.set('trust proxy', deps.edge.trust);
  app.set('query parser', 'simple');
  const routes = [...allRoutes(deps), ...extraRoutes];
  const doc = openApiDocument(routes, deps.version);

  app.use(securityHeaders());
  app.use(anonymousRateLimit(deps));
  // gzip/deflate/br for what is read (pages, scripts, JSON lists, exports; 1 KiB and up). Writes answer
  // with small JSON and skip the middleware's per-response cost. Socket.IO is attached to the HTTP
  // server, not to this app, so its frames never pass here.
  const compress = compression();
  app.use((req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? compress(req, res, next) : next()));
  app.use('/api', jsonBody(64 * 1024));
  app.get('/api/v1/openapi.json', (_req, res) => res.json(doc));
  app.use(buildRouter(deps, routes));
  app.use('/api', (req, res) => {
    res.status(404).json(errorBody('NOT_FOUND', `No such API call: ${req.method} ${req.originalUrl.slice(0, 200)}`));
  });
  mountPages(app, deps, join(deps.dataDir, 'voice'));
  // Our own 404 for everything else: express's default one drops the security headers.
  app.use((_req, res) => void res.status(404).type('text/plain').send('Not found'));
  app.use(errorHandler(log));
  return app;
}
