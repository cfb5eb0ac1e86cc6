import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import type { Deps } from '../app/deps.js';
import { apiHandler, unroutable } from './api.js';
import { errorHandler } from './errors.js';
import { openApiDocument } from './openapi.js';
import type { RouteDef } from './route.js';
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
import { securityHeaders, setSecurityHeaders } from './security-headers.js';
import { anonymousFileLimit } from './anonymous-limit.js';

export function allRoutes(deps: Deps): RouteDef[] {
  return [...publicRoutes(deps), ...authRoutes(deps), ...ticketRoutes(deps), ...windowRoutes(deps), ...adminRoutes(deps), ...deviceRoutes(deps), ...oversightRoutes(deps), ...priorityRoutes(deps), ...appointmentRoutes(deps), ...voiceRoutes(deps), ...uplinkRoutes(deps), ...backupRoutes(deps), ...remoteRoutes(deps), ...overdueRoutes(deps), ...notifyRoutes(deps)];
}

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The hall's HTTP: the JSON API answered from the route table (server/http/api.ts),
 * everything else — the UIs, voice clips, the fallback pages — by express.
 */
export function buildHttpHandler(deps: Deps): HttpHandler {
  const log = deps.ctx.log.child({ area: 'http' });
  const routes = allRoutes(deps);
  const api = apiHandler(deps, routes, openApiDocument(routes, deps.version), log);
  const pages = buildPagesApp(deps);
  return (req, res) => {
    if (api(req, res)) return;
    // Express's router would skip every page and answer with finalhandler's HTML page.
    if (unroutable(req.url ?? '')) {
      setSecurityHeaders(res);
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request: the request target is neither a path nor a URL\n');
      return;
    }
    pages(req, res);
  };
}

/** Express for the pages: security headers, the files' budget for anonymous callers, compression, static files. */
function buildPagesApp(deps: Deps): Express {
  const app = express();
  app.disable('x-powered-by');
  // TRUST_PROXY, compiled once: req.ip and the per-address limits agree with the API and the sockets.
  app.set('trust proxy', deps.edge.trust);
  app.set('query parser', 'simple');
  app.use(securityHeaders());
  app.use(anonymousFileLimit(deps));
  app.use(compression());
  mountPages(app, deps, join(deps.dataDir, 'voice'));
  // Our own 404 for everything else: express's default one drops the security headers.
  app.use((_req, res) => void res.status(404).type('text/plain').send('Not found'));
  app.use(errorHandler(deps.ctx.log.child({ area: 'http' })));
  return app;
}
