import type { z } from 'zod';
import type { Ticket } from '../../common/types.js';
import {
  windowActions,
  type ActionOn,
  type WindowActionInput,
  type WindowActionName,
  type WindowActionReply,
} from '../../common/wire/window-actions.js';
import type { Capability, Principal } from '../auth/principal.js';
import type { Actor } from '../store/event-log.js';
import type { Deps } from './deps.js';
import type { ActionResult } from './window-actions.js';
import { signInToWindow } from './window-signin.js';

/** What a window action runs with: the hall, the window, who acts and the checked input. */
export interface ActionCall<B> {
  deps: Pick<Deps, 'hall'> & Partial<Deps>;
  windowId: string;
  actor: Actor;
  /** The staff member (HTTP and socket); absent for a keypad key. */
  principal?: Principal;
  body: B;
}
/** What a ticket action (restore) runs with: the same, about one ticket instead of a window. */
export type TicketCall<B> = Omit<ActionCall<B>, 'windowId'> & { ticketId: string };

interface Common<N extends WindowActionName> {
  name: N;
  /** One line for the OpenAPI document. */
  summary: string;
  /** What it takes besides its window or ticket (null: nothing), from common/wire/window-actions.ts. */
  input: z.ZodType<WindowActionInput<N>> | null;
  permission: Capability;
  /** Where it is offered: `POST /api/v1/{windows|tickets}/:id/<name>`, the `/counter` event `<name>`, a keypad key. */
  on: { http: boolean; socket: boolean; keypad?: { body: WindowActionInput<N> } };
}
/** An action on a window (the clerk's, or the :id of the route); answers the window and the ticket concerned. */
export interface OnWindow<N extends WindowActionName = ActionOn<'window'>> extends Common<N> {
  subject: 'window';
  run(c: ActionCall<WindowActionInput<N>>): ActionResult;
}
/** An action on one ticket (the :id of the route, `ticketId` on the socket); answers the ticket. */
export interface OnTicket<N extends WindowActionName = ActionOn<'ticket'>> extends Common<N> {
  subject: 'ticket';
  run(c: TicketCall<WindowActionInput<N>>): Ticket;
}
export type WindowActionDef = OnWindow | OnTicket;

type Use<N extends WindowActionName, D> = Omit<D, 'name' | 'subject' | 'input'>;
/** An entry for the window action `name`: its subject and input come from its declaration in common/. */
const onWindow = <N extends ActionOn<'window'>>(name: N, def: Use<N, OnWindow<N>>): OnWindow<N> => ({
  name,
  subject: 'window',
  input: windowActions[name].input as OnWindow<N>['input'],
  ...def,
});
const onTicket = <N extends ActionOn<'ticket'>>(name: N, def: Use<N, OnTicket<N>>): OnTicket<N> => ({
  name,
  subject: 'ticket',
  input: windowActions[name].input as OnTicket<N>['input'],
  ...def,
});
const win = (c: ActionCall<unknown>) => c.deps.hall.windows;

/**
 * Every window action, keyed by its name from common/wire/window-actions.ts (a
 * name without an entry, or an entry whose use case does not fit the declared
 * input, is a type error): permission, where it is offered and use case. The HTTP
 * routes (server/http/routes/windows.ts), the `/counter` socket handlers
 * (server/realtime/counter.ts) and the keypad keys (server/devices/keypad-actions.ts)
 * are made from this table.
 */
