import { IdCardReader, type IdCardText } from '../../drivers/idcard/index.js';
import { DeviceHandle, type HealthListener } from './handle.js';
import type { DeviceConfig } from '../store/device-repo.js';

export type CardListener = (card: IdCardText) => void;

/** A kiosk's ID-card reader. Card fields leave this class only towards the masking code. */
export class IdCardDevice extends DeviceHandle {
  private reader: IdCardReader;

  constructor(config: DeviceConfig, onHealth: HealthListener, private onCard: CardListener) {
    super(config, onHealth);
    this.reader = new IdCardReader(this.transport, { pollIntervalMs: Number(config.options.pollIntervalMs ?? 300) });
    this.reader.on('card', (c) => this.onCard(c));
    this.reader.on('status', (s) => {
      if (s.state === 'ready') this.setHealth('ok', s.samId ? `ready (SAM ${s.samId})` : 'ready');
      else if (s.state === 'disconnected') this.setHealth('error', s.message ?? 'reader disconnected');
    });
    this.reader.on('error', (e) => this.setHealth('warning', e.message));
  }

  protected async started(): Promise<void> {
    this.reader.start();
  }

  protected async stopping(): Promise<void> {
    await this.reader.stop();
  }
}
