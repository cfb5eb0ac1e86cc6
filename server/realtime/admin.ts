import type { Namespace } from 'socket.io';
import { EV } from '../../common/events.js';
import type { ServerEmits } from '../../common/wire/socket.js';
import type { Deps } from '../app/deps.js';
import { can } from '../auth/principal.js';
import { SocketAuthError, socketPrincipal } from './auth.js';

/** `/admin`: supervisors and admins get the live monitor and alerts. */
export function setupAdmin(ns: Namespace<Record<string, never>, ServerEmits<'admin'>>, deps: Deps): { pushMonitor: () => void } {
  ns.use((socket, next) => {
    const p = socketPrincipal(deps, socket);
    if (can(p, 'monitor')) return next();
    next(new SocketAuthError('FORBIDDEN', 'The monitor is for supervisors and administrators'));
  });
  const monitor = () => ({ ...deps.hall.snapshot(), devices: deps.devices.health() });
  ns.on('connection', (socket) => socket.emit(EV.monitor, monitor()));
  deps.ctx.bus.on('alert', (a) => ns.emit(EV.alert, a));
  deps.ctx.bus.on('device', (d) => ns.emit(EV.device, d));
  return {
    pushMonitor: () => {
      if (ns.sockets.size > 0) ns.emit(EV.monitor, monitor());
    },
  };
}
