import type { Transport, TransportStatus } from './types.js';
import { DeviceError } from './types.js';

type DataListener = (chunk: Buffer) => void;
type StatusListener = (status: TransportStatus, error?: Error) => void;

/**
 * One end of an in-memory byte pipe. Writes arrive at the peer's data listeners
 * asynchronously (next macrotask), like bytes on a wire.
 */
export class PairEnd implements Transport {
  status: TransportStatus = 'idle';
  peer!: PairEnd;
  private dataListeners = new Set<DataListener>();
  private statusListeners = new Set<StatusListener>();
  private unplugged = false;

  constructor(readonly uri: string) {}

  async open(): Promise<void> {
    if (this.unplugged) {
      this.setStatus('error', new DeviceError('DEVICE_NOT_FOUND', `${this.uri}: device is unplugged`));
      throw new DeviceError('DEVICE_NOT_FOUND', `${this.uri}: device is unplugged`);
    }
    this.setStatus('connected');
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.status !== 'connected') throw new DeviceError('NOT_OPEN', `${this.uri}: not open`);
    const copy = Buffer.from(data);
    const peer = this.peer;
    setImmediate(() => peer.deliver(copy));
  }

  async close(): Promise<void> {
    this.setStatus('disconnected');
  }

  onData(listener: DataListener): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
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
    if (this.status !== 'connected') return;
    for (const l of this.dataListeners) l(chunk);
  }

  private setStatus(status: TransportStatus, error?: Error): void {
    this.status = status;
    for (const l of this.statusListeners) l(status, error);
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
