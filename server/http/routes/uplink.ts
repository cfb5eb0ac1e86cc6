import { z } from 'zod';
import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { actorOf } from '../../auth/principal.js';
import { DomainError } from '../../domain/errors.js';
import { route, defineRoutes } from '../route.js';

const uplinkBody = z
  .object({
    enabled: z.boolean(),
    /** The region's base URL, e.g. https://region.example.gov.cn */
    url: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]),
    /** The hall's id at the region. */
    hallId: z.union([z.literal(''), z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a hall id is letters, digits, - and _')]),
    /** The hall's region token (write-only; empty = keep the current one). */
    token: z.string().max(200),
  })
  .partial()
  .strict();

/** The hall → region uplink: its setting (admin) and its state (supervision). */
export function uplinkRoutes(deps: Deps) {
  return defineRoutes([
    route(replies.Uplink)({
      method: 'get',
      path: '/api/v1/admin/uplink',
      summary: 'Region uplink setting (the token is never shown) and state',
      tag: 'admin',
      auth: 'config.read',
      handler: () => ({ ok: true, uplink: deps.uplink.view(), state: deps.uplink.state() }),
    }),
    route(replies.Uplink)({
      method: 'patch',
      path: '/api/v1/admin/uplink',
      summary: 'Change the region uplink: enabled, region URL, hall id, hall token',
      tag: 'admin',
      auth: 'config.write',
      body: uplinkBody,
      handler: (req) => {
        const { token, ...rest } = req.body as z.infer<typeof uplinkBody>;
        const next = { ...deps.uplink.settings(), ...rest, ...(token ? { token } : {}) };
        if (next.enabled && (!next.url || !next.hallId || !next.token)) {
          throw new DomainError('INVALID_UPLINK', 'To turn the uplink on, give the region URL, the hall id and the hall token', 'enabled');
        }
        const view = deps.uplink.configure({ ...rest, ...(token ? { token } : {}) }, actorOf(req.principal));
        return { ok: true, uplink: view, state: deps.uplink.state() };
      },
    }),
  ]);
}