type Entry<N extends WindowActionName> = N extends ActionOn<'ticket'> ? OnTicket<N> : N extends ActionOn<'window'> ? OnWindow<N> : never;
const TABLE: { [N in WindowActionName]: Entry<N> } = {
  open: onWindow('open', {
    summary:
      'Sign in to a window and open it. A window someone else is signed in to is refused (WINDOW_TAKEN) unless a supervisor sends force; a clerk signing in to a second window closes the first',
    permission: 'window.signin',
    on: { http: true, socket: false },
    run: (c) => signInToWindow(c.deps as Deps, c.principal!, c.windowId, c.body.force === true),
  }),
  close: onWindow('close', {
    summary: 'Close the window and sign out of it',
    permission: 'window.operate',
    on: { http: true, socket: false },
    run: (c) => {
      const r = win(c).close(c.windowId, c.actor);
      if (c.principal) (c.deps as Deps).auth.bindWindow(c.principal, null);
      return r;
    },
  }),
  'call-next': onWindow('call-next', {
    summary: 'Finish the current ticket and call the next one by the hall’s rules',
    permission: 'window.operate',
    on: { http: true, socket: true, keypad: { body: undefined } },
    run: (c) => win(c).callNext(c.windowId, c.actor),
  }),
  'call-ticket': onWindow('call-ticket', {
    summary: 'Call one particular waiting ticket (by ticketId or number)',
    permission: 'window.operate',
    on: { http: true, socket: true },
    run: (c) => win(c).callTicket(c.windowId, c.actor, c.body),
  }),
  recall: onWindow('recall', {
    summary: 'Call the current ticket again (after the allowed recalls it becomes a no-show)',
    permission: 'window.operate',
    on: { http: true, socket: true, keypad: { body: undefined } },
    run: (c) => win(c).recall(c.windowId, c.actor),
  }),
  start: onWindow('start', {
    summary: 'The citizen has arrived: start serving',
    permission: 'window.operate',
    on: { http: true, socket: true, keypad: { body: undefined } },
    run: (c) => win(c).start(c.windowId, c.actor),
  }),
  'no-show': onWindow('no-show', {
    summary: 'The called citizen did not come',
    permission: 'window.operate',
    on: { http: true, socket: true, keypad: { body: undefined } },
    run: (c) => win(c).noShow(c.windowId, c.actor),
  }),
  finish: onWindow('finish', {
    summary: 'Finish the current ticket',
    permission: 'window.operate',
    on: { http: true, socket: true, keypad: { body: undefined } },
    run: (c) => win(c).finish(c.windowId, c.actor),
  }),
  pause: onWindow('pause', {
    summary: 'Pause the window with a reason',
    permission: 'window.operate',
    on: { http: true, socket: true, keypad: { body: { reason: '按键暂停' } } },
    run: (c) => win(c).pause(c.windowId, c.actor, c.body.reason),
  }),
  resume: onWindow('resume', {
    summary: 'Resume a paused window',
    permission: 'window.operate',
    on: { http: true, socket: true, keypad: { body: undefined } },
    run: (c) => win(c).resume(c.windowId, c.actor),
  }),
  transfer: onWindow('transfer', {
    summary: 'Queue the current ticket again at another service and/or window, keeping its number',
    permission: 'window.operate',
    on: { http: true, socket: true },
    run: (c) => win(c).transfer(c.windowId, c.actor, c.body),
  }),
  restore: onTicket('restore', {
    summary: 'Reinstate a no-show ticket: it queues again, keeping its number, after restoreAfter waiting tickets',
    permission: 'ticket.restore',
    on: { http: true, socket: true },
    run: (c) => c.deps.hall.restore(c.ticketId, c.actor),
  }),
};

export const WINDOW_ACTION_TABLE: WindowActionDef[] = Object.values(TABLE);

/** The action called `name`. */
export function windowAction(name: WindowActionName): WindowActionDef {
  return TABLE[name];
}

/**
 * Runs a window action and builds its reply: the one `WindowAction` answer of
 * `POST /api/v1/windows/:id/<name>` and of the `/counter` event `<name>`.
 */
export function performWindowAction(a: OnWindow, c: ActionCall<unknown>): WindowActionReply<ActionOn<'window'>> {
  // The edges pass the body their schema (the action's input) accepted.
  const r = a.run(c as ActionCall<WindowActionInput<ActionOn<'window'>>>);
  const view = c.deps.hall.view();
  return {
    ok: true,
    ticket: r.ticket ? view.toTicket(r.ticket) : null,
    window: view.windowState(r.window),
    ...(r.autoNoShow ? { autoNoShow: true as const } : {}),
  };
}

/** Runs a ticket action: the `TicketReply` answer of `POST /api/v1/tickets/:id/<name>` and of the `/counter` event `<name>`. */
export function performTicketAction(a: OnTicket, c: TicketCall<unknown>): WindowActionReply<ActionOn<'ticket'>> {
  return { ok: true, ticket: a.run(c as TicketCall<WindowActionInput<ActionOn<'ticket'>>>) };
}
