import { checkDeviceUri, DeviceError } from '../../drivers/transport/index.js';
import type { DeviceManager } from '../devices/manager.js';
import type { deviceBinding } from '../devices/schema.js';
import { DomainError } from '../domain/errors.js';
import type { DeviceConfig } from '../store/device-repo.js';
import type { Actor } from '../store/event-log.js';
import { audit } from './audit.js';
import type { AppContext } from './context.js';
import type { z } from 'zod';

type Binding = z.output<typeof deviceBinding>;

/** Device bindings as administrators change them: each change and its audit event in one transaction, then the devices restart. */
export class DeviceAdmin {
  constructor(
    private ctx: AppContext,
    private devices: DeviceManager,
  ) {}

  /** Configured devices with their health. */
  list() {
    const health = new Map(this.devices.health().map((h) => [h.id, h]));
    return this.ctx.store.devices.list().map((d) => ({ ...d, health: health.get(d.id) ?? { state: d.enabled ? 'unavailable' : 'disabled' } }));
  }

  async bind(id: string, b: Binding, actor: Actor): Promise<DeviceConfig> {
    const { store } = this.ctx;
    try {
      checkDeviceUri(b.uri);
    } catch (err) {
      const refused = err instanceof DeviceError && err.code === 'FILE_NOT_ALLOWED';
      throw new DomainError(refused ? 'INVALID_DEVICE_FILE' : 'INVALID_DEVICE_URI', (err as Error).message, 'uri');
    }
    if (b.ownerKind === 'kiosk' && !(b.ownerId && store.auth.client(b.ownerId)?.kind === 'kiosk')) {
      throw new DomainError('KIOSK_NOT_FOUND', `There is no kiosk "${b.ownerId}"`, 'ownerId');
    }
    if (b.ownerKind === 'window' && !(b.ownerId && store.config.window(b.ownerId))) {
      throw new DomainError('WINDOW_NOT_FOUND', `There is no window "${b.ownerId}"`, 'ownerId');
    }
    const device: DeviceConfig = { id, ...b, ownerId: b.ownerKind === 'hall' ? null : b.ownerId };
    store.tx(() => {
      store.devices.save(device);
      audit(this.ctx, 'config.device.saved', actor, device);
    });
    await this.devices.reload();
    return device;
  }

  async unbind(id: string, actor: Actor): Promise<void> {
    const { store } = this.ctx;
    store.tx(() => {
      if (!store.devices.remove(id)) throw new DomainError('DEVICE_NOT_FOUND', `There is no device "${id}"`, 'id');
      audit(this.ctx, 'config.device.removed', actor, { id });
    });
    await this.devices.reload();
  }
}
