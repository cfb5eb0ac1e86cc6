import { afterEach, describe, expect, it } from 'vitest';
import { KeypadBus, KeypadSimulator, encodeKey, registerKeypadSimulators, type KeypadEvent } from '../../../../drivers/keypad/index.js';
import { createTransport } from '../../../../drivers/transport/open.js';
import { createPair } from '../../../../drivers/transport/pair.js';
import { simulatorOf } from '../../../../drivers/transport/sim.js';
import { mockLine, resetMockPorts, waitFor } from '../transport/mock-line.js';

afterEach(() => resetMockPorts());

async function serialRig() {
  const line = mockLine();
  const host = createTransport(line.uri, { binding: line.binding });
  await host.open();
  const sim = new KeypadSimulator(line.device, { retryMs: 60, maxRetries: 3 });
  const bus = new KeypadBus(host);
  const events: KeypadEvent[] = [];
  bus.onEvent((e) => events.push(e));
  return { host, sim, bus, events, line };
}

describe('KeypadBus ↔ KeypadSimulator over MockBinding (serial)', () => {
  it('reports key presses and ratings from several addresses as typed events, and acks them', async () => {
    const { host, sim, events } = await serialRig();
    expect(await sim.press(5, 'call-next')).toBe(true);
    expect(await sim.rate(5, 5)).toBe(true);
    expect(await sim.press(7, 'pause')).toBe(true);
    expect(await sim.rate(7, 1, 3)).toBe(true);
    expect(events).toEqual([
      { kind: 'key', address: 5, action: 'call-next' },
      { kind: 'rating', address: 5, grade: 5 },
      { kind: 'key', address: 7, action: 'pause' },
      { kind: 'rating', address: 7, grade: 1, reason: 3 },
    ]);
    expect(sim.transmissions).toBe(4);
    await host.close();
  });

  it('a lost transmission is repeated by the device and reported once', async () => {
    const { host, sim, bus, events } = await serialRig();
    sim.faults.loseTransmissions = 2;
    expect(await sim.press(3, 'recall')).toBe(true);
    expect(sim.transmissions).toBe(3);
    expect(events).toEqual([{ kind: 'key', address: 3, action: 'recall' }]);
    expect(bus.stats.duplicates).toBe(0);
    await host.close();
  });

  it('a lost ack makes the device repeat; the host reports the seq once but acks every copy', async () => {
    const { host, sim, bus, events } = await serialRig();
    sim.faults.ignoreAcks = 1;
    expect(await sim.press(3, 'finish')).toBe(true);
    expect(await sim.press(3, 'finish')).toBe(true); // a second real press has a new seq and counts
    expect(events).toEqual([
      { kind: 'key', address: 3, action: 'finish' },
      { kind: 'key', address: 3, action: 'finish' },
    ]);
    expect(bus.stats.duplicates).toBe(1);
    await host.close();
  });

  it('gives up after its retries when nobody acks', async () => {
    const { host, sim, bus } = await serialRig();
    bus.dispose(); // host stops listening: no acks
    expect(await sim.press(2, 'start')).toBe(false);
    expect(sim.transmissions).toBe(4);
    await host.close();
  });

  it('sends "please rate" and display lines to the addressed device', async () => {
    const { host, sim, bus } = await serialRig();
    await bus.requestRating(5, 30);
    await bus.showNumber(5, 'A012');
    await bus.showNumber(6, '请稍候');
    await waitFor('display of 6', () => sim.displays.get(6) === '请稍候');
    expect(sim.rateRequests).toEqual([{ address: 5, timeoutSec: 30 }]);
    expect(sim.displays.get(5)).toBe('A012');
    await expect(bus.showNumber(5, 'much too long for it')).rejects.toThrow(/keypad shows 16/);
    await host.close();
  });

  it('reports corrupted frames and unknown codes as errors, not events', async () => {
    const { host, bus, events, line } = await serialRig();
    const errors: string[] = [];
    bus.onError((e) => errors.push(e.message));
    const bad = encodeKey(4, 1, 'call-next');
    bad[6] ^= 0x01;
    const unknown = Buffer.from([0x02, 0x04, 0x4b, 0x02, 0x02, 0x7f, 0x04 ^ 0x4b ^ 0x02 ^ 0x02 ^ 0x7f, 0x03]);
    await line.device.write(Buffer.concat([bad, unknown, encodeKey(4, 3, 'resume')]));
    await waitFor('the good frame', () => events.length === 1);
    expect(events).toEqual([{ kind: 'key', address: 4, action: 'resume' }]);
    expect(errors.join('\n')).toMatch(/checksum/);
    expect(errors.join('\n')).toMatch(/unknown key code 0x7f/);
    await host.close();
  });
});

describe('KeypadBus in HID mode', () => {
  it('decodes input reports and writes output reports', async () => {
    const { host, device } = createPair('hid:0x1234:0x5678');
    await host.open();
    await device.open();
    const sim = new KeypadSimulator(device, { mode: 'hid' });
    const bus = new KeypadBus(host, { mode: 'hid', hidAddress: 8 });
    const events: KeypadEvent[] = [];
    bus.onEvent((e) => events.push(e));
    await sim.press(0, 'call-next'); // address 0 in the report: the USB device's configured window
    await sim.rate(0, 4);
    await waitFor('two events', () => events.length === 2);
    expect(events).toEqual([
      { kind: 'key', address: 8, action: 'call-next' },
      { kind: 'rating', address: 8, grade: 4 },
    ]);
    await bus.requestRating(8);
    await bus.showNumber(8, 'B003');
    await waitFor('display', () => sim.displays.get(8) === 'B003');
    expect(sim.rateRequests).toEqual([{ address: 8, timeoutSec: 0 }]);
  });
});

describe('sim:keypad and sim:evaluator', () => {
  it('work through createTransport once registered', async () => {
    registerKeypadSimulators();
    const t = createTransport('sim:evaluator');
    await t.open();
    const bus = new KeypadBus(t);
    const events: KeypadEvent[] = [];
    bus.onEvent((e) => events.push(e));
    const sim = simulatorOf<KeypadSimulator>(t)!;
    expect(await sim.rate(11, 3)).toBe(true);
    expect(events).toEqual([{ kind: 'rating', address: 11, grade: 3 }]);
    const hid = createTransport('sim:keypad?mode=hid');
    expect(simulatorOf<KeypadSimulator>(hid)?.mode).toBe('hid');
    await t.close();
  });
});
