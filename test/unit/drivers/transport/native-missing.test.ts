import { describe, expect, it, vi } from 'vitest';
import { createTransport } from '../../../../drivers/transport/open.js';
import { listHidDevices, listUsbDevices } from '../../../../drivers/transport/list.js';

// Simulate a machine where the native modules cannot load (no libusb-1.0 installed):
// (vitest wraps the factory's error in its own message, so tests match our hint, not the loader's text)
// the failure must come back as a DeviceError on open() / a reason in the listing, never a crash at import.
vi.mock('node-hid', () => {
  throw new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory');
});
vi.mock('usb', () => {
  throw new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory');
});

describe('native module missing', () => {
  it('hid: DRIVER_UNAVAILABLE naming the library to install', async () => {
    const t = createTransport('hid:0x1234:0x5678');
    const err = await t.open().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DRIVER_UNAVAILABLE', name: 'DeviceError' });
    expect((err as Error).message).toMatch(/cannot load node-hid.*libusb-1.0-0/);
    expect(t.status).toBe('error');
  });

  it('usb: DRIVER_UNAVAILABLE naming the library to install', async () => {
    const t = createTransport('usb:0x0483:0x5743');
    const err = await t.open().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DRIVER_UNAVAILABLE' });
    expect((err as Error).message).toMatch(/cannot load usb.*libusb-1.0-0/);
  });

  it('listing says why instead of throwing', async () => {
    expect(await listHidDevices()).toMatchObject({ ok: false, reason: expect.stringMatching(/libusb-1.0-0/) });
    expect(await listUsbDevices()).toMatchObject({ ok: false, reason: expect.stringMatching(/libusb/) });
  });
});
