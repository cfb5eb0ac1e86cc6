import type { Namespace } from 'socket.io';
import { EV } from '../../common/events.js';
import { socketInputs, type ServerEmits } from '../../common/wire/socket.js';
import type { Deps } from '../app/deps.js';
import type { Logger } from '../log/logger.js';
import { SocketAuthError, socketPrincipal } from './auth.js';
import { handle } from './guard.js';
import { DomainError } from '../domain/errors.js';
import { peerOf } from '../edge/peer.js';

/**
 * `/kiosk`: one room per kiosk. The server pushes what the kiosk's own devices
 * report (`id-card` reads, `device` state of printer and reader).
 */
export function setupKiosk(ns: Namespace<Record<string, never>, ServerEmits<'kiosk'>>, deps: Deps, log: Logger): void {
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
    // A kiosk that starts while its printer is already out of paper must know at once.
    for (const d of deps.devices.health()) if (d.ownerKind === 'kiosk' && d.ownerId === kioskId) socket.emit(EV.device, d);
    const inputs = socketInputs.kiosk;
    handle(socket, EV.hello, inputs[EV.hello], log, () => ({ kioskId }));
    // A kiosk agent announces the devices it hosts (with their health), then forwards card reads and health.
    handle(socket, EV.agentHello, inputs[EV.agentHello], log, (hello) => {
      const address = peerOf(socket.handshake.address, socket.handshake.headers, deps.edge.trust).address;
      deps.devices.agentNetworks.admit(kioskId, address);
      deps.devices.agents.attach(kioskId, socket, hello, address);
      deps.devices.agentNetworks.connected(kioskId, p.client.name, address);
      // The first hello binds the kiosk to its agent: from now on it is "unavailable" while the agent is away.
      deps.config.setKioskAgent(kioskId, true, { kind: 'device', id: `${kioskId}-agent`, deviceId: `${kioskId}-agent` });
      log.info({ kioskId, printer: hello.printer?.uri, reader: hello.reader?.uri }, 'kiosk agent connected');
      return { kioskId };
    });
    handle(socket, EV.agentCard, inputs[EV.agentCard], log, (card) => {
      // Only the kiosk's registered agent connection may speak for its reader: a card from any other
      // socket (a kiosk page, a second connection that never said hello) would bypass ID checks.
      if (!deps.devices.agents.isAgent(kioskId, socket)) {
        throw new DomainError('AGENT_NOT_REGISTERED', 'Card reads are accepted only from the kiosk agent registered on this connection (send agent:hello first)');
      }
      deps.devices.cardRead(kioskId, card, { kind: 'device', id: `${kioskId}-agent`, deviceId: `${kioskId}-agent` });
      return {};
    });
    handle(socket, EV.agentHealth, inputs[EV.agentHealth], log, (h) => {
      deps.devices.agents.report(kioskId, socket, h);
      return {};
    });
  });

  deps.ctx.bus.on('configChanged', () => ns.emit(EV.config));
  deps.ctx.bus.on('kiosk', (push) => {
    const room = ns.to(`kiosk:${push.kioskId}`);
    if (push.event === EV.config) room.emit(push.event);
    else (room.emit as (e: string, p: unknown) => boolean)(push.event, push.payload);
  });
}
