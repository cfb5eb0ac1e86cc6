import type { AppContext } from '../app/context.js';
import { KeypadDevice } from './keypad-device.js';
import type { DeviceManager } from './manager.js';

/**
 * A window's rating request lights up its evaluator: every keypad/evaluator
 * line that has an address for the window is asked, with the request's lifetime.
 */
export function bridgeRatingRequests(ctx: AppContext, devices: DeviceManager): () => void {
  const log = ctx.log.child({ area: 'devices' });
  const onRequest = (ev: { windowId: string; expiresAt: string }) => {
    const seconds = Math.max(1, Math.min(255, Math.round((Date.parse(ev.expiresAt) - ctx.now().getTime()) / 1000)));
    for (const config of ctx.store.devices.list()) {
      if (config.kind !== 'evaluator' && config.kind !== 'keypad') continue;
      const h = devices.handle(config.id);
      if (!(h instanceof KeypadDevice)) continue;
      const address = h.addressOf(ev.windowId);
      if (address === null) continue;
      h.bus.requestRating(address, seconds).catch((err) => log.info({ err: (err as Error).message, device: config.id }, 'rating request not delivered'));
    }
  };
  ctx.bus.on('rateRequest', onRequest);
  return () => ctx.bus.off('rateRequest', onRequest);
}
