import { hexId } from './uri.js';

/** Each source answers on its own: a missing udevadm must not hide the USB list. */
export type Listing<T> = { ok: true; devices: T[] } | { ok: false; reason: string; devices: [] };

export interface SerialPortEntry { uri: string; path: string; manufacturer?: string; serialNumber?: string; vendorId?: string; productId?: string }
export interface HidEntry { uri: string; vendorId: number; productId: number; product?: string; manufacturer?: string; path?: string; usagePage?: number; usage?: number; interface: number }
export interface UsbEntry { uri: string; vendorId: number; productId: number; bus: number; address: number; deviceClass: number }

export interface DeviceListing {
  serial: Listing<SerialPortEntry>;
  hid: Listing<HidEntry>;
  usb: Listing<UsbEntry>;
}

function failed<T>(reason: string, err: unknown): Listing<T> {
  const msg = err instanceof Error ? err.message : String(err);
  return { ok: false, reason: `${reason}: ${msg}`, devices: [] };
}

export async function listSerialPorts(): Promise<Listing<SerialPortEntry>> {
  try {
    const { SerialPort } = await import('serialport');
    const ports = await SerialPort.list();
    return {
      ok: true,
      devices: ports.map((p) => ({
        uri: `serial:${p.path}`,
        path: p.path,
        manufacturer: p.manufacturer,
        serialNumber: p.serialNumber,
        vendorId: p.vendorId,
        productId: p.productId,
      })),
    };
  } catch (err) {
    return failed('cannot list serial ports (Linux needs udevadm, Debian package udev)', err);
  }
}

export async function listHidDevices(): Promise<Listing<HidEntry>> {
  try {
    const hid = await import('node-hid');
    const devices = await hid.devicesAsync();
    return {
      ok: true,
      devices: devices.map((d) => ({
        uri: `hid:${hexId(d.vendorId)}:${hexId(d.productId)}`,
        vendorId: d.vendorId,
        productId: d.productId,
        product: d.product,
        manufacturer: d.manufacturer,
        path: d.path,
        usagePage: d.usagePage,
        usage: d.usage,
        interface: d.interface,
      })),
    };
  } catch (err) {
    return failed('cannot list HID devices (node-hid on Linux needs libusb-1.0, Debian package libusb-1.0-0)', err);
  }
}

export async function listUsbDevices(): Promise<Listing<UsbEntry>> {
  try {
    const usb = await import('usb');
    return {
      ok: true,
      devices: usb.getDeviceList().map((d) => ({
        uri: `usb:${hexId(d.deviceDescriptor.idVendor)}:${hexId(d.deviceDescriptor.idProduct)}`,
        vendorId: d.deviceDescriptor.idVendor,
        productId: d.deviceDescriptor.idProduct,
        bus: d.busNumber,
        address: d.deviceAddress,
        deviceClass: d.deviceDescriptor.bDeviceClass,
      })),
    };
  } catch (err) {
    return failed('cannot list USB devices (usb needs libusb-1.0, Debian package libusb-1.0-0)', err);
  }
}

export async function listDevices(): Promise<DeviceListing> {
  const [serial, hid, usb] = await Promise.all([listSerialPorts(), listHidDevices(), listUsbDevices()]);
  return { serial, hid, usb };
}
