import type { KeypadEvent } from '../../drivers/keypad/index.js';
import type { AppContext } from '../app/context.js';
import type { Hall } from '../app/hall.js';
import type { Actor } from '../store/event-log.js';
import type { Logger } from '../log/logger.js';
import type { KeypadDevice } from './keypad-device.js';
import { windowAction } from '../app/window-action-table.js';

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
    let number: string | null = null;
    if (e.action === 'rate-request') hall.ratings.request(windowId, actor);
    else {
      // The other keys are window actions: the same use case as the counter UI's button (server/app/window-action-table.ts).
      const a = windowAction(e.action);
      if (a.subject !== 'window' || !a.on.keypad) throw new Error(`keypad key ${e.action} is not a window action`);
      number = a.run({ deps: { hall }, windowId, actor, body: a.on.keypad.body }).ticket?.number ?? null;
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
