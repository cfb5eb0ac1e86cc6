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
import { socketPrincipal } from './auth.js';

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
  for (const ns of Object.values(NS)) {
    io.of(ns).on('connection', (socket) => {
      const p = socketPrincipal(deps, socket);
      // A staff or device token gives the anonymous seat back (the demo kiosk stand-in keeps it).
      if (p.kind === 'user' || (p.kind === 'device' && !p.demo)) seats.authenticated(socket.conn);
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
