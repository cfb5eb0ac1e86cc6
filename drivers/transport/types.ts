/**
 * The one small interface every transport implements. Drivers are handed a
 * Transport and never know whether it is serial, TCP, a file, USB, HID or a
 * built-in simulator.
 */
export type TransportStatus = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'error';

export interface Transport {
  /** The URI this transport was built from, e.g. `serial:/dev/ttyUSB0?baud=115200`. */
  readonly uri: string;
  readonly status: TransportStatus;
  open(): Promise<void>;
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** Bytes from the device. Returns an unsubscribe function. */
  onData(listener: (chunk: Buffer) => void): () => void;
  /** Status changes (connected, disconnected after unplug, error). */
  onStatus(listener: (status: TransportStatus, error?: Error) => void): () => void;
}

/** A device problem a person can act on: code is stable, message is for people. */
export class DeviceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'DeviceError';
  }
}
