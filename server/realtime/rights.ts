import type { Server, Socket } from 'socket.io';
import { EV, NS } from '../../common/events.js';
import type { EventPayload, PushedError } from '../../common/wire/socket.js';
import type { Deps } from '../app/deps.js';
import { mayWatchWindow, type Principal } from '../auth/principal.js';
import { socketPrincipal } from './auth.js';

/** How often every authenticated socket is checked again (session expiry has no event of its own). */
export const RIGHTS_SWEEP_MS = 5_000;

/** Who a socket is, for comparison: a changed role, account, client or a lost token ends the socket. */
function identity(p: Principal): string {
  if (p.kind === 'user') return `user:${p.userId}:${p.role}`;
  if (p.kind === 'device') return `device:${p.client.id}:${p.client.kind}`;
  return 'anonymous';
}

/**
 * Sockets keep only the rights their token still has. Every socket that came with
 * rights (a staff session, a device token or the demo kiosk) is checked again
 * whenever the auth service reports a change (logout, password, role or active
 * change, device token reissued or revoked, window sign-in) and every
 * RIGHTS_SWEEP_MS for expired sessions. A socket whose token no longer gives the
 * same principal is told `session-ended` and disconnected; a counter socket
 * watching a window its clerk is no longer signed in to leaves that window's room
 * and is told `window-lost` (taken over by a supervisor, or signed in elsewhere).
 * Public /display sockets without a token are not tracked.
 */
export function enforceRights(io: Server, deps: Deps, sweepMs = RIGHTS_SWEEP_MS): () => void {
  const tracked = new Set<Socket>();

  const check = (socket: Socket) => {
    const p = socketPrincipal(deps, socket);
    if (identity(p) !== socket.data.identity) {
      tracked.delete(socket);
      socket.emit(EV.sessionEnded, { code: 'UNAUTHENTICATED', message: 'Your session or device token is no longer valid; sign in again' } satisfies PushedError);
      socket.disconnect(true);
      return;
    }
    for (const room of socket.rooms) {
      const windowId = room.startsWith('window:') ? room.slice('window:'.length) : null;
      if (windowId && !mayWatchWindow(p, windowId)) {
        void socket.leave(room);
        socket.emit(EV.windowLost, { windowId } satisfies EventPayload<'counter', typeof EV.windowLost>);
      }
    }
  };
  const checkAll = () => {
    for (const s of [...tracked]) check(s);
  };

  for (const ns of [NS.counter, NS.admin, NS.kiosk, NS.display]) {
    io.of(ns).on('connection', (socket) => {
      // /display is public: only a socket that presented a token has rights to lose.
      if (ns === NS.display && !(socket.handshake.auth as { token?: unknown } | undefined)?.token) return;
      const p = socketPrincipal(deps, socket);
      if (p.kind === 'anonymous') return;
      socket.data.identity = identity(p);
      tracked.add(socket);
      socket.on('disconnect', () => tracked.delete(socket));
    });
  }

  // Checked after the change's own request has finished, once however many changes it made.
  let queued = false;
  const off = deps.auth.onRightsChanged(() => {
    if (queued) return;
    queued = true;
    setImmediate(() => {
      queued = false;
      checkAll();
    });
  });
  const timer = setInterval(checkAll, sweepMs);
  timer.unref();
  const stop = () => {
    off();
    clearInterval(timer);
  };
  io.httpServer?.once('close', stop);
  return stop;
}
