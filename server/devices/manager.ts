import { EV } from '../../common/events.js';
import { AgentNetworks } from '../app/kiosk-agent-network.js';
import type { DeviceHealth } from '../../common/types.js';
import type { ManagedDeviceHealth } from '../../common/wire/admin.js';
import type { AppContext } from '../app/context.js';
import type { Hall } from '../app/hall.js';
import { toCardHolder, type CardHolder } from '../app/identity-service.js';
import type { DeviceConfig } from '../store/device-repo.js';
import type { KioskDevicesPort, KioskPrinter } from '../app/kiosk-issue.js';
import { AgentLinks } from './agent-link.js';
import type { Actor } from '../store/event-log.js';
import { CardCache } from './card-cache.js';
import type { DeviceHandle } from './handle.js';
import { IdCardDevice } from './idcard-device.js';
import { KeypadDevice } from './keypad-device.js';
import { LedDevice } from './led-device.js';
import { PrinterDevice } from './printer-device.js';
import { registerSimulators } from './simulators.js';
import { handleKeypadEvent } from './keypad-actions.js';
import type { IdCardText } from '../../drivers/idcard/index.js';

/** A device's health with where it is plugged in: the wire's ManagedDeviceHealth. */
export type ManagedHealth = ManagedDeviceHealth;

/**
 * Which device belongs to which kiosk, window or the hall; starts them, keeps
 * their health, and connects their events to the hall's use cases.
 */
export class DeviceManager implements KioskDevicesPort {
  readonly cards: CardCache;
  readonly agents: AgentLinks;
  /** Where kiosk agents may connect from, and where each last did. */
  readonly agentNetworks: AgentNetworks;
  private handles = new Map<string, DeviceHandle>();
  private unavailable = new Map<string, ManagedHealth>();
  private log;

  constructor(
    private ctx: AppContext,
    private hall: Hall,
  ) {
    this.log = ctx.log.child({ area: 'devices' });
    this.cards = new CardCache(() => ctx.now().getTime());
    this.agents = new AgentLinks((h) => this.agentHealth(h));
    this.agentNetworks = new AgentNetworks(ctx);
    registerSimulators();
    ctx.bus.on('called', (ev) => {
      for (const h of this.handles.values()) if (h instanceof LedDevice && h.wants(ev)) void h.show(ev);
    });
  }

  async start(): Promise<void> {
    for (const config of this.ctx.store.devices.list()) {
      if (!config.enabled) continue;
      try {
        const handle = this.create(config);
        this.handles.set(config.id, handle);
        handle.start().catch((err) => this.log.warn({ err, device: config.id }, 'device did not start'));
      } catch (err) {
        // A bad URI or a missing native library must not stop the hall.
        this.log.warn({ err, device: config.id }, 'device unavailable');
        this.handles.delete(config.id);
        this.unavailable.set(config.id, { ...this.describe(config), state: 'unavailable', detail: (err as Error).message });
      }
    }
  }

  async stop(): Promise<void> {
    const all = [...this.handles.values()];
    this.handles.clear();
    this.unavailable.clear();
    await Promise.allSettled(all.map((h) => h.stop()));
  }

  /** Configuration changed: stop everything and start again from the store. */
  async reload(): Promise<void> {
    await this.stop();
    await this.start();
  }

  health(): ManagedHealth[] {
    const live = [...this.handles.values()].map((h) => ({ ...this.describe(h.config), ...h.health() }));
    return [...live, ...this.unavailable.values(), ...this.agents.health(this.agentKiosks())];
  }

  /** The kiosk agents and the devices they host (agents expected but never seen included). */
  agentDevices(): ManagedHealth[] {
    return this.agents.health(this.agentKiosks());
  }

  /** Kiosks whose printer and reader a kiosk agent hosts (client setting `agent: true`). */
  private agentKiosks(): string[] {
    return this.ctx.store.auth.clients().flatMap((c) => (c.kind === 'kiosk' && !c.revoked && c.config.agent === true ? [c.id] : []));
  }

