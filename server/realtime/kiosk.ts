import type { Namespace } from 'socket.io';
import { z } from 'zod';
import { EV } from '../../common/events.js';
import type { Deps } from '../app/deps.js';
import type { Logger } from '../log/logger.js';
import { SocketAuthError, socketPrincipal } from './auth.js';
import { handle } from './guard.js';

/**
 * `/kiosk`: one room per kiosk. The server pushes what the kiosk's own devices
 * report (`id-card` reads, `device` state of printer and reader).
 */
export function setupKiosk(ns: Namespace, deps: Deps, log: Logger): void {
  ns.use((socket, next) => {
    const p = socketPrincipal(deps, socket);
    if (p.kind === 'device' && p.client.kind === 'kiosk') return next();
    next(new SocketAuthError('UNAUTHENTICATED', 'Kiosks connect with their device token in auth.token'));
  });

  ns.on('connection', (socket) => {
    const p = socketPrincipal(deps, socket);
    if (p.kind !== 'device') return void socket.disconnect(true);
    const kioskId = p.client.id;
    void socket.join(`kiosk:${kioskId}`);
    socket.emit(EV.state, { kioskId, name: p.client.name, config: p.client.config, hall: deps.settings.get().hallName });
    handle(socket, 'hello', z.object({}).optional(), log, () => ({ kioskId }));
  });

  deps.ctx.bus.on('kiosk', ({ kioskId, event, payload }) => {
    ns.to(`kiosk:${kioskId}`).emit(event, payload);
  });
}
