/**
 * A driver ↔ simulator link over @serialport/binding-mock: the host end is the
 * real SerialTransport (drivers/transport/serial.ts) running on MockBinding; the
 * device end is a Transport over the mock port binding itself, so a simulator
 * sees exactly the bytes serialport wrote and answers with emitData().
 */
// binding-mock's package exports hide its types from NodeNext resolution; serialport re-exposes it typed.
import { SerialPortMock } from 'serialport';
import { SerialTransport, type BindingInterface } from '../../drivers/transport/serial.js';
import type { Transport, TransportStatus } from '../../drivers/transport/types.js';
import { parseUri, type SerialUri } from '../../drivers/transport/uri.js';

export const MockBinding = SerialPortMock.binding;
type MockPortBinding = Awaited<ReturnType<typeof MockBinding.open>>;
type Listener = (chunk: Buffer) => void;

/** Device side of a mock serial port; attaches when the host opens the port. */
export class MockSerialDevice implements Transport {
  status: TransportStatus = 'idle';
  private port?: MockPortBinding;
  private listeners = new Set<Listener>();
  private statusListeners = new Set<(s: TransportStatus) => void>();
  /** Every byte the host wrote, in order. */
  written: Buffer = Buffer.alloc(0);

  constructor(readonly uri: string) {}

  attach(port: MockPortBinding): void {
    this.port = port;
    const write = port.write.bind(port);
    port.write = async (buffer: Buffer) => {
      await write(buffer);
      const copy = Buffer.from(buffer);
      this.written = Buffer.concat([this.written, copy]);
      setImmediate(() => {
        for (const l of [...this.listeners]) l(copy);
      });
    };
    this.setStatus('connected');
  }

  async open(): Promise<void> {}
  async close(): Promise<void> {
    this.setStatus('disconnected');
  }

  async write(data: Uint8Array): Promise<void> {
    if (!this.port?.isOpen) throw new Error('mock port not open');
    this.port.emitData(Buffer.from(data));
  }

  onData(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: (s: TransportStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(s: TransportStatus): void {
    this.status = s;
    for (const l of this.statusListeners) l(s);
  }
}

/** A fresh mock port at `path` and both ends. Call MockBinding.reset() in afterEach. */
export function mockSerialPair(path = '/dev/ROBOT'): { host: SerialTransport; device: MockSerialDevice } {
  MockBinding.createPort(path, { echo: false, record: true });
  const uri = `serial:${path}?baud=115200`;
  const device = new MockSerialDevice(`${uri}#device`);
  const binding = {
    ...MockBinding,
    async open(options: Parameters<typeof MockBinding.open>[0]) {
      const port = await MockBinding.open(options);
      device.attach(port);
      return port;
    },
  };
  const host = new SerialTransport(uri, parseUri(uri) as SerialUri, { binding: binding as unknown as BindingInterface });
  return { host, device };
}
