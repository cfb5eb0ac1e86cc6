/** Socket.IO namespaces and event names, shared by server and UIs. */
export const NS = {
  display: '/display',
  counter: '/counter',
  kiosk: '/kiosk',
  admin: '/admin',
} as const;

export const EV = {
  // server → client
  state: 'state',
  called: 'called',
  queue: 'queue',
  window: 'window',
  ticket: 'ticket',
  idCard: 'id-card',
  device: 'device',
  monitor: 'monitor',
  alert: 'alert',
  /** `/display`: a window asks its citizen-facing screen for a rating ({windowId, windowNumber, ticketNumber, expiresAt}). */
  rateRequest: 'rate-request',
  /** Any authenticated socket, just before the server ends it: its token lost its rights ({code, message}). */
  sessionEnded: 'session-ended',
  /** `/counter`: the clerk is no longer signed in to this window (taken over, or signed in elsewhere): {windowId}. */
  windowLost: 'window-lost',
  /** `/kiosk`: the reader saw a card it could not read ({code, message}). */
  idCardError: 'id-card-error',
  /** `/kiosk`: the hall's configuration changed; reload services (no payload). */
  config: 'config',
  // The payload of every event, both directions, is a zod schema in common/wire/socket.ts.
  // client → server (with ack). `/counter` also takes each window action by its name
  // (WINDOW_ACTIONS in common/wire/window-actions.ts: call-next, recall, no-show, …, restore).
  /** `/kiosk` (ack): a kiosk page says it is there, `{}` → `{ kioskId }`. */
  hello: 'hello',
  /** `/counter` (ack): the window action that reinstates a no-show ticket, `{ ticketId }` (common/wire/window-actions.ts). */
  restore: 'restore',
  track: 'track',
  /** `/counter` (ack): follow one window, `{ windowId? }` → `{ window, waiting }`. */
  watch: 'watch',
  /** `/kiosk`, kiosk agent ↔ server (see agent/ and server/devices/agent-link.ts). */
  agentHello: 'agent:hello',
  agentCard: 'agent:card',
  agentHealth: 'agent:health',
  agentPrinterCheck: 'agent:printer-check',
  agentPrint: 'agent:print',
  agentReplaced: 'agent:replaced',
} as const;
