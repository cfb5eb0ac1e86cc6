import type { DeviceHealth } from '../../common/types.js';
import {
  createReconnectingTransport,
  createTransport,
  ReconnectingTransport,
  simulatorOf,
  type Transport,
} from '../../drivers/transport/index.js';
import type { DeviceConfig } from '../store/device-repo.js';

export type HealthListener = (h: DeviceHealth) => void;

/**
 * What every managed device has: its configuration, a transport that reconnects
 * by itself, its health, and (for `sim:` URIs) the simulator behind it.
 */
export abstract class DeviceHandle {
  readonly transport: ReconnectingTransport;
  readonly simulator: unknown;
  private state: DeviceHealth['state'] = 'unavailable';
  private detail = 'starting';
  private unsub: () => void;

  constructor(
    readonly config: DeviceConfig,
    private onHealth: HealthListener,
  ) {
    if (config.uri.startsWith('sim:')) {
      const inner: Transport = createTransport(config.uri);
      this.simulator = simulatorOf(inner);
      this.transport = new ReconnectingTransport(inner, { initialDelayMs: 200, maxDelayMs: 5000 });
    } else {
      this.transport = createReconnectingTransport(config.uri, { initialDelayMs: 500, maxDelayMs: 30_000 });
      this.simulator = undefined;
    }
    this.unsub = this.transport.onStatus((s, err) => {
      if (s === 'connected') this.setHealth('ok', 'connected');
      else if (s === 'disconnected') this.setHealth('error', err?.message ?? 'disconnected; retrying');
      else if (s === 'error') this.setHealth('error', err?.message ?? 'device error; retrying');
    });
  }

  health(): DeviceHealth {
    return { id: this.config.id, kind: this.config.kind, state: this.state, detail: this.detail };
  }

  protected setHealth(state: DeviceHealth['state'], detail: string): void {
    if (state === this.state && detail === this.detail) return;
    this.state = state;
    this.detail = detail;
    this.onHealth(this.health());
  }

  async start(): Promise<void> {
    await this.transport.open();
    await this.started();
  }

  async stop(): Promise<void> {
    await this.stopping();
    this.unsub();
    await this.transport.close();
  }

  protected abstract started(): Promise<void>;
  protected abstract stopping(): Promise<void>;
}
