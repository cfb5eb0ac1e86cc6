import { KeypadBus, type KeypadEvent } from '../../drivers/keypad/index.js';
import type { DeviceConfig } from '../store/device-repo.js';
import { DeviceHandle, type HealthListener } from './handle.js';

export type KeypadHandler = (windowId: string, e: KeypadEvent, device: KeypadDevice) => void;

/**
 * Caller keypads and evaluators on one line. Addresses map to windows through
 * options.addresses ({"1": "w1"}), or options.address for a device owned by a window.
 */
export class KeypadDevice extends DeviceHandle {
  readonly bus: KeypadBus;
  private windows = new Map<number, string>();

  constructor(config: DeviceConfig, onHealth: HealthListener, private onEvent: KeypadHandler) {
    super(config, onHealth);
    this.bus = new KeypadBus(this.transport, { mode: config.options.mode === 'hid' ? 'hid' : 'serial' });
    const map = (config.options.addresses ?? {}) as Record<string, string>;
    for (const [addr, windowId] of Object.entries(map)) this.windows.set(Number(addr), windowId);
    if (config.ownerKind === 'window' && config.ownerId) this.windows.set(Number(config.options.address ?? 1), config.ownerId);
    this.bus.onEvent((e) => {
      const windowId = this.windows.get(e.address);
      if (windowId) this.onEvent(windowId, e, this);
      else this.setHealth('warning', `a device at address ${e.address} is not assigned to a window`);
    });
    this.bus.onError((err) => this.setHealth('warning', err.message));
  }

  addressOf(windowId: string): number | null {
    for (const [addr, w] of this.windows) if (w === windowId) return addr;
    return null;
  }

  protected async started(): Promise<void> {
    this.setHealth('ok', 'listening');
  }

  protected async stopping(): Promise<void> {
    this.bus.dispose();
  }
}
