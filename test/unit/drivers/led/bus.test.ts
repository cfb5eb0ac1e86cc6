import { afterEach, describe, expect, it } from 'vitest';
import { BUS_CRC16, STRIP_XOR, WINDOW_3A, LedBus, LedSimulator, registerLedSimulator, type LedProfile } from '../../../../drivers/led/index.js';
import { createTransport } from '../../../../drivers/transport/open.js';
import { simulatorOf } from '../../../../drivers/transport/sim.js';
import { DeviceError } from '../../../../drivers/transport/types.js';
import { mockLine, resetMockPorts, waitFor } from '../transport/mock-line.js';

afterEach(() => resetMockPorts());

/** Host: LedBus over the real SerialTransport with MockBinding; device: simulator on the far end of the mock cable. */
async function rig(profile: LedProfile, addresses?: number[], retries = 2) {
  const line = mockLine();
  const host = createTransport(line.uri, { binding: line.binding });
  await host.open();
  const sim = new LedSimulator(line.device, profile, { addresses });
  const bus = new LedBus(host, profile, { retries, ackTimeoutMs: 80, gapMs: 1 });
  return { host, sim, bus, line };
}

describe.each([WINDOW_3A, BUS_CRC16, STRIP_XOR])('LedBus ↔ LedSimulator over MockBinding ($name)', (profile) => {
  it('shows text on several addressed boards, one command at a time', async () => {
    const { sim, bus, host } = await rig(profile, [1, 2, 5]);
    // fired without awaiting each: the bus must serialize them
    await Promise.all([bus.showText(1, 'A001'), bus.showText(2, 'B017'), bus.showText(5, '请到5号窗口'), bus.clear(2)]);
    await waitFor('board 5 text', () => sim.shown(5) === '请到5号窗口');
    expect(sim.shown(1)).toBe('A001');
    expect(sim.shown(2)).toBe('');
    expect(sim.received.map((c) => c.kind)).toEqual(['text', 'text', 'text', 'clear']);
    expect(sim.badFrames).toBe(0);
    await host.close();
  });
});

describe('LedBus acks (bus-crc16)', () => {
  it('retries a dropped ack and succeeds', async () => {
    const { sim, bus, host } = await rig(BUS_CRC16, [3]);
    sim.faults.dropAcks = 2; // two attempts lost, the third (retries = 2) acked
    await bus.showText(3, 'A100');
    expect(sim.received.length).toBe(3); // the board executed all three copies, which is harmless for "show text"
    expect(sim.shown(3)).toBe('A100');
    await host.close();
  });

  it('reports an ack timeout that names what was waited for', async () => {
    const { sim, bus, host } = await rig(BUS_CRC16, [3], 1);
    sim.faults.dropAcks = Infinity;
    const err = await bus.showText(3, 'A100').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceError);
    expect(err).toMatchObject({ code: 'ACK_TIMEOUT' });
    expect((err as Error).message).toMatch(/LED board 3 \(bus-crc16\) on serial:\/dev\/ttyMOCK\d+.*no ack \(frame cmd 0x06 echoing 0x10 from address 3\) within 80 ms, 2 attempt/);
    // the queue is not stuck after a failure
    sim.faults.dropAcks = 0;
    await bus.clear(3);
    await host.close();
  });

  it('treats a corrupted ack as missing, and an absent board times out', async () => {
    const { sim, bus, host } = await rig(BUS_CRC16, [3], 2);
    sim.faults.corruptAcks = 1;
    await bus.showText(3, 'X1');
    expect(sim.received.length).toBe(2);
    await expect(bus.showText(9, 'nobody')).rejects.toMatchObject({ code: 'ACK_TIMEOUT' });
    await host.close();
  });

  it('retries on NAK and reports persistent NAKs as NAK', async () => {
    const { sim, bus, host } = await rig(BUS_CRC16, [3], 1);
    sim.faults.nakNext = 1;
    await bus.showText(3, 'after nak');
    expect(sim.shown(3)).toBe('after nak');
    sim.faults.nakNext = 5;
    await expect(bus.clear(3)).rejects.toMatchObject({ code: 'NAK' });
    await host.close();
  });

  it('broadcast is not acked and reaches every board', async () => {
    const { sim, bus, host } = await rig(BUS_CRC16, [1, 2]);
    sim.faults.dropAcks = Infinity; // would fail if the bus waited for an ack
    await bus.showText(BUS_CRC16.broadcastAddress!, '暂停服务');
    await waitFor('broadcast applied', () => sim.shown(1) === '暂停服务' && sim.shown(2) === '暂停服务');
    await host.close();
  });

  it('dispose fails the command waiting for its ack at once, with no retry written after it', async () => {
    const line = mockLine();
    const host = createTransport(line.uri, { binding: line.binding });
    await host.open();
    const sim = new LedSimulator(line.device, BUS_CRC16, { addresses: [3] });
    sim.faults.dropAcks = Infinity;
    // an ack timeout far beyond the test's life: only dispose can end the wait
    const bus = new LedBus(host, BUS_CRC16, { retries: 2, ackTimeoutMs: 600_000 });
    const sent = bus.showText(3, 'A100').catch((e: unknown) => e);
    await waitFor('the command reached the board', () => sim.received.length === 1);
    bus.dispose();
    expect(await sent).toMatchObject({ code: 'CLOSED' });
    await expect(bus.clear(3)).rejects.toMatchObject({ code: 'CLOSED' });
    await new Promise((r) => setTimeout(r, 20)); // give a stray retry the time to reach the board
    expect(sim.received.length).toBe(1);
    await host.close();
  });

  it('fails fast with NOT_OPEN when the transport is closed', async () => {
    const { bus, host } = await rig(BUS_CRC16, [3]);
    await host.close();
    await expect(bus.showText(3, 'A1')).rejects.toMatchObject({ code: 'NOT_OPEN' });
  });
});

describe('LedBus ack bytes (strip-xor)', () => {
  it('retries and then times out naming the ack bytes', async () => {
    const { sim, bus, host } = await rig(STRIP_XOR, [7], 1);
    sim.faults.dropAcks = 1;
    await bus.showText(7, '欢迎光临');
    expect(sim.received.length).toBe(2);
    sim.faults.dropAcks = Infinity;
    await expect(bus.clear(7)).rejects.toThrow(/no ack \(bytes 0x06\) within 80 ms, 2 attempt/);
    await expect(bus.showLines(7, ['A012', '请到5号窗口'])).rejects.toThrow(/2 lines given, strip-xor shows 1/);
    await host.close();
  });
});

describe('sim:led', () => {
  it('is available through createTransport once registered', async () => {
    registerLedSimulator();
    const t = createTransport('sim:led?profile=bus-crc16&address=4,5');
    await t.open();
    const bus = new LedBus(t, BUS_CRC16);
    await bus.showLines(4, ['A012', '请到4号窗口']);
    await bus.setBrightness(5, 8);
    const sim = simulatorOf<LedSimulator>(t)!;
    expect(sim.lines(4)).toEqual(['A012', '请到4号窗口', '', '']);
    expect(sim.boards.get(5)?.brightness).toBe(8);
    await expect(bus.showText(6, 'no board')).rejects.toMatchObject({ code: 'ACK_TIMEOUT' });
    await expect(bus.showText(4, '𠮷')).rejects.toThrow(/outside GBK/); // rejected, not thrown, and never queued
    expect(() => createTransport('sim:led?profile=nope')).toThrow(/unknown LED profile "nope"/);
    await t.close();
  });
});
