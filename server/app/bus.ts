import { EventEmitter } from 'node:events';
import type { CalledEvent } from '../../common/types.js';
import type { RateRequestEvent, SupervisionAlert } from '../../common/supervision.js';
import type { ManagedDeviceHealth } from '../../common/wire/admin.js';
import type { KioskPush } from '../../common/wire/socket.js';

/**
 * What the use cases tell the edges after a commit. The realtime layer turns
 * these into socket events; device output listens too.
 */
export interface HallBusEvents {
  called: [CalledEvent];
  /** Something about queues or windows changed: screens should refresh counts. */
  changed: [{ windowIds: string[]; trackTokens: string[] }];
  configChanged: [];
  /** Device bindings changed: the device manager reloads. */
  devicesChanged: [];
  /** A ticket's print failed, etc.: for kiosks. */
  kiosk: [KioskPush];
  alert: [SupervisionAlert];
  /** A device's health changed. */
  device: [ManagedDeviceHealth];
  /** Staff asked the citizen at a window for a rating (keypad key or counter UI). */
  rateRequest: [RateRequestEvent];
}

export class HallBus extends EventEmitter<HallBusEvents> {
  constructor() {
    super();
    this.setMaxListeners(100);
  }
}
