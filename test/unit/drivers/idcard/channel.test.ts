import { describe, expect, it } from 'vitest';
import { CommandChannel } from '../../../../drivers/idcard/channel.js';
import { COMMANDS, encodeReply, SW3 } from '../../../../drivers/idcard/frame.js';
import { IdCardSimulator } from '../../../../drivers/idcard/simulator.js';
import { createPair } from '../../../../drivers/transport/pair.js';
import { DeviceError } from '../../../../drivers/transport/types.js';

async function rig() {
  const { host, device } = createPair('sim:idcard');
  await Promise.all([host.open(), device.open()]);
  const channel = new CommandChannel(host);
  host.onData((chunk) => channel.push(chunk));
  return { host, device, channel };
}

describe('CommandChannel (SAM commands over the shared waiter and queue)', () => {
  it('queues commands sent at once and gives each its own reply, in order', async () => {
    const { device, channel } = await rig();
    const sim = new IdCardSimulator(device);
    // the reader's loop never overlaps commands, but a second caller (a diagnostic) must wait, not fail with BUSY
    const [id, status, find] = await Promise.all([
      channel.send(COMMANDS.samId, 1000),
      channel.send(COMMANDS.samStatus, 1000),
      channel.send(COMMANDS.findCard, 1000),
    ]);
    expect(id).toMatchObject({ sw3: SW3.OK, data: sim.samId });
    expect(status.sw3).toBe(SW3.OK);
    expect(find.sw3).toBe(SW3.FIND_FAILED);
  });

  it('fails a command at once on a corrupt reply, naming the command', async () => {
    const { device, channel } = await rig();
    device.onData(() => {
      const bad = encodeReply(SW3.OK);
      bad[bad.length - 1] ^= 0xff;
      void device.write(bad);
    });
    const err = await channel.send(COMMANDS.samStatus, 600_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceError);
    expect(err).toMatchObject({ code: 'BAD_CHECKSUM' });
    expect((err as Error).message).toMatch(/^sim:idcard: bad checksum .*\(reply to SAM status \(11 FF\)\)$/);
  });

  it('times out naming the command, then drops the late reply instead of taking it for the next command', async () => {
    const { device, channel } = await rig();
    const asked: number[] = [];
    device.onData((chunk) => asked.push(chunk[7]));
    const err = await channel.send(COMMANDS.findCard, 20).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TIMEOUT', message: 'sim:idcard: no reply to find card (20 01) within 20 ms' });
    // the late "card found" arrives while nothing waits; the next command gets its own reply
    await device.write(encodeReply(SW3.CARD_FOUND));
    await new Promise((r) => setImmediate(r));
    const next = channel.send(COMMANDS.samStatus, 1000);
    await new Promise((r) => setImmediate(r));
    await device.write(encodeReply(SW3.OK));
    expect((await next).sw3).toBe(SW3.OK);
    expect(asked).toEqual([0x20, 0x11]);
  });

  it('fail() rejects the command in flight (the transport went away)', async () => {
    const { device, channel } = await rig();
    let onWire = false;
    device.onData(() => (onWire = true));
    const pending = channel.send(COMMANDS.findCard, 600_000);
    while (!onWire) await new Promise((r) => setImmediate(r));
    channel.fail(new DeviceError('DISCONNECTED', 'sim:idcard: connection lost'));
    await expect(pending).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });
});
