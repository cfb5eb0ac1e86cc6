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
  // client → server (with ack)
  callNext: 'call-next',
  recall: 'recall',
  noShow: 'no-show',
  start: 'start',
  finish: 'finish',
  transfer: 'transfer',
  pause: 'pause',
  resume: 'resume',
  callTicket: 'call-ticket',
  /** Reinstate a no-show ticket: `{ ticketId }` (counter). */
  restore: 'restore',
  track: 'track',
} as const;
