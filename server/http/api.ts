import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import compression from 'compression';
import type { Deps } from '../app/deps.js';
import { can } from '../auth/principal.js';
import { HttpError, errorBody, toApiError } from '../edge/errors.js';
import type { Logger } from '../log/logger.js';
import { AnonymousLimit, tooManyRequests } from './anonymous-limit.js';
import { jsonBody } from './json-body.js';
import { callerOf } from './principal.js';
import { sendFile, sendJson } from './reply-writer.js';
import { isFileReply, isReply, type RouteDef, type RouteRequest } from './route.js';
import { RouteTable } from './route-table.js';
import { setSecurityHeaders } from './security-headers.js';

const LANGS = ['zh-CN', 'zh-TW', 'en'] as const;
const BODY_LIMIT = 64 * 1024;

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** Runs connect-style middleware (compression, the body parser) on node's own request. */
const run = (mw: Middleware, req: IncomingMessage, res: ServerResponse) =>
  new Promise<void>((resolve, reject) => mw(req, res, (err) => (err ? reject(err) : resolve())));

/** `/api` and everything below it, in any case (the API's paths ignore case). */
export function isApiPath(pathname: string): boolean {
  return pathname.length >= 4 && pathname.slice(0, 4).toLowerCase() === '/api' && (pathname.length === 4 || pathname[4] === '/');
}

/** The path and query of a request line (origin form, or absolute form from a proxy). */
export function splitUrl(url: string): { pathname: string; search: string } {
  if (!url.startsWith('/')) {
    try {
      const u = new URL(url);
      return { pathname: u.pathname, search: u.search.slice(1) };
    } catch {
      return { pathname: url, search: '' };
    }
  }
  const q = url.indexOf('?');
  return q < 0 ? { pathname: url, search: '' } : { pathname: url.slice(0, q), search: url.slice(q + 1) };
}

/** A request target that is neither a path nor an absolute URL (`GET http://[x/`, `GET *`): nothing can route it. */
export function unroutable(url: string): boolean {
  if (url.startsWith('/')) return false;
  try {
    new URL(url);
    return false;
  } catch {
    return true;
  }
}

/**
 * The JSON API, served straight from the route table on node's request and
 * response, without express (which serves the pages): security headers, the
 * anonymous callers' budget, compression of what is read, the JSON body, the
 * route and its caller's rights, the body and query schemas, the use case, one
 * error shape. Returns a handler that answers every /api request and says
 * false for anything else.
 */
export function apiHandler(deps: Deps, routes: RouteDef[], doc: unknown, log: Logger): (req: IncomingMessage, res: ServerResponse) => boolean {
  const openapi: RouteDef = { method: 'get', path: '/api/v1/openapi.json', summary: 'This document', tag: 'hall', auth: 'public', handler: () => doc };
  const table = new RouteTable([openapi, ...routes]);
  const limit = new AnonymousLimit(deps, deps.edge.settings.httpPerSecond, deps.edge.settings.httpBurst);
  const compress = compression() as unknown as Middleware;
  const body = jsonBody(BODY_LIMIT) as unknown as Middleware;

  async function serve(req: IncomingMessage, res: ServerResponse, pathname: string, search: string): Promise<void> {
    setSecurityHeaders(res);
    const { principal, peer } = callerOf(deps, req);
    const wait = limit.admit(principal, peer);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      return sendJson(req, res, 429, tooManyRequests(wait));
    }
    // gzip/deflate/br for what is read (JSON lists, exports; 1 KiB and up). Writes answer with small JSON.
    if (req.method === 'GET' || req.method === 'HEAD') await run(compress, req, res);
    await run(body, req, res);
    const match = table.match(req.method ?? 'GET', pathname);
    if (!match) {
      const allow = req.method === 'OPTIONS' ? table.methodsAt(pathname) : [];
      if (allow.length > 0) {
        res.setHeader('Allow', allow.join(', '));
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        return void res.end(allow.join(', '));
      }
      return sendJson(req, res, 404, errorBody('NOT_FOUND', `No such API call: ${req.method} ${(req.url ?? '').slice(0, 200)}`));
    }
    const { route, params } = match;
    if (route.auth !== 'public') {
      if (principal.kind === 'anonymous') throw new HttpError(401, 'UNAUTHENTICATED', 'Log in first (send Authorization: Bearer <token>)');
      if (route.auth === 'user' && principal.kind !== 'user') throw new HttpError(403, 'FORBIDDEN', 'Only staff accounts can do this');
      if (route.auth !== 'user' && !can(principal, route.auth, { windowId: params.id })) {
        throw new HttpError(403, 'FORBIDDEN', forbiddenMessage(route.auth));
      }
    }
    const raw = (req as IncomingMessage & { body?: unknown }).body;
    const query = parseQuery(search);
    const out = await route.handler({
      params,
      body: route.body ? route.body.parse(raw ?? {}) : raw,
      query: route.query ? route.query.parse(query) : query,
      principal,
      headers: req.headers,
      ip: peer.address,
      lang: langOf(query.lang, req.headers['accept-language']),
    });
    if (isFileReply(out)) sendFile(req, res, out);
    else if (isReply(out)) sendJson(req, res, out.status, out.body);
    else sendJson(req, res, route.status ?? 200, out);
  }

  return (req, res) => {
    const { pathname, search } = splitUrl(req.url ?? '/');
    if (!isApiPath(pathname)) return false;
    serve(req, res, pathname, search).catch((err: unknown) => {
      const { status, body: errBody, unexpected } = toApiError(err);
      if (unexpected) log.error({ err, method: req.method, url: req.url }, 'request failed');
      else log.debug({ code: errBody.error.code, url: req.url }, 'request refused');
      if (res.headersSent) return;
      sendJson(req, res, status, errBody);
    });
    return true;
  };
}

function langOf(q: unknown, acceptLanguage: string | undefined): RouteRequest['lang'] {
  if (typeof q === 'string' && (LANGS as readonly string[]).includes(q)) return q as RouteRequest['lang'];
  const h = acceptLanguage ?? '';
  if (/zh-(TW|HK|Hant)/i.test(h)) return 'zh-TW';
  if (/^en/i.test(h)) return 'en';
  return 'zh-CN';
}

function forbiddenMessage(cap: string): string {
  if (cap === 'window.operate') return 'You can only operate the window you are signed in to';
  return `Your account may not do this (${cap})`;
}
