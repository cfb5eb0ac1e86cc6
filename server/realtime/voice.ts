import { randomUUID } from 'node:crypto';
import type { Namespace } from 'socket.io';
import { z } from 'zod';
import { VOICE_EV, VOICE_MODES } from '../../common/voice.js';
import type { Deps } from '../app/deps.js';
import type { Logger } from '../log/logger.js';
import { handle } from './guard.js';
import { socketPrincipal } from './auth.js';
import { peerOf } from '../edge/peer.js';

const report = z
  .object({
    screen: z.union([z.literal('hall'), z.number().int().min(1).max(9999)]),
    langs: z.array(z.object({ lang: z.enum(['zh-CN', 'zh-TW', 'en']), mode: z.enum(VOICE_MODES) }).strict()).min(1).max(3),
    soundBlocked: z.boolean(),
  })
  .strict();

/**
 * Voices of the screens: each speaking screen reports over `/display` which
 * voice it will use; admins get the list over `/admin` (on connect and on each
 * change), and a test call goes to the one screen it names, never the others.
 */
export function setupVoice(display: Namespace, admin: Namespace, deps: Deps, log: Logger): void {
  display.on('connection', (socket) => {
    // An opaque id, not the socket id: it is shown to admins and names the target of a test call.
    const screenId = randomUUID();
    void socket.join(`voice:${screenId}`);
    const address = peerOf(socket.handshake.address, socket.handshake.headers, deps.edge.trust).address;
    const who = socketPrincipal(deps, socket);
    const known = who.kind === 'user' || (who.kind === 'device' && !who.demo) || deps.edge.sockets.isKnown(address);
    handle(socket, VOICE_EV.report, report, log, (p) => {
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
