import { randomUUID } from 'node:crypto';
import type { Namespace } from 'socket.io';
import { VOICE_EV } from '../../common/voice.js';
import { socketInputs, type ServerEmits } from '../../common/wire/socket.js';
import type { Deps } from '../app/deps.js';
import type { Logger } from '../log/logger.js';
import { handle } from './guard.js';
import { socketPrincipal } from './auth.js';
import { peerOf } from '../edge/peer.js';


/**
 * Voices of the screens: each speaking screen reports over `/display` which
 * voice it will use; admins get the list over `/admin` (on connect and on each
 * change), and a test call goes to the one screen it names, never the others.
 */
export function setupVoice(
  display: Namespace<Record<string, never>, ServerEmits<'display'>>,
  admin: Namespace<Record<string, never>, ServerEmits<'admin'>>,
  deps: Deps, log: Logger): void {
  display.on('connection', (socket) => {
    // An opaque id, not the socket id: it is shown to admins and names the target of a test call.
    const screenId = randomUUID();
    void socket.join(`voice:${screenId}`);
    const address = peerOf(socket.handshake.address, socket.handshake.headers, deps.edge.trust).address;
    const who = socketPrincipal(deps, socket);
    const known = who.kind === 'user' || (who.kind === 'device' && !who.demo) || deps.edge.sockets.isKnown(address);
    handle(socket, VOICE_EV.report, socketInputs.display[VOICE_EV.report], log, (p) => {
      deps.voice.report(screenId, p, { address, known });
      return { screenId };
    });
    socket.on('disconnect', () => deps.voice.leave(screenId));
  });
  admin.on('connection', (socket) => socket.emit(VOICE_EV.screens, deps.voice.list()));

  let timer: NodeJS.Timeout | null = null;
  deps.voice.on('changed', () => {
    // 500 screens reconnecting at once become one list, not 500.
    timer ??= setTimeout(() => {
      timer = null;
      if (admin.sockets.size > 0) admin.emit(VOICE_EV.screens, deps.voice.list());
    }, 200);
  });
  deps.voice.on('test', ({ screenId, test }) => display.to(`voice:${screenId}`).emit(VOICE_EV.test, test));
}
