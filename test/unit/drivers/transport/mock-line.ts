import { createRequire } from 'node:module';
import type { SerialPortMock } from 'serialport';
import { TransportBase } from '../../../../drivers/transport/base.js';
import type { BindingInterface } from '../../../../drivers/transport/serial.js';

// @serialport/binding-mock ships types only for its CommonJS entry, which
// NodeNext does not pick for an ESM import; borrow them through serialport.
type MockBindingT = typeof SerialPortMock.binding;
type MockPortBinding = Awaited<ReturnType<MockBindingT['open']>>;
const { MockBinding } = createRequire(import.meta.url)('@serialport/binding-mock') as { MockBinding: MockBindingT };

/**
 * A serial line for tests: the host uses the real SerialTransport with a
 * MockBinding-based binding; `device` is a Transport for the far end of the
 * cable (what the host writes arrives there; what it writes is emitted into
 * the mock port), so a simulator can sit on it.
 */
class MockDeviceEnd extends TransportBase {
  port?: MockPortBinding;
  async open(): Promise<void> {
    this.setStatus('connected');
  }
  async write(data: Uint8Array): Promise<void> {
    this.assertOpen();
    const copy = Buffer.from(data);
    // like bytes on a wire, arrive later, not inside the writer's call stack
    setImmediate(() => this.port?.isOpen && this.port.emitData(copy));
  }
  async close(): Promise<void> {
    this.setStatus('disconnected');
  }
  fromHost(chunk: Buffer): void {
    if (this.status === 'connected') this.emitData(chunk);
  }
}

let counter = 0;

export function mockLine(): { path: string; uri: string; binding: BindingInterface; device: MockDeviceEnd } {
  const path = `/dev/ttyMOCK${counter++}`;
  MockBinding.createPort(path, { echo: false, record: true });
  const device = new MockDeviceEnd(`mock-device:${path}`);
  void device.open();
  const binding = {
    ...MockBinding,
    list: () => MockBinding.list(),
    async open(options: Parameters<typeof MockBinding.open>[0]) {
      const port = await MockBinding.open(options);
      const write = port.write.bind(port);
      port.write = async (buf: Buffer) => {
        await write(buf);
        device.fromHost(Buffer.from(buf));
      };
      device.port = port;
      return port;
    },
  } as unknown as BindingInterface;
  return { path, uri: `serial:${path}?baud=9600`, binding, device };
}

export function resetMockPorts(): void {
  MockBinding.reset();
}

export const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll until `check` passes or fail with what was waited for; avoids fixed sleeps. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await tick(5);
  }
}
