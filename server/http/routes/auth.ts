import { z } from 'zod';
import type { Deps } from '../../app/deps.js';
import { bearerOf } from '../principal.js';
import { defineRoutes } from '../route.js';

export function authRoutes(deps: Deps) {
  return defineRoutes([
    {
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
    },
    {
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
    },
    {
      method: 'get',
      path: '/api/v1/auth/me',
      summary: 'Who this token belongs to and which window it is signed in to',
      tag: 'auth',
      auth: 'user',
      handler: (req) => {
        const p = req.principal;
        if (p.kind !== 'user') return { ok: false };
        return { ok: true, user: { id: p.userId, name: p.name, role: p.role }, windowId: p.windowId };
      },
    },
  ]);
}
