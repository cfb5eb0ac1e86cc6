import { TransportBase } from './base.js';
import { DeviceError } from './types.js';

/**
 * One end of an in-memory byte pipe. Writes arrive at the peer's data listeners
 * asynchronously (next macrotask), like bytes on a wire.
 */
export class PairEnd extends TransportBase {
  peer!: PairEnd;
  private unplugged = false;

  async open(): Promise<void> {
    if (this.unplugged) {
      const err = new DeviceError('DEVICE_NOT_FOUND', `${this.uri}: device is unplugged`);
      this.setStatus('error', err);
      throw err;
    }
    this.setStatus('connected');
  }

  async write(data: Uint8Array): Promise<void> {
    this.assertOpen();
    const copy = Buffer.from(data);
    const peer = this.peer;
    setImmediate(() => peer.deliver(copy));
  }

  async close(): Promise<void> {
    this.setStatus('disconnected');
  }

  /** Simulate pulling the cable: the port drops and cannot be opened until replug. */
  unplug(): void {
    this.unplugged = true;
    if (this.status === 'connected') this.setStatus('disconnected');
  }

  replug(): void {
    this.unplugged = false;
  }

  private deliver(chunk: Buffer): void {
    if (this.status === 'connected') this.emitData(chunk);
  }
}

/** Two linked ends: `host` for the driver, `device` for the simulator. */
export function createPair(uri: string): { host: PairEnd; device: PairEnd } {
  const host = new PairEnd(uri);
  const device = new PairEnd(`${uri}#device`);
  host.peer = device;
  device.peer = host;
  return { host, device };
}
