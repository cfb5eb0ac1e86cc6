import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { actorOf } from '../../auth/principal.js';
import { performTicketAction, performWindowAction, WINDOW_ACTION_TABLE, type WindowActionDef } from '../../app/window-action-table.js';
import { route, defineRoutes, type RouteDef } from '../route.js';

/** Window operations. The :id is the window; clerks may act only on the window they signed in to. */
export function windowRoutes(deps: Deps) {
  const { hall } = deps;
  return defineRoutes([
    route(replies.Windows)({
      method: 'get',
      path: '/api/v1/windows',
      summary: 'Every window with its state and current ticket',
      tag: 'windows',
      auth: 'window.signin',
      handler: () => ({ ok: true, windows: hall.snapshot().windows }),
    }),
    route(replies.Tickets)({
      method: 'get',
      path: '/api/v1/windows/:id/waiting',
      summary: 'Tickets this window may call, in the order it would call them',
      tag: 'windows',
      auth: 'window.signin',
      handler: (req) => ({ ok: true, tickets: hall.waitingFor(req.params.id) }),
    }),
    route(replies.NoShows)({
      method: 'get',
      path: '/api/v1/windows/:id/no-shows',
      summary: 'This window’s no-shows that can still be restored, with the time each stops being restorable',
      tag: 'windows',
      auth: 'window.signin',
      handler: (req) => ({ ok: true, tickets: hall.restorableNoShows(req.params.id) }),
    }),
    // The window actions, from the one table (server/app/window-action-table.ts).
    ...WINDOW_ACTION_TABLE.filter((a) => a.on.http).map((a) => actionRoute(deps, a)),
  ]);
}

/** `POST /api/v1/windows/:id/<name>` for an action on a window, `POST /api/v1/tickets/:id/<name>` for one on a ticket. */
function actionRoute(deps: Deps, a: WindowActionDef): RouteDef {
  const common = { method: 'post', summary: a.summary, auth: a.permission, body: a.input ?? undefined } as const;
  if (a.subject === 'ticket') {
    return route(replies.TicketReply)({
      ...common,
      path: `/api/v1/tickets/:id/${a.name}`,
      tag: 'tickets',
      handler: (req) => performTicketAction(a, { deps, ticketId: req.params.id, actor: actorOf(req.principal), principal: req.principal, body: req.body }),
    });
  }
  return route(replies.WindowAction)({
    ...common,
    path: `/api/v1/windows/:id/${a.name}`,
    tag: 'windows',
    handler: (req) => performWindowAction(a, { deps, windowId: req.params.id, actor: actorOf(req.principal), principal: req.principal, body: req.body }),
  });
}
