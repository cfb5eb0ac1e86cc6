import { z } from 'zod';
import type { WindowActionName } from '../../common/window-actions.js';
import type { Reply } from '../../common/wire/replies.js';
import { windowActionInputs } from '../../common/wire/socket.js';
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

export interface WindowActionDef<B = any> {
  name: WindowActionName;
  /** One line for the OpenAPI document. */
  summary: string;
  /** The input besides the window (null: none), from `windowActionInputs` in common/wire/socket.ts. */
  input: z.ZodType<B> | null;
  permission: Capability;
  /** Where it is offered: `POST /api/v1/windows/:id/<name>`, the `/counter` event `<name>`, a keypad key. */
  on: { http: boolean; socket: boolean; keypad?: { body: B } };
  run: (c: ActionCall<B>) => ActionResult;
}

const action = <B>(def: WindowActionDef<B>): WindowActionDef => def;
const win = (c: ActionCall<unknown>) => c.deps.hall.windows;

/**
 * Every window action, declared once: name, input, permission and use case. The
 * HTTP routes (server/http/routes/windows.ts), the `/counter` socket handlers
 * (server/realtime/counter.ts) and the keypad keys (server/devices/keypad-actions.ts)
 * are made from this table; `restore` acts on a ticket and has its own route and event
 * (POST /api/v1/tickets/:id/restore, `restore {ticketId}`).
 */
export const WINDOW_ACTION_TABLE: WindowActionDef[] = [
  action({
    name: 'open',
    summary:
      'Sign in to a window and open it. A window someone else is signed in to is refused (WINDOW_TAKEN) unless a supervisor sends force; a clerk signing in to a second window closes the first',
    input: windowActionInputs.open,
    permission: 'window.signin',
    on: { http: true, socket: false },
    run: (c) => signInToWindow(c.deps as Deps, c.principal!, c.windowId, c.body.force === true),
  }),
  action({
    name: 'close',
    summary: 'Close the window and sign out of it',
    input: null,
    permission: 'window.operate',
    on: { http: true, socket: false },
    run: (c) => {
      const r = win(c).close(c.windowId, c.actor);
      if (c.principal) (c.deps as Deps).auth.bindWindow(c.principal, null);
      return r;
    },
  }),
  action({
    name: 'call-next',
    summary: 'Finish the current ticket and call the next one by the hall’s rules',
    input: null,
    permission: 'window.operate',
    on: { http: true, socket: true, keypad: { body: undefined } },
    run: (c) => win(c).callNext(c.windowId, c.actor),
  }),
  action({
    name: 'call-ticket',
    summary: 'Call one particular waiting ticket (by ticketId or number)',
    input: windowActionInputs['call-ticket'],
    permission: 'window.operate',
    on: { http: true, socket: true },
    run: (c) => win(c).callTicket(c.windowId, c.actor, c.body),
  }),
  action({
    name: 'recall',
    summary: 'Call the current ticket again (after the allowed recalls it becomes a no-show)',
    input: null,
    permission: 'window.operate',
    on: { http: true, socket: true, keypad: { body: undefined } },
    run: (c) => win(c).recall(c.windowId, c.actor),
  }),
  action({
    name: 'start',
    summary: 'The citizen has arrived: start serving',
    input: null,
    permission: 'window.operate',
    on: { http: true, socket: true, keypad: { body: undefined } },
    run: (c) => win(c).start(c.windowId, c.actor),
  }),
  action({
    name: 'no-show',
    summary: 'The called citizen did not come',
    input: null,
    permission: 'window.operate',
    on: { http: true, socket: true, keypad: { body: undefined } },
    run: (c) => win(c).noShow(c.windowId, c.actor),
  }),
  action({
    name: 'finish',
    summary: 'Finish the current ticket',
    input: null,
    permission: 'window.operate',
    on: { http: true, socket: true, keypad: { body: undefined } },
    run: (c) => win(c).finish(c.windowId, c.actor),
  }),
  action({
    name: 'pause',
    summary: 'Pause the window with a reason',
    input: windowActionInputs.pause,
    permission: 'window.operate',
    on: { http: true, socket: true, keypad: { body: { reason: '按键暂停' } } },
    run: (c) => win(c).pause(c.windowId, c.actor, c.body.reason),
  }),
  action({
    name: 'resume',
    summary: 'Resume a paused window',
    input: null,
    permission: 'window.operate',
    on: { http: true, socket: true, keypad: { body: undefined } },
    run: (c) => win(c).resume(c.windowId, c.actor),
  }),
  action({
    name: 'transfer',
    summary: 'Queue the current ticket again at another service and/or window, keeping its number',
    input: windowActionInputs.transfer,
    permission: 'window.operate',
    on: { http: true, socket: true },
    run: (c) => win(c).transfer(c.windowId, c.actor, c.body),
  }),
];

/** The action called `name`. */
export function windowAction(name: WindowActionName): WindowActionDef | undefined {
  return WINDOW_ACTION_TABLE.find((a) => a.name === name);
}

/**
 * Runs a window action and builds its reply: the one `WindowAction` answer of
 * `POST /api/v1/windows/:id/<name>` and of the `/counter` event `<name>`.
 */
export function performWindowAction(a: WindowActionDef, c: ActionCall<unknown>): Reply<'WindowAction'> {
  const r = a.run(c);
  const view = c.deps.hall.view();
  return {
    ok: true,
    ticket: r.ticket ? view.toTicket(r.ticket) : null,
    window: view.windowState(r.window),
    ...(r.autoNoShow ? { autoNoShow: true as const } : {}),
  };
}
