import { z } from 'zod';
import { replies, type Reply } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import type { ActionResult } from '../../app/window-actions.js';
import { actorOf } from '../../auth/principal.js';
import { signInToWindow } from '../../app/window-signin.js';
import { route, defineRoutes, type RouteDef } from '../route.js';
import { id } from '../schemas.js';

/** Window operations. The :id is the window; clerks may act only on the window they signed in to. */
export function windowRoutes(deps: Deps) {
  const { hall } = deps;
  const out = (r: ActionResult): Reply<'WindowAction'> => {
    const view = hall.view();
    return {
      ok: true,
      ticket: r.ticket ? view.toTicket(r.ticket) : null,
      window: view.windowState(r.window),
      ...(r.autoNoShow ? { autoNoShow: true as const } : {}),
    };
  };
  const action = (
    name: string,
    summary: string,
    run: (windowId: string, req: Parameters<RouteDef['handler']>[0]) => ActionResult,
    body?: z.ZodType,
  ): RouteDef => route(replies.WindowAction)({
    method: 'post',
    path: `/api/v1/windows/:id/${name}`,
    summary,
    tag: 'windows',
    auth: 'window.operate',
    body,
    handler: (req) => out(run(req.params.id, req)),
  });

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
      handler: (req) => {
        const s = deps.settings.get();
        const now = deps.ctx.now().getTime();
        const windowMs = s.restoreWithinMinutes * 60_000;
        if (windowMs <= 0) return { ok: true, tickets: [] };
        const day = hall.businessDay();
        const view = hall.view();
        const tickets = deps.ctx.store.tickets
          .noShowsAt(req.params.id, new Date(now - windowMs).toISOString())
          .filter((t) => t.businessDay === day)
          .map((t) => ({ ...view.toTicket(t), restorableUntil: new Date(Date.parse(t.finishedAt!) + windowMs).toISOString() }));
        return { ok: true, tickets };
      },
    }),
    route(replies.WindowAction)({
      method: 'post',
      path: '/api/v1/windows/:id/open',
      summary: 'Sign in to a window and open it. A window someone else is signed in to is refused (WINDOW_TAKEN) unless a supervisor sends force; a clerk signing in to a second window closes the first',
      tag: 'windows',
      auth: 'window.signin',
      body: z.object({ force: z.boolean().optional() }),
      handler: (req) => out(signInToWindow(deps, req.principal, req.params.id, (req.body as { force?: boolean }).force === true)),
    }),
    action('close', 'Close the window and sign out of it', (w, req) => {
      const r = hall.windows.close(w, actorOf(req.principal));
      deps.auth.bindWindow(req.principal, null);
      return r;
    }),
    action('call-next', 'Finish the current ticket and call the next one by the hall’s rules', (w, req) =>
      hall.windows.callNext(w, actorOf(req.principal)),
    ),
    action(
      'call-ticket',
      'Call one particular waiting ticket (by ticketId or number)',
      (w, req) => hall.windows.callTicket(w, actorOf(req.principal), req.body as { ticketId?: string; number?: string }),
      z
        .object({ ticketId: id.optional(), number: z.string().min(2).max(12).optional() })
        .refine((b) => b.ticketId || b.number, { message: 'give ticketId or number', path: ['number'] }),
    ),
    action('recall', 'Call the current ticket again (after the allowed recalls it becomes a no-show)', (w, req) =>
      hall.windows.recall(w, actorOf(req.principal)),
    ),
    action('start', 'The citizen has arrived: start serving', (w, req) => hall.windows.start(w, actorOf(req.principal))),
    action('no-show', 'The called citizen did not come', (w, req) => hall.windows.noShow(w, actorOf(req.principal))),
    action('finish', 'Finish the current ticket', (w, req) => hall.windows.finish(w, actorOf(req.principal))),
    action(
      'pause',
      'Pause the window with a reason',
      (w, req) => hall.windows.pause(w, actorOf(req.principal), (req.body as { reason: string }).reason),
      z.object({ reason: z.string().min(1).max(200) }),
    ),
    action('resume', 'Resume a paused window', (w, req) => hall.windows.resume(w, actorOf(req.principal))),
    action(
      'transfer',
      'Queue the current ticket again at another service and/or window, keeping its number',
      (w, req) => hall.windows.transfer(w, actorOf(req.principal), req.body as { toServiceId?: string; toWindowId?: string }),
      z
        .object({ toServiceId: id.optional(), toWindowId: id.optional() })
        .refine((b) => b.toServiceId || b.toWindowId, { message: 'give toServiceId, toWindowId or both', path: ['toServiceId'] }),
    ),
  ]);
}
