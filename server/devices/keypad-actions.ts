import type { KeypadEvent } from '../../drivers/keypad/index.js';
import type { AppContext } from '../app/context.js';
import type { Hall } from '../app/hall.js';
import type { Actor } from '../store/event-log.js';
import type { Logger } from '../log/logger.js';
import type { KeypadDevice } from './keypad-device.js';

/**
 * A key on a physical caller keypad does what the same button in the counter UI
 * does, for the keypad's window. An evaluator's grade goes through the ratings
 * use case: the open request's ticket, else the window's current or last one.
 */
export function handleKeypadEvent(
  ctx: AppContext,
  hall: Hall,
  windowId: string,
  e: KeypadEvent,
  device: KeypadDevice,
  deviceActor: Actor,
  log: Logger,
): void {
  const actor: Actor = { ...deviceActor, windowId };
  try {
    if (e.kind === 'rating') {
      hall.ratings.fromEvaluator(windowId, e.grade, e.reason, actor);
      return;
    }
    const w = hall.windows;
    let number: string | null = null;
    switch (e.action) {
      case 'call-next':
        number = w.callNext(windowId, actor).ticket?.number ?? null;
        break;
      case 'recall':
        number = w.recall(windowId, actor).ticket?.number ?? null;
        break;
      case 'no-show':
        w.noShow(windowId, actor);
        break;
      case 'finish':
        w.finish(windowId, actor);
        break;
      case 'start':
        w.start(windowId, actor);
        break;
      case 'pause':
        w.pause(windowId, actor, '按键暂停');
        break;
      case 'resume':
        w.resume(windowId, actor);
        break;
      case 'rate-request':
        hall.ratings.request(windowId, actor);
        break;
    }
    const address = device.addressOf(windowId);
    if (address !== null && (e.action === 'call-next' || e.action === 'recall')) {
      void device.bus.showNumber(address, number ?? '----').catch(() => undefined);
    }
  } catch (err) {
    // A refused action (window paused, nobody waiting…) is shown on the keypad's display when it has one.
    log.info({ err: (err as Error).message, windowId, action: e.kind === 'key' ? e.action : 'rating' }, 'keypad action refused');
    const address = device.addressOf(windowId);
    if (address !== null) void device.bus.showNumber(address, 'ERR').catch(() => undefined);
  }
}
