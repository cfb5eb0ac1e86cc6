/**
 * The names of the window actions, for the counter UI and the keypad driver
 * (types only: no zod at run time). They are declared once, with what each acts
 * on and takes, in common/wire/window-actions.ts; what each needs and does is in
 * server/app/window-action-table.ts.
 */
import type { WindowActionName } from './wire/window-actions.js';
export type { WindowActionName };

/** The window actions a caller keypad has keys for (its eighth key, rate-request, is a rating action). */
export const KEYPAD_WINDOW_ACTIONS = ['call-next', 'recall', 'no-show', 'finish', 'pause', 'resume', 'start'] as const satisfies readonly WindowActionName[];
export type KeypadWindowAction = (typeof KEYPAD_WINDOW_ACTIONS)[number];

/** Every key of a caller keypad: its window actions and asking the citizen for a rating (the keypad driver's codes, the simulator, the admin page). */
export const KEYPAD_KEYS = [...KEYPAD_WINDOW_ACTIONS, 'rate-request'] as const;
export type KeypadKey = (typeof KEYPAD_KEYS)[number];
