/**
 * The names of the window actions, shared by the hall server (HTTP routes,
 * `/counter` socket events, keypad keys), the counter UI and the keypad driver.
 * What each one takes, needs and does is in server/app/window-action-table.ts.
 * No runtime dependencies.
 */
export const WINDOW_ACTIONS = [
  'open',
  'close',
  'call-next',
  'call-ticket',
  'recall',
  'start',
  'no-show',
  'finish',
  'transfer',
  'pause',
  'resume',
  'restore',
] as const;
export type WindowActionName = (typeof WINDOW_ACTIONS)[number];

/** The window actions a caller keypad has keys for (its eighth key, rate-request, is a rating action). */
export const KEYPAD_WINDOW_ACTIONS = ['call-next', 'recall', 'no-show', 'finish', 'pause', 'resume', 'start'] as const satisfies readonly WindowActionName[];
export type KeypadWindowAction = (typeof KEYPAD_WINDOW_ACTIONS)[number];

/** Every key of a caller keypad: its window actions and asking the citizen for a rating (the keypad driver's codes, the simulator, the admin page). */
export const KEYPAD_KEYS = [...KEYPAD_WINDOW_ACTIONS, 'rate-request'] as const;
export type KeypadKey = (typeof KEYPAD_KEYS)[number];
