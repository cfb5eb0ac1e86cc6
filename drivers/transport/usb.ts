import type { Device, InEndpoint, Interface, OutEndpoint } from 'usb';
import { TransportBase, loadNative, toDeviceError } from './base.js';
import { DeviceError } from './types.js';
import { hexId, type UsbUri } from './uri.js';

type UsbModule = typeof import('usb');
const BULK = 2; // LIBUSB_TRANSFER_TYPE_BULK

/**
 * Raw USB bulk endpoints through `usb` 2.x (libusb). Used for printers that are
 * not bound to usblp. `escpos-usb` is not used: it breaks with today's `usb`.
 */
export class UsbTransport extends TransportBase {
  private mod?: UsbModule;
  private device?: Device;
  private iface?: Interface;
  private inEp?: InEndpoint;
  private outEp?: OutEndpoint;
  private onDetach?: (d: Device) => void;

  constructor(
    uri: string,
    private readonly cfg: UsbUri,
  ) {
    super(uri);
  }

  async open(): Promise<void> {
    if (this.status === 'connected') return;
    this.setStatus('connecting');
    try {
      this.mod ??= await loadNative<UsbModule>('usb', this.uri, 'needs libusb-1.0 (Debian: libusb-1.0-0)');
      const device = this.mod.findByIds(this.cfg.vendorId, this.cfg.productId);
      if (!device) {
        throw new DeviceError(
          'DEVICE_NOT_FOUND',
          `${this.uri}: no USB device ${hexId(this.cfg.vendorId)}:${hexId(this.cfg.productId)} is connected (check the cable, or lsusb)`,
        );
      }
      this.claim(device);
    } catch (err) {
      const e = toDeviceError('OPEN_FAILED', this.uri, 'cannot open USB device', err);
      this.setStatus('error', e);
      throw e;
    }
    this.setStatus('connected');
  }

  private claim(device: Device): void {
    device.open();
    this.device = device;
    const iface = device.interface(this.cfg.interface ?? 0);
    if (!iface) throw new DeviceError('OPEN_FAILED', `${this.uri}: interface ${this.cfg.interface ?? 0} does not exist`);
    // usblp or another kernel driver may hold the interface; take it over for the session
    if (process.platform === 'linux' && iface.isKernelDriverActive()) iface.detachKernelDriver();
    iface.claim();
    this.iface = iface;
    this.outEp = iface.endpoints.find((e) => e.direction === 'out' && e.transferType === BULK) as OutEndpoint | undefined;
    this.inEp = iface.endpoints.find((e) => e.direction === 'in' && e.transferType === BULK) as InEndpoint | undefined;
    if (!this.outEp) throw new DeviceError('OPEN_FAILED', `${this.uri}: interface has no bulk OUT endpoint`);
    if (this.inEp) {
      this.inEp.on('data', (chunk: Buffer) => chunk.length && this.emitData(Buffer.from(chunk)));
      this.inEp.on('error', (err: Error) => this.lost(err));
      this.inEp.startPoll(2, 64);
    }
    this.onDetach = (d) => {
      if (d === this.device) this.lost(new Error('unplugged'));
    };
    this.mod!.usb.on('detach', this.onDetach);
  }

  async write(data: Uint8Array): Promise<void> {
    this.assertOpen();
    try {
      await this.outEp!.transferAsync(Buffer.from(data));
    } catch (err) {
      throw toDeviceError('WRITE_FAILED', this.uri, 'USB bulk write failed', err);
    }
  }

  async close(): Promise<void> {
    this.release();
    if (this.status !== 'idle') this.setStatus('disconnected');
  }

  private lost(err: Error): void {
    if (!this.device) return;
    this.release();
    this.setStatus('disconnected', toDeviceError('DISCONNECTED', this.uri, 'USB device went away', err));
  }

  private release(): void {
    const { device, iface, inEp } = this;
    this.device = this.iface = this.inEp = this.outEp = undefined;
    if (this.onDetach) this.mod?.usb.removeListener('detach', this.onDetach);
    this.onDetach = undefined;
    const quiet = (f: () => void) => {
      try {
        f();
      } catch {
        // the device may already be gone; nothing left to release then
      }
    };
    if (inEp?.pollActive) quiet(() => inEp.stopPoll());
    if (iface) quiet(() => iface.release(true, () => quiet(() => device?.close())));
    else if (device) quiet(() => device.close());
  }
}
