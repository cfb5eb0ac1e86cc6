import { z } from 'zod';
import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { HttpError } from '../errors.js';
import { bearerOf } from '../principal.js';
import { route, defineRoutes } from '../route.js';

export function authRoutes(deps: Deps) {
  return defineRoutes([
    route(replies.Login)({
      method: 'post',
      path: '/api/v1/auth/login',
      summary: 'Staff log-in; returns a bearer token',
      tag: 'auth',
      auth: 'public',
      body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
      handler: async (req) => {
        const r = await deps.auth.login(req.body.username, req.body.password, req.ip);
        return { ok: true, token: r.token, expiresAt: r.expiresAt, user: { id: r.user.id, name: r.user.name, role: r.user.role, username: r.user.username } };
      },
    }),
    route(replies.Ok)({
      method: 'post',
      path: '/api/v1/auth/logout',
      summary: 'Ends this token’s session',
      tag: 'auth',
      auth: 'user',
      handler: (req) => {
        const token = bearerOf(req.headers.authorization);
        if (token) deps.auth.logout(token);
        return { ok: true };
      },
    }),
    route(replies.Me)({
      method: 'get',
      path: '/api/v1/auth/me',
      summary: 'Who this token belongs to and which window it is signed in to',
      tag: 'auth',
      auth: 'user',
      handler: (req) => {
        const p = req.principal;
        if (p.kind !== 'user') throw new HttpError(403, 'FORBIDDEN', 'Only staff accounts can do this');
        return { ok: true, user: { id: p.userId, name: p.name, role: p.role }, windowId: p.windowId };
      },
    }),
  ]);
}
