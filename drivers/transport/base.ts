import type { Transport, TransportStatus } from './types.js';
import { DeviceError } from './types.js';

type DataListener = (chunk: Buffer) => void;
type StatusListener = (status: TransportStatus, error?: Error) => void;

/**
 * Listener bookkeeping shared by the real transports, so each of them only has
 * to say how bytes get in and out. A throwing listener must not take the port
 * down with it, hence the try/catch around every callback.
 */
export abstract class TransportBase implements Transport {
  status: TransportStatus = 'idle';
  private dataListeners = new Set<DataListener>();
  private statusListeners = new Set<StatusListener>();

  constructor(readonly uri: string) {}

  abstract open(): Promise<void>;
  abstract write(data: Uint8Array): Promise<void>;
  abstract close(): Promise<void>;

  onData(listener: DataListener): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  protected emitData(chunk: Buffer): void {
    for (const l of [...this.dataListeners]) {
      try {
        l(chunk);
      } catch {
        // a driver bug must not stop the byte stream for other listeners
      }
    }
  }

  protected setStatus(status: TransportStatus, error?: Error): void {
    if (this.status === status && !error) return;
    this.status = status;
    for (const l of [...this.statusListeners]) {
      try {
        l(status, error);
      } catch {
        // same as above
      }
    }
  }

  protected assertOpen(): void {
    if (this.status !== 'connected') throw new DeviceError('NOT_OPEN', `${this.uri}: not open (status ${this.status})`);
  }
}

/** Wrap whatever a native module threw into a DeviceError a person can act on. */
export function toDeviceError(code: string, uri: string, what: string, err: unknown): DeviceError {
  if (err instanceof DeviceError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  return new DeviceError(code, `${uri}: ${what}: ${msg}`, err);
}

/** Dynamic import with a clear error when a native module (or its system library) is missing. */
export async function loadNative<T>(moduleName: string, uri: string, hint: string): Promise<T> {
  try {
    return (await import(moduleName)) as T;
  } catch (err) {
    throw toDeviceError('DRIVER_UNAVAILABLE', uri, `cannot load ${moduleName} (${hint})`, err);
  }
}