  handle(id: string): DeviceHandle | undefined {
    return this.handles.get(id);
  }

  /** The kiosk's own printer: bound here, or hosted by its agent. */
  printerFor(kioskId: string): KioskPrinter | null {
    for (const h of this.handles.values()) {
      if (h instanceof PrinterDevice && h.config.ownerKind === 'kiosk' && h.config.ownerId === kioskId) return h;
    }
    return this.agents.printerFor(kioskId);
  }

  /**
   * Why this kiosk cannot take tickets now, or null: a kiosk bound to an agent
   * (`agent: true`) is unavailable while that agent is not connected and announced,
   * never silently printer-less.
   */
  kioskUnavailable(kioskId: string): string | null {
    if (this.agents.connected(kioskId)) return null;
    for (const h of this.handles.values()) {
      if (h instanceof PrinterDevice && h.config.ownerKind === 'kiosk' && h.config.ownerId === kioskId) return null;
    }
    return this.ctx.store.auth.client(kioskId)?.config.agent === true
      ? 'The ticket printer of this kiosk is not connected to the hall server (its kiosk agent is offline). Please go to the help desk; no ticket was taken.'
      : null;
  }

  cardIdentity(kioskId: string, cardToken: string): CardHolder | null {
    return this.cards.get(kioskId, cardToken);
  }

  /** A card read at a kiosk (its own reader or its agent's): masked and announced to that kiosk. */
  cardRead(kioskId: string, card: Pick<IdCardText, 'cardType' | 'name' | 'idNumber' | 'birthDate'>, actor: Actor): void {
    try {
      const holder = toCardHolder({ name: card.name, idNumber: card.idNumber, birthDate: card.birthDate }, this.ctx.idHmacKey);
      const { identity } = holder;
      const token = this.cards.put(kioskId, holder);
      this.ctx.store.events.append({ type: 'device.card_read', at: this.ctx.now().toISOString() }, actor, {
        kioskId,
        cardType: card.cardType,
      }); // no name: the event log is kept past retention and holds no personal data
      this.ctx.bus.emit('kiosk', {
        kioskId,
        event: 'id-card',
        // No age or birth date: the kiosk needs neither, and with the mask they would narrow the number.
        payload: { cardToken: token, maskedName: identity.maskedName, maskedIdNumber: identity.maskedIdNumber, cardType: card.cardType },
      });
    } catch (err) {
      this.ctx.bus.emit('kiosk', { kioskId, event: EV.idCardError, payload: { code: 'CARD_UNREADABLE', message: (err as Error).message } });
    }
  }

  /** An agent reported a device's health: announce it like our own devices'. */
  agentHealth(h: ManagedHealth): void {
    this.ctx.bus.emit('device', h);
    if (h.ownerId) this.ctx.bus.emit('kiosk', { kioskId: h.ownerId, event: 'device', payload: h });
  }

  private describe(c: DeviceConfig) {
    return { id: c.id, kind: c.kind, ownerKind: c.ownerKind, ownerId: c.ownerId, uri: c.uri };
  }

  private create(config: DeviceConfig): DeviceHandle {
    const onHealth = (h: DeviceHealth) => {
      const full = { ...this.describe(config), ...h };
      this.ctx.bus.emit('device', full);
      if (config.ownerKind === 'kiosk' && config.ownerId) {
        this.ctx.bus.emit('kiosk', { kioskId: config.ownerId, event: 'device', payload: full });
      }
    };
    const actor: Actor = { kind: 'device', id: config.id, deviceId: config.id };
    switch (config.kind) {
      case 'printer':
        return new PrinterDevice(config, onHealth);
      case 'idcard':
        return new IdCardDevice(config, onHealth, (card) => {
          if (config.ownerId) this.cardRead(config.ownerId, card, actor);
        });
      case 'led':
        return new LedDevice(config, onHealth);
      case 'keypad':
      case 'evaluator':
        return new KeypadDevice(config, onHealth, (windowId, e, device) =>
          handleKeypadEvent(this.ctx, this.hall, windowId, e, device, actor, this.log),
        );
    }
  }
}
