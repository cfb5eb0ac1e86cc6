import { describe, expect, it } from 'vitest';
import { createPair } from '../../../../drivers/transport/pair.js';
import { ReconnectingTransport } from '../../../../drivers/transport/reconnecting.js';
import type { TransportStatus } from '../../../../drivers/transport/types.js';
import { tick, waitFor } from './mock-line.js';

const fast = { initialDelayMs: 10, maxDelayMs: 40, factor: 2, jitter: 0 };

describe('ReconnectingTransport', () => {
  it('reopens after unplug, with growing capped delays, and carries data again', async () => {
    const { host, device } = createPair('pair:test');
    await device.open();
    const r = new ReconnectingTransport(host, fast);
    const statuses: TransportStatus[] = [];
    r.onStatus((s) => statuses.push(s));
    await r.open();
    expect(r.status).toBe('connected');

    const got: string[] = [];
    r.onData((c) => got.push(c.toString()));
    await device.write(Buffer.from('one'));
    await waitFor('first data', () => got.includes('one'));

    // while unplugged every attempt fails; the wait doubles up to the cap
    const delays: number[] = [];
    const off = r.onStatus((s) => (s === 'error' || s === 'disconnected') && delays.push(r.retryInMs ?? -1));
    host.unplug();
    await waitFor('disconnected', () => statuses.includes('disconnected'));
    await expect(r.write(Buffer.from('x'))).rejects.toMatchObject({ code: 'NOT_OPEN' });
    await waitFor('four failed attempts', () => delays.length >= 5);
    off();
    expect(delays.slice(0, 5)).toEqual([10, 20, 40, 40, 40]);
    expect(r.status).not.toBe('connected');

    host.replug();
    await r.waitConnected(2000);
    await device.write(Buffer.from('two'));
    await waitFor('data after replug', () => got.includes('two'));
    await r.write(Buffer.from('ping'));

    expect(statuses.slice(0, 4)).toEqual(['connecting', 'connected', 'disconnected', 'connecting']);
    expect(statuses.at(-1)).toBe('connected');
    await r.close();
  });

  it('does not fail open() when the device is absent, and connects once it appears', async () => {
    const { host, device } = createPair('pair:late');
    await device.open();
    host.unplug();
    const r = new ReconnectingTransport(host, fast);
    await r.open(); // must not throw
    expect(r.status).toBe('error');
    host.replug();
    await r.waitConnected(2000);
    await r.close();
  });

  it('stops retrying on close()', async () => {
    const { host } = createPair('pair:stop');
    host.unplug();
    const r = new ReconnectingTransport(host, fast);
    await r.open();
    await r.close();
    const attempts = r.attempts;
    await tick(100);
    expect(r.attempts).toBe(attempts);
    expect(r.status).toBe('disconnected');
  });

  it('builds a fresh transport per attempt when given a factory', async () => {
    let made = 0;
    const pairs: ReturnType<typeof createPair>[] = [];
    const r = new ReconnectingTransport(() => {
      made++;
      const p = createPair(`pair:f${made}`);
      void p.device.open();
      if (made === 1) p.host.unplug(); // first one is dead
      pairs.push(p);
      return p.host;
    }, { ...fast, uri: 'pair:factory' });
    await r.open();
    await r.waitConnected(2000);
    expect(made).toBe(2);
    expect(r.uri).toBe('pair:factory');
    await r.close();
  });

  it('rejects nonsense options and times out waitConnected with a clear message', async () => {
    const { host } = createPair('pair:x');
    expect(() => new ReconnectingTransport(host, { initialDelayMs: 100, maxDelayMs: 10 })).toThrow(/initialDelayMs/);
    host.unplug();
    const r = new ReconnectingTransport(host, fast);
    await r.open();
    await expect(r.waitConnected(50)).rejects.toThrow(/pair:x: not connected within 50 ms/);
    await r.close();
  });
});
