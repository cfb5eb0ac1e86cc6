import type { Socket } from 'socket.io';
import type { Deps } from '../app/deps.js';
import type { Principal } from '../auth/principal.js';
import { handshakePeer, resolvePrincipal } from '../edge/principal.js';

/** The principal of a socket, from `auth.token` in the handshake (or the demo loopback kiosk). */
export function socketPrincipal(deps: Deps, socket: Socket): Principal {
  const raw = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  const token = typeof raw === 'string' && raw.length < 200 ? raw : null;
  return resolvePrincipal(deps, token, handshakePeer(deps, socket.handshake));
}

export class SocketAuthError extends Error {
  data: { code: string; message: string };
  constructor(code: string, message: string) {
    super(message);
    this.data = { code, message };
  }
}
