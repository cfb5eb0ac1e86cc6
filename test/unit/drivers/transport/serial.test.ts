import { afterEach, describe, expect, it } from 'vitest';
import { SerialTransport } from '../../../../drivers/transport/serial.js';
import { createTransport } from '../../../../drivers/transport/open.js';
import { parseUri, type SerialUri } from '../../../../drivers/transport/uri.js';
import { DeviceError, type TransportStatus } from '../../../../drivers/transport/types.js';
import { mockLine, resetMockPorts, waitFor } from './mock-line.js';

afterEach(() => resetMockPorts());

describe('SerialTransport over MockBinding', () => {
  it('opens with the URI settings, writes to the port and reports received bytes', async () => {
    const line = mockLine();
    const t = createTransport(`serial:${line.path}?baud=19200&parity=even`, { binding: line.binding });
    expect(t).toBeInstanceOf(SerialTransport);
    const statuses: TransportStatus[] = [];
    t.onStatus((s) => statuses.push(s));
    await t.open();
    expect(t.status).toBe('connected');
    expect(line.device.port?.openOptions).toMatchObject({ baudRate: 19200, parity: 'even', dataBits: 8, stopBits: 1 });

    const seen: Buffer[] = [];
    line.device.onData((c) => seen.push(c));
    await t.write(Uint8Array.of(0x3a, 0x01, 0x0a));
    expect(Buffer.concat(seen).toString('hex')).toBe('3a010a');
    expect(line.device.port?.recording.toString('hex')).toBe('3a010a');

    const got: Buffer[] = [];
    t.onData((c) => got.push(c));
    await line.device.write(Buffer.from('hello'));
    await waitFor('data from the mock port', () => Buffer.concat(got).toString() === 'hello');

    await t.close();
    expect(statuses).toEqual(['connecting', 'connected', 'disconnected']);
    await expect(t.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'NOT_OPEN' });
  });

  it('can be reopened after close', async () => {
    const line = mockLine();
    const t = createTransport(line.uri, { binding: line.binding });
    await t.open();
    await t.close();
    await t.open();
    expect(t.status).toBe('connected');
    await t.close();
  });

  it('gives DEVICE_NOT_FOUND for a port that does not exist', async () => {
    const line = mockLine();
    const cfg = parseUri('serial:/dev/ttyNOPE') as SerialUri;
    const t = new SerialTransport('serial:/dev/ttyNOPE', cfg, { binding: line.binding });
    const err = await t.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceError);
    expect(err).toMatchObject({ code: 'DEVICE_NOT_FOUND' });
    expect((err as Error).message).toContain('/dev/ttyNOPE');
    expect(t.status).toBe('error');
  });

  it('gives DEVICE_NOT_FOUND with the real binding for a missing tty', async () => {
    const t = createTransport('serial:/dev/ttyDOES_NOT_EXIST0');
    const err = await t.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceError);
    expect((err as DeviceError).code).toMatch(/DEVICE_NOT_FOUND|OPEN_FAILED|DRIVER_UNAVAILABLE/);
    expect((err as Error).message).toContain('/dev/ttyDOES_NOT_EXIST0');
  });
});
