import type { OpenOptions, SerialPortStream } from '@serialport/stream';
import { TransportBase, loadNative, toDeviceError } from './base.js';
import { DeviceError } from './types.js';
import type { SerialUri } from './uri.js';

/** A serialport binding (native, MockBinding, …); derived so we need not import bindings-interface. */
export type BindingInterface = OpenOptions['binding'];

export interface SerialOptions {
  /**
   * A serialport binding to use instead of the native one, e.g. `MockBinding`
   * from `@serialport/binding-mock` in tests. When given, the native
   * `@serialport/bindings-cpp` module is never loaded.
   */
  binding?: BindingInterface;
}

/**
 * Serial port (RS-232 / RS-485 / USB-serial). The native binding is imported on
 * first open so that a machine without a working build still starts.
 */
export class SerialTransport extends TransportBase {
  private port?: SerialPortStream;
  private closing = false;

  constructor(
    uri: string,
    private readonly cfg: SerialUri,
    private readonly options: SerialOptions = {},
  ) {
    super(uri);
  }

  async open(): Promise<void> {
    if (this.status === 'connected') return;
    this.setStatus('connecting');
    this.closing = false;
    const binding = this.options.binding ?? (await this.nativeBinding());
    const { SerialPortStream } = await loadNative<typeof import('@serialport/stream')>(
      '@serialport/stream',
      this.uri,
      'installed with serialport',
    );
    const port = new SerialPortStream({
      binding,
      path: this.cfg.path,
      baudRate: this.cfg.baudRate,
      dataBits: this.cfg.dataBits,
      parity: this.cfg.parity,
      stopBits: this.cfg.stopBits,
      // Windows can toggle RTS for RS-485 direction; other bindings ignore it
      ...(this.cfg.rs485 ? { rtsMode: 'toggle' } : {}),
      autoOpen: false,
    } as ConstructorParameters<typeof SerialPortStream>[0]);
    try {
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      const code = /ENOENT|No such file|not exist/i.test(String(err)) ? 'DEVICE_NOT_FOUND' : 'OPEN_FAILED';
      const e = toDeviceError(code, this.uri, `cannot open serial port ${this.cfg.path}`, err);
      this.setStatus('error', e);
      throw e;
    }
    this.port = port;
    port.on('data', (chunk: Buffer) => this.emitData(chunk));
    port.on('error', (err: Error) => {
      if (this.port !== port) return;
      this.setStatus('error', toDeviceError('IO_ERROR', this.uri, 'serial port error', err));
    });
    port.on('close', (err?: Error & { disconnected?: boolean }) => {
      if (this.port !== port) return;
      this.port = undefined;
      if (this.closing) return this.setStatus('disconnected');
      this.setStatus('disconnected', toDeviceError('DISCONNECTED', this.uri, 'serial port went away', err ?? 'closed'));
    });
    this.setStatus('connected');
  }

  async write(data: Uint8Array): Promise<void> {
    this.assertOpen();
    const port = this.port!;
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(data), (err) => {
        if (err) return reject(toDeviceError('WRITE_FAILED', this.uri, 'write failed', err));
        // drain so that "written" means handed to the OS, which the LED bus timing relies on
        port.drain((e) => (e ? reject(toDeviceError('WRITE_FAILED', this.uri, 'drain failed', e)) : resolve()));
      });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) {
      await new Promise<void>((resolve) => port.close(() => resolve()));
    }
    if (this.status !== 'idle') this.setStatus('disconnected');
  }

  private async nativeBinding(): Promise<BindingInterface> {
    const mod = await loadNative<typeof import('serialport')>('serialport', this.uri, 'native serial binding');
    const binding = mod.SerialPort?.binding;
    if (!binding) throw new DeviceError('DRIVER_UNAVAILABLE', `${this.uri}: serialport has no native binding for this platform`);
    return binding as BindingInterface;
  }
}
