import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { NS } from '../../common/events.js';
import type { Deps } from '../app/deps.js';
import { setupAdmin } from './admin.js';
import { setupCounter } from './counter.js';
import { setupDisplay } from './display.js';
import { setupKiosk } from './kiosk.js';
import { enforceRights } from './rights.js';
import { setupVoice } from './voice.js';
import { SocketAuthError, socketPrincipal } from './auth.js';
import { isHallEquipment, type Principal } from '../auth/principal.js';

/** Which token a socket counts against: a staff session or a real device token (not the demo stand-in). */
function tokenKey(p: Principal): string | null {
  if (p.kind === 'user') return `user:${p.tokenHash}`;
  if (p.kind === 'device' && !p.demo) return `device:${p.client.id}`;
  return null;
}

/**
 * Socket.IO on the hall server. Changes are pushed at most every `coalesceMs`
 * (a burst of calls becomes one refresh); `called` goes out at once.
 */
export function attachRealtime(http: HttpServer, deps: Deps, coalesceMs = 50): Server {
  const seats = deps.edge.sockets;
  const io = new Server(http, {
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    // A connection that joins no namespace is dropped after this (default 45 s).
    connectTimeout: 10_000,
    // Per-address and hall-wide seats for connections without a token, and the Origin check.
    allowRequest: seats.allowRequest,
  });
  const log = deps.ctx.log.child({ area: 'realtime' });
  io.engine.on('connection', (conn) => seats.opened(conn));
  io.of('/').use((_s, next) => next(new Error('use a namespace: /display, /counter, /kiosk or /admin')));
  const tooMany = () =>
    new SocketAuthError('TOO_MANY_CONNECTIONS', `this token already has ${deps.edge.settings.socketsPerToken} open connections to the hall (the limit); close some and try again`);
  for (const ns of Object.values(NS)) {
    io.of(ns).use((socket, next) => {
      const key = tokenKey(socketPrincipal(deps, socket));
      next(key && !seats.tokenHasRoom(key) ? tooMany() : undefined);
    });
    io.of(ns).on('connection', (socket) => {
      // A staff or device token gives the anonymous seat back (the demo kiosk stand-in keeps it),
      // and counts against the token instead, so a leaked screen token cannot open sockets without bound.
      const key = tokenKey(socketPrincipal(deps, socket));
      if (!key) return;
      if (!seats.takeTokenSeat(key)) {
        // Sockets of one token that raced past the check above: the first ones in keep their seats.
        socket.disconnect(true);
        return;
      }
      socket.once('disconnect', () => seats.releaseTokenSeat(key));
      seats.authenticated(socket.conn, isHallEquipment(socketPrincipal(deps, socket)));
    });
  }
  const display = setupDisplay(io.of(NS.display), deps, log);
  const counter = setupCounter(io.of(NS.counter), deps, log);
  setupKiosk(io.of(NS.kiosk), deps, log);
  const admin = setupAdmin(io.of(NS.admin), deps);
  enforceRights(io, deps);
  setupVoice(io.of(NS.display), io.of(NS.admin), deps, log);

  let timer: NodeJS.Timeout | null = null;
  const tokens = new Set<string>();
  const flush = () => {
    timer = null;
    const list = [...tokens];
    tokens.clear();
    try {
      display.pushChanges(list);
      counter.pushWindows();
      admin.pushMonitor();
    } catch (err) {
      log.error({ err }, 'push failed');
    }
  };
  deps.ctx.bus.on('changed', (c) => {
    for (const t of c.trackTokens) tokens.add(t);
    if (!timer) timer = setTimeout(flush, coalesceMs);
  });
  return io;
}
