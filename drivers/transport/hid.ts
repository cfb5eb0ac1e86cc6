import type { HIDAsync } from 'node-hid';
import { TransportBase, loadNative, toDeviceError } from './base.js';
import { DeviceError } from './types.js';
import { hexId, type HidUri } from './uri.js';

type HidModule = typeof import('node-hid');

/**
 * USB HID in data mode (caller keypads, evaluators). Each `data` chunk is one
 * input report; each write is one output report whose first byte is the
 * report id (0 when the device has none), as node-hid expects.
 * Devices in keyboard mode cannot be read this way: the OS owns them.
 */
export class HidTransport extends TransportBase {
  private dev?: HIDAsync;

  constructor(
    uri: string,
    private readonly cfg: HidUri,
  ) {
    super(uri);
  }

  async open(): Promise<void> {
    if (this.status === 'connected') return;
    this.setStatus('connecting');
    const ids = `${hexId(this.cfg.vendorId)}:${hexId(this.cfg.productId)}`;
    try {
      const hid = await loadNative<HidModule>('node-hid', this.uri, 'on Linux it needs libusb-1.0 (Debian: libusb-1.0-0)');
      const found = await hid.devicesAsync(this.cfg.vendorId, this.cfg.productId);
      if (found.length === 0) {
        throw new DeviceError('DEVICE_NOT_FOUND', `${this.uri}: no HID device ${ids} is connected (or no permission: check udev rules for hidraw)`);
      }
      this.dev = await hid.HIDAsync.open(this.cfg.vendorId, this.cfg.productId);
    } catch (err) {
      const e = toDeviceError('OPEN_FAILED', this.uri, `cannot open HID device ${ids}`, err);
      this.setStatus('error', e);
      throw e;
    }
    const dev = this.dev;
    dev.on('data', (chunk: Buffer) => this.emitData(Buffer.from(chunk)));
    dev.on('error', (err: Error) => {
      if (this.dev !== dev) return;
      this.dev = undefined;
      void dev.close().catch(() => undefined);
      this.setStatus('disconnected', toDeviceError('DISCONNECTED', this.uri, 'HID device went away', err));
    });
    this.setStatus('connected');
  }

  async write(data: Uint8Array): Promise<void> {
    this.assertOpen();
    try {
      await this.dev!.write(Buffer.from(data));
    } catch (err) {
      throw toDeviceError('WRITE_FAILED', this.uri, 'HID write failed', err);
    }
  }

  async close(): Promise<void> {
    const dev = this.dev;
    this.dev = undefined;
    if (dev) await dev.close().catch(() => undefined);
    if (this.status !== 'idle') this.setStatus('disconnected');
  }
}
