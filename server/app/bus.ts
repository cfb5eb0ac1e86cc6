import { EventEmitter } from 'node:events';
import type { CalledEvent } from '../../common/types.js';

/**
 * What the use cases tell the edges after a commit. The realtime layer turns
 * these into socket events; device output listens too.
 */
export interface HallBusEvents {
  called: [CalledEvent];
  /** Something about queues or windows changed: screens should refresh counts. */
  changed: [{ windowIds: string[]; trackTokens: string[] }];
  configChanged: [];
  /** A ticket's print failed, etc.: for kiosks. */
  kiosk: [{ kioskId: string; event: string; payload: unknown }];
  alert: [{ kind: string; message: string; at: string }];
}

export class HallBus extends EventEmitter<HallBusEvents> {
  constructor() {
    super();
    this.setMaxListeners(100);
  }
}
