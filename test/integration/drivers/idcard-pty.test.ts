import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HMT_PERMIT, DEMO_RESIDENT } from '../../../drivers/idcard/demo-cards.js';
import { IdCardReader } from '../../../drivers/idcard/reader.js';
import { IdCardSimulator } from '../../../drivers/idcard/simulator.js';
import type { IdCardText } from '../../../drivers/idcard/text.js';
import { createTransport } from '../../../drivers/transport/open.js';
import type { DeviceError, Transport } from '../../../drivers/transport/types.js';
import { PtyPair, requireSocat } from '../../helpers/socat.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, what: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe.runIf(requireSocat())('ID card reader over a socat pty pair (real serialport binding)', () => {
  const pty = new PtyPair('idcard');
  let host: Transport;
  let device: Transport;
  let sim: IdCardSimulator;
  let reader: IdCardReader;
  const cards: IdCardText[] = [];
  const errors: DeviceError[] = [];

  beforeAll(async () => {
    await pty.start();
    host = createTransport(`serial:${pty.a}?baud=115200`);
    device = createTransport(`serial:${pty.b}?baud=115200`);
    await device.open();
    sim = new IdCardSimulator(device);
    reader = new IdCardReader(host, { pollIntervalMs: 20, commandTimeoutMs: 300, readTimeoutMs: 1000, reconnectIntervalMs: 100 });
    reader.on('card', (c) => cards.push(c));
    reader.on('error', (e) => errors.push(e));
    reader.start();
    await until(() => reader.status.state === 'ready', 'reader ready');
  });

  afterAll(async () => {
    await reader?.stop();
    await host?.close();
    await device?.close();
    await pty.stop();
  });

  it('reads a card whose 1295-byte reply arrives split, after junk', async () => {
    sim.injectFault('split', '30 01');
    sim.injectFault('junk', '20 01');
    sim.placeCard(DEMO_RESIDENT);
    await until(() => cards.length === 1, 'card');
    expect(cards[0]).toMatchObject({ name: '张小三', idNumber: DEMO_RESIDENT.idNumber, validTo: '2035-06-01' });
    expect(errors).toEqual([]);
  });

  it('retries a read reply with a bad checksum and reports BAD_CHECKSUM on a find reply', async () => {
    sim.removeCard();
    await until(() => sim.received.slice(-3).every((c) => c === '20 01'), 'polls without card');
    sim.injectFault('bad-checksum', '20 01');
    await until(() => errors.some((e) => e.code === 'BAD_CHECKSUM'), 'bad checksum error');
    sim.injectFault('bad-checksum', '30 01');
    sim.placeCard(DEMO_HMT_PERMIT);
    await until(() => cards.length === 2, 'second card');
    expect(cards[1]).toMatchObject({ cardType: 'hmt-residence-permit', issueCount: 1 });
  });

  it('survives unplug (socat killed) and replug (socat restarted)', async () => {
    sim.removeCard();
    await pty.stop();
    await until(() => reader.status.state === 'disconnected', 'reader sees the unplug');
    // the reader keeps trying while the pty is gone, and says why (a write that never called back once wedged it here)
    await until(() => errors.some((e) => e.code === 'DISCONNECTED' || e.code === 'DEVICE_NOT_FOUND'), 'a failed reopen attempt reported');

    await pty.start();
    await device.open(); // the simulator end is "powered" again
    sim.placeCard(DEMO_RESIDENT);
    await until(() => reader.status.state === 'ready', 'reader reconnected by itself');
    await until(() => cards.length === 3, 'card after replug');
    expect(cards[2].name).toBe('张小三');
  });
});
