import { Router, type Request, type Response } from 'express';
import type { Deps } from '../app/deps.js';
import { can } from '../auth/principal.js';
import { HttpError } from './errors.js';
import { principalOf, requestPeer } from './principal.js';
import { isFileReply, isReply, type RouteDef, type RouteRequest } from './route.js';

const LANGS = ['zh-CN', 'zh-TW', 'en'] as const;

function langOf(req: Request): RouteRequest['lang'] {
  const q = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (q && (LANGS as readonly string[]).includes(q)) return q as RouteRequest['lang'];
  const h = req.headers['accept-language'] ?? '';
  if (/zh-(TW|HK|Hant)/i.test(h)) return 'zh-TW';
  if (/^en/i.test(h)) return 'en';
  return 'zh-CN';
}

/** Builds an express router from route definitions, checking each caller's rights first. */
export function buildRouter(deps: Deps, routes: RouteDef[]): Router {
  const router = Router();
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      const principal = principalOf(deps, req);
      if (route.auth !== 'public') {
        if (principal.kind === 'anonymous') {
          throw new HttpError(401, 'UNAUTHENTICATED', 'Log in first (send Authorization: Bearer <token>)');
        }
        if (route.auth === 'user' && principal.kind !== 'user') {
          throw new HttpError(403, 'FORBIDDEN', 'Only staff accounts can do this');
        }
        if (route.auth !== 'user' && !can(principal, route.auth, { windowId: req.params.id as string | undefined })) {
          throw new HttpError(403, 'FORBIDDEN', forbiddenMessage(route.auth));
        }
      }
      const body = route.body ? route.body.parse(req.body ?? {}) : req.body;
      const query = route.query ? route.query.parse(req.query) : req.query;
      const out = await route.handler({
        params: req.params as Record<string, string>,
        body,
        query,
        principal,
        headers: req.headers,
        ip: requestPeer(req).address,
        lang: langOf(req),
      });
      if (isFileReply(out)) {
        res.status(200).type(out.file.contentType);
        res.setHeader('content-disposition', `attachment; filename="${out.file.filename}"`);
        res.send(out.file.body);
      } else if (isReply(out)) sendJson(req, res, out.status, out.body);
      else sendJson(req, res, route.status ?? 200, out);
    });
  }
  return router;
}

/**
 * A JSON answer. Writes (POST, PUT, PATCH, DELETE) skip express's res.json: its ETag
 * (a hash of every body) only serves conditional GETs, and the answer goes out in
 * one write. Reads keep res.json (ETag, 304).
 */
function sendJson(req: Request, res: Response, status: number, body: unknown): void {
  if (req.method === 'GET' || req.method === 'HEAD') return void res.status(status).json(body);
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

function forbiddenMessage(cap: string): string {
  if (cap === 'window.operate') return 'You can only operate the window you are signed in to';
  return `Your account may not do this (${cap})`;
}
