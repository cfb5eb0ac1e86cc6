import { getProfile, LedBus } from '../../drivers/led/index.js';
import type { CalledEvent } from '../../common/types.js';
import type { DeviceConfig } from '../store/device-repo.js';
import { DeviceHandle, type HealthListener } from './handle.js';

/** `{number}` and `{window}` are filled from the call. */
export function formatLed(template: string, ev: Pick<CalledEvent, 'ticketNumber' | 'windowNumber'>): string {
  return template.replaceAll('{number}', ev.ticketNumber).replaceAll('{window}', String(ev.windowNumber));
}

/**
 * An LED board above a window (shows that window's calls) or a hall strip
 * (shows every call). Options: profile, address, template.
 */
export class LedDevice extends DeviceHandle {
  private bus: LedBus;
  private address: number;
  private template: string;

  constructor(config: DeviceConfig, onHealth: HealthListener) {
    super(config, onHealth);
    this.bus = new LedBus(this.transport, getProfile(String(config.options.profile ?? 'window-3a')));
    this.address = Number(config.options.address ?? 1);
    this.template = String(config.options.template ?? (config.ownerKind === 'hall' ? '请{number}号到{window}号窗口' : '请{number}号'));
  }

  protected async started(): Promise<void> {
    this.setHealth('ok', 'ready');
  }

  protected async stopping(): Promise<void> {
    this.bus.dispose();
  }

  wants(ev: CalledEvent): boolean {
    return this.config.ownerKind === 'hall' || this.config.ownerId === ev.windowId;
  }

  async show(ev: CalledEvent): Promise<void> {
    try {
      await this.bus.showText(this.address, formatLed(this.template, ev));
      this.setHealth('ok', `showing ${ev.ticketNumber}`);
    } catch (err) {
      this.setHealth('error', (err as Error).message);
    }
  }
}
