import net from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTransport } from '../../../../drivers/transport/open.js';
import { listDevices } from '../../../../drivers/transport/list.js';
import { DeviceError } from '../../../../drivers/transport/types.js';

async function openError(uri: string): Promise<DeviceError> {
  const t = createTransport(uri);
  const err = await t.open().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `${uri} should not open`).toBeInstanceOf(DeviceError);
  expect(t.status).toBe('error');
  return err as DeviceError;
}

describe('absent devices give a DeviceError, never a crash', () => {
  // these ids are not plugged into the test machine (nor any machine: 0xfffe is reserved)
  it('hid', async () => {
    const err = await openError('hid:0xfffe:0x0001');
    expect(err.code).toMatch(/DEVICE_NOT_FOUND|DRIVER_UNAVAILABLE/);
    expect(err.message).toMatch(/0xfffe:0x0001|node-hid/);
  });

  it('usb', async () => {
    const err = await openError('usb:0xfffe:0x0002');
    expect(err.code).toMatch(/DEVICE_NOT_FOUND|DRIVER_UNAVAILABLE/);
    expect(err.message).toMatch(/0xfffe:0x0002|libusb/);
  });

  it('file under /dev', async () => {
    const err = await openError('file:/dev/usb/lp9');
    expect(err.code).toBe('DEVICE_NOT_FOUND');
    expect(err.message).toContain('/dev/usb/lp9');
  });

  it('tcp with nobody listening', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const err = await openError(`tcp:127.0.0.1:${port}`);
    expect(err.code).toBe('OPEN_FAILED');
    expect(err.message).toContain(`127.0.0.1:${port}`);
  });

  it('sim with no simulator registered', () => {
    expect(() => createTransport('sim:toaster')).toThrow(/no simulator registered as "toaster"/);
  });

  it('listing reports each source on its own', async () => {
    const l = await listDevices();
    for (const src of [l.serial, l.hid, l.usb]) {
      if (src.ok) expect(Array.isArray(src.devices)).toBe(true);
      else expect(src.reason).toMatch(/cannot list/);
    }
  });
});

describe('file and tcp transports carry bytes', () => {
  it('file: appends to a plain file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onestop-'));
    const path = join(dir, 'capture.bin');
    process.env.ONESTOP_DEVICE_FILE_DIR = dir; // capture files live in the device-file folder
    const t = createTransport(`file:${path}`);
    try {
      await t.open();
      await t.write(Uint8Array.of(0x1b, 0x40));
      await t.write(Buffer.from('ok'));
      await t.close();
    } finally {
      delete process.env.ONESTOP_DEVICE_FILE_DIR;
    }
    expect(readFileSync(path).toString('hex')).toBe('1b406f6b');
  });

  it('tcp: round trip and disconnect when the peer goes away', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => {
      sockets.push(s);
      s.on('data', (d) => s.write(Buffer.concat([Buffer.from('echo:'), d])));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const t = createTransport(`tcp:127.0.0.1:${port}`);
    await t.open();
    const got: Buffer[] = [];
    t.onData((c) => got.push(c));
    const statuses: string[] = [];
    t.onStatus((s) => statuses.push(s));
    await t.write(Buffer.from('hi'));
    await expect.poll(() => Buffer.concat(got).toString()).toBe('echo:hi');
    sockets[0].destroy();
    await expect.poll(() => statuses).toContain('disconnected');
    await t.close();
    await new Promise<void>((r) => server.close(() => r()));
  });
});
