/**
 * Every window action, declared once: its name, what it acts on and what it takes
 * besides that. The hall server's table (server/app/window-action-table.ts: summary,
 * permission, where it is offered, use case) is keyed by these names, so a name
 * without a table entry is a type error; the HTTP route, the `/counter` event and its
 * payload schema are derived from the subject and the input:
 *
 * - subject `window`: `POST /api/v1/windows/:id/<name>` (body: the input) and the
 *   `/counter` event `<name> {windowId?, …input}` (default: the clerk's window);
 * - subject `ticket`: `POST /api/v1/tickets/:id/<name>` and `<name> {ticketId, …input}`.
 *
 * The zod-free names for the UIs and drivers are in common/window-actions.ts.
 */
import { z } from 'zod';
import type { Reply } from './replies.js';

const id = z.string().min(1).max(100);

/** The window a `/counter` event acts on (default: the one the clerk signed in to). */
export const WindowTarget = z.object({ windowId: id.optional() });
/** The ticket a ticket action acts on. */
export const TicketTarget = z.object({ ticketId: id });

type Spec = { subject: 'window' | 'ticket'; input: z.ZodType | null };

export const windowActions = {
  open: { subject: 'window', input: z.object({ force: z.boolean().optional() }) },
  close: { subject: 'window', input: null },
  'call-next': { subject: 'window', input: null },
  'call-ticket': {
    subject: 'window',
    input: z
      .object({ ticketId: id.optional(), number: z.string().min(2).max(12).optional() })
      .refine((b) => b.ticketId || b.number, { message: 'give ticketId or number', path: ['number'] }),
  },
  recall: { subject: 'window', input: null },
  start: { subject: 'window', input: null },
  'no-show': { subject: 'window', input: null },
  finish: { subject: 'window', input: null },
  transfer: {
    subject: 'window',
    input: z
      .object({ toServiceId: id.optional(), toWindowId: id.optional() })
      .refine((b) => b.toServiceId || b.toWindowId, { message: 'give toServiceId, toWindowId or both', path: ['toServiceId'] }),
  },
  pause: { subject: 'window', input: z.object({ reason: z.string().min(1).max(200) }) },
  resume: { subject: 'window', input: null },
  /** Reinstate a no-show ticket: it queues again, keeping its number. */
  restore: { subject: 'ticket', input: null },
} as const satisfies Record<string, Spec>;

type Actions = typeof windowActions;
export type WindowActionName = keyof Actions;
export const WINDOW_ACTIONS = Object.keys(windowActions) as WindowActionName[];
/** The actions on a window, or on a ticket. */
export type ActionOn<S extends Spec['subject']> = { [N in WindowActionName]: Actions[N]['subject'] extends S ? N : never }[WindowActionName];
/** What action `N` takes besides its window or ticket (undefined: nothing). */
export type WindowActionInput<N extends WindowActionName> = N extends WindowActionName ? (Actions[N]['input'] extends z.ZodType ? z.output<Actions[N]['input']> : undefined) : never;
/** Its answer over HTTP and as the `/counter` ack. */
export type WindowActionReply<N extends WindowActionName> = Actions[N]['subject'] extends 'ticket' ? Reply<'TicketReply'> : Reply<'WindowAction'>;

/**
 * The `/counter` payload of action `name`: its target and its input. Built by
 * intersection, so the input's own checks (call-ticket's "ticketId or number",
 * transfer's "a service or a window") hold on the socket exactly as over HTTP.
 */
export function windowActionEvent(name: WindowActionName): z.ZodType {
  // Built once per action, not per connection.
  let schema = actionEvents.get(name);
  if (!schema) {
    const { subject, input } = windowActions[name] as Spec;
    const target = subject === 'ticket' ? TicketTarget : WindowTarget;
    actionEvents.set(name, (schema = input ? z.intersection(target, input) : target));
  }
  return schema;
}
const actionEvents = new Map<WindowActionName, z.ZodType>();
