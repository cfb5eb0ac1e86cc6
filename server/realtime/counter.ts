import type { Namespace, Socket } from 'socket.io';
import { EV } from '../../common/events.js';
import { socketInputs, type ServerEmits } from '../../common/wire/socket.js';
import { windowActionEvent } from '../../common/wire/window-actions.js';
import type { Deps } from '../app/deps.js';
import { performTicketAction, performWindowAction, WINDOW_ACTION_TABLE } from '../app/window-action-table.js';
import { actorOf, can, mayWatchWindow } from '../auth/principal.js';
import { HttpError } from '../edge/errors.js';
import type { Logger } from '../log/logger.js';
import { SocketAuthError, socketPrincipal } from './auth.js';
import { handle } from './guard.js';

const inputs = socketInputs.counter;
type CounterNamespace = Namespace<Record<string, never>, ServerEmits<'counter'>>;
type CounterSocket = Socket<Record<string, never>, ServerEmits<'counter'>>;

/** `/counter`: window staff. The same rules as the HTTP window calls, acked in the one shape. */
export function setupCounter(ns: CounterNamespace, deps: Deps, log: Logger): { pushWindows: () => void } {
  ns.use((socket, next) => {
    const p = socketPrincipal(deps, socket);
    if (p.kind !== 'user') return next(new SocketAuthError('UNAUTHENTICATED', 'Log in first: send your staff token in auth.token'));
    next();
  });

  ns.on('connection', (socket) => {
    const initial = socketPrincipal(deps, socket);
    if (initial.kind === 'user' && initial.windowId) joinWindow(socket, deps, initial.windowId);

    // The window actions offered here, from the one table (server/app/window-action-table.ts).
    for (const a of WINDOW_ACTION_TABLE) {
      if (!a.on.socket) continue;
      handle(socket, a.name, windowActionEvent(a.name), log, (body) => {
        // Look the session up again: the clerk may have changed window or logged out since connecting.
        const p = socketPrincipal(deps, socket);
        if (a.subject === 'ticket') {
          if (!can(p, a.permission)) throw new HttpError(403, 'FORBIDDEN', `Your account may not do this (${a.permission})`);
          return performTicketAction(a, { deps, ticketId: (body as { ticketId: string }).ticketId, actor: actorOf(p), principal: p, body });
        }
        const windowId = (body as { windowId?: string }).windowId ?? (p.kind === 'user' ? p.windowId : null);
        if (!windowId) throw new HttpError(400, 'VALIDATION', 'windowId: sign in to a window first', 'windowId');
        if (!can(p, a.permission, { windowId })) {
          throw new HttpError(403, 'FORBIDDEN', 'You can only operate the window you are signed in to');
        }
        return performWindowAction(a, { deps, windowId, actor: actorOf(p), principal: p, body });
      });
    }
    handle(socket, EV.watch, inputs[EV.watch], log, (body) => {
      const p = socketPrincipal(deps, socket);
      const windowId = body.windowId ?? (p.kind === 'user' ? p.windowId : null);
      if (!windowId) throw new HttpError(400, 'VALIDATION', 'windowId: sign in to a window first', 'windowId');
      if (!mayWatchWindow(p, windowId)) throw new HttpError(403, 'FORBIDDEN', 'You can only watch the window you are signed in to');
      joinWindow(socket, deps, windowId);
      return { window: windowState(deps, windowId), waiting: deps.hall.waitingFor(windowId, 50) };
    });
  });

  return {
    pushWindows: () => {
      // Every change can reorder any window's waiting list, so each watched window is refreshed.
      const view = deps.hall.view();
      for (const w of view.windows) {
        const room = `window:${w.id}`;
        if ((ns.adapter.rooms.get(room)?.size ?? 0) === 0) continue;
        ns.to(room).emit(EV.window, { window: view.windowState(w), waiting: deps.hall.waitingFor(w.id, 50) });
      }
    },
  };
}

function joinWindow(socket: CounterSocket, deps: Deps, windowId: string): void {
  for (const room of socket.rooms) if (room.startsWith('window:')) void socket.leave(room);
  void socket.join(`window:${windowId}`);
  socket.emit(EV.window, { window: windowState(deps, windowId), waiting: deps.hall.waitingFor(windowId, 50) });
}

function windowState(deps: Deps, windowId: string) {
  const view = deps.hall.view();
  const w = view.windows.find((x) => x.id === windowId);
  if (!w) throw new HttpError(404, 'WINDOW_NOT_FOUND', `There is no window "${windowId}"`, 'windowId');
  return view.windowState(w);
}
