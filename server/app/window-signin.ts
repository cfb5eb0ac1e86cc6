import type { AuthService } from '../auth/auth-service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { DomainError } from '../domain/errors.js';
import type { Hall } from './hall.js';
import type { ActionResult } from './window-actions.js';

export interface SignInDeps {
  hall: Hall;
  auth: AuthService;
}

/**
 * A member of staff signs in to a window. A window another member of staff is
 * signed in to (a live session bound to it) is refused with WINDOW_TAKEN; a
 * supervisor or admin may take it over with `force`, recorded as
 * `window.taken_over`. A clerk signing in to a second window closes the first
 * one (a window nobody can operate must not look open), refused while a ticket is
 * still in hand there. Everything runs synchronously, in one transaction.
 */
export function signInToWindow(deps: SignInDeps, p: Principal, windowId: string, force = false): ActionResult {
  if (p.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only staff accounts sign in to windows');
  const { hall, auth } = deps;
  const { store } = hall.ctx;
  const window = store.config.window(windowId);
  if (!window) throw new DomainError('WINDOW_NOT_FOUND', `There is no window "${windowId}"`, 'id');

  // Held: open (or paused) with someone else's live session signed in to it. A closed window, or one
  // whose clerk's session has ended, is free to sign in to.
  const open = store.config.runtime(windowId)?.status !== 'closed';
  const holders = open ? auth.windowHolders(windowId).filter((u) => u !== p.userId) : [];
  if (holders.length > 0) {
    if (!force) {
      const names = holders.map((u) => store.auth.user(u)?.name ?? u).join(', ');
      throw new DomainError(
        'WINDOW_TAKEN',
        `Window ${window.number} is signed in to by ${names}; they must close it first, or a supervisor can take it over`,
        'id',
      );
    }
    if (p.role === 'clerk') throw new DomainError('FORBIDDEN', 'Only a supervisor or an administrator can take over a window someone else is signed in to', 'force');
  }

  // A clerk can operate only the window they are signed in to, so the windows they hold elsewhere (by
  // their open runtime or a session bound there) are released. Supervisors and admins may operate any
  // window, so theirs stay open (the load tests open every window with one admin account).
  const mine = new Set(p.role === 'clerk' ? auth.userWindows(p.userId) : []);
  for (const w of store.config.windows()) {
    const rt = store.config.runtime(w.id);
    if (p.role === 'clerk' && rt && rt.status !== 'closed' && rt.staffId === p.userId) mine.add(w.id);
  }
  mine.delete(windowId);
  const release = [...mine].map((id) => ({ id, rt: store.config.runtime(id) })).filter((x) => x.rt);
  for (const { id, rt } of release) {
    const current = rt!.currentTicketId ? store.tickets.get(rt!.currentTicketId) : null;
    if (current && (current.status === 'called' || current.status === 'serving')) {
      const number = store.config.window(id)?.number ?? id;
      throw new DomainError('TICKET_IN_HAND', `Finish, transfer or mark no-show ticket ${current.number} at window ${number} before moving to another window`);
    }
  }

  const actor = actorOf(p);
  return store.tx(() => {
    for (const { id, rt } of release) {
      // Closing is audited as window.closed by this person; a session bound there is signed out of it.
      if (rt!.status !== 'closed' && rt!.staffId === p.userId) hall.windows.close(id, actor);
      auth.releaseWindow(p.userId, id);
    }
    const result = hall.windows.open(windowId, actor, p.userId);
    auth.bindWindow(p, windowId);
    if (holders.length > 0) {
      store.events.append({ type: 'window.taken_over', at: hall.ctx.now().toISOString(), windowId }, { ...actor, windowId }, { windowId, fromStaffIds: holders });
    }
    return result;
  });
}
