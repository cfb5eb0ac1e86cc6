import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_HMT_PERMIT, DEMO_RESIDENT } from '../../../../drivers/idcard/demo-cards.js';
import { IdCardReader, type IdCardReaderOptions, type ReaderStatus } from '../../../../drivers/idcard/reader.js';
import { IdCardSimulator } from '../../../../drivers/idcard/simulator.js';
import type { IdCardText } from '../../../../drivers/idcard/text.js';
import { createPair } from '../../../../drivers/transport/pair.js';
import type { DeviceError } from '../../../../drivers/transport/types.js';
import type { Transport } from '../../../../drivers/transport/types.js';
import { MockBinding, mockSerialPair } from '../../../helpers/mock-serial.js';

const FAST: IdCardReaderOptions = { pollIntervalMs: 10, commandTimeoutMs: 150, readTimeoutMs: 300, reconnectIntervalMs: 30 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function watch(reader: IdCardReader) {
  const cards: IdCardText[] = [];
  const errors: DeviceError[] = [];
  const statuses: ReaderStatus[] = [];
  let removed = 0;
  reader.on('card', (c) => cards.push(c));
  reader.on('error', (e) => errors.push(e));
  reader.on('status', (s) => statuses.push(s));
  reader.on('removed', () => removed++);
  return { cards, errors, statuses, removed: () => removed };
}

const readers: IdCardReader[] = [];
async function start(host: Transport, opts: IdCardReaderOptions = {}) {
  const reader = new IdCardReader(host, { ...FAST, ...opts });
  readers.push(reader);
  const w = watch(reader);
  reader.start();
  return { reader, ...w };
}

function pair() {
  const { host, device } = createPair('sim:idcard');
  void device.open();
  return { host, device, sim: new IdCardSimulator(device) };
}

afterEach(async () => {
  for (const r of readers.splice(0)) await r.stop();
});

describe('IdCardReader ↔ simulator (in-memory pair)', () => {
  it('checks the SAM at open, then polls', async () => {
    const { host, sim } = pair();
    const { statuses, reader } = await start(host);
    await until(() => reader.status.state === 'ready' && sim.received.length >= 3, 'ready and polling');
    expect(sim.received.slice(0, 3)).toEqual(['12 FF', '11 FF', '20 01']);
    expect(statuses[statuses.length - 1]).toEqual({ state: 'ready', samId: '0501000000000020231103000000001a' });
  });

  it('reports a card once per placement, and again after remove + place', async () => {
    const { host, sim } = pair();
    const { cards, removed, reader } = await start(host);
    await until(() => reader.status.state === 'ready', 'ready');
    sim.placeCard(DEMO_RESIDENT);
    await until(() => cards.length === 1, 'first card');
    expect(cards[0]).toEqual({ ...DEMO_RESIDENT, cardType: 'resident', nation: '汉' });
    expect(Object.keys(cards[0])).not.toContain('photo');
    const finds = sim.received.filter((c) => c === '20 01').length;
    await until(() => sim.received.filter((c) => c === '20 01').length > finds + 5, 'more polls');
    expect(cards).toHaveLength(1);
    expect(sim.received.filter((c) => c === '30 01')).toHaveLength(1);

    sim.removeCard();
    await until(() => removed() === 1, 'removal');
    sim.placeCard(DEMO_HMT_PERMIT);
    await until(() => cards.length === 2, 'second card');
    expect(cards[1]).toMatchObject({ cardType: 'hmt-residence-permit', passNumber: 'H01234567' });
  });

  it('reads a card placed within a poll of lifting the previous one (issue 11 defect 4)', async () => {
    const { host, sim } = pair();
    // The reader's real timing: a poll every 300 ms, two misses make a removal.
    const { cards, reader } = await start(host, { pollIntervalMs: 300, removeAfterMisses: 2 });
    await until(() => reader.status.state === 'ready', 'ready');
    sim.placeCard(DEMO_RESIDENT);
    await until(() => cards.length === 1, 'first card');
    sim.removeCard();
    await sleep(150); // the next citizen's card lands well within 500 ms
    sim.placeCard(DEMO_HMT_PERMIT);
    await sim.whenOnReader();
    expect(sim.hasCard).toBe(true);
    await until(() => cards.length === 2, 'the second card', 5000);
    expect(cards[1]).toMatchObject({ cardType: 'hmt-residence-permit' });
  });

  it('a card put down in place of the one lying there is read too', async () => {
    const { host, sim } = pair();
    const { cards, reader } = await start(host);
    await until(() => reader.status.state === 'ready', 'ready');
    sim.placeCard(DEMO_RESIDENT);
    await until(() => cards.length === 1, 'first card');
    sim.placeCard(DEMO_HMT_PERMIT); // swapped without an explicit removal
    await until(() => cards.length === 2, 'the swapped card');
    expect(cards[1]).toMatchObject({ cardType: 'hmt-residence-permit' });
  });

  it('does not take one RF miss for a removal', async () => {
    const { host, sim } = pair();
    const { cards, removed, reader } = await start(host, { removeAfterMisses: 3 });
    await until(() => reader.status.state === 'ready', 'ready');
    sim.placeCard(DEMO_RESIDENT);
    await until(() => cards.length === 1, 'card');
    // one "no card" answer, then the card is back
    sim.removeCard();
    const n = sim.received.length;
    await until(() => sim.received.length > n, 'one poll');
    sim.placeCard(DEMO_RESIDENT);
    await sleep(100);
    expect(removed()).toBe(0);
    expect(cards).toHaveLength(1);
  });

  it.each(['split', 'junk', 'bad-checksum'] as const)('reads the card despite a %s read reply', async (fault) => {
    const { host, sim } = pair();
    const { cards, errors, reader } = await start(host);
    await until(() => reader.status.state === 'ready', 'ready');
    sim.injectFault(fault, '30 01');
    sim.placeCard(DEMO_RESIDENT);
    await until(() => cards.length === 1, 'card');
    expect(cards[0].idNumber).toBe(DEMO_RESIDENT.idNumber);
    expect(errors).toEqual([]); // one bad read is retried silently
    expect(sim.received.filter((c) => c === '30 01')).toHaveLength(fault === 'bad-checksum' ? 2 : 1);
  });

  it('reports a bad checksum on a find reply as BAD_CHECKSUM and carries on', async () => {
    const { host, sim } = pair();
    const { cards, errors, reader } = await start(host);
    await until(() => reader.status.state === 'ready', 'ready');
    sim.injectFault('bad-checksum', '20 01');
    await until(() => errors.length === 1, 'error');
    expect(errors[0].code).toBe('BAD_CHECKSUM');
    expect(errors[0].message).toContain('find card (20 01)');
    sim.placeCard(DEMO_RESIDENT);
    await until(() => cards.length === 1, 'card');
  });

  it('times out naming the command, re-checks the SAM, and recovers', async () => {
    const { host, sim } = pair();
    const { cards, errors, reader } = await start(host);
    await until(() => reader.status.state === 'ready', 'ready');
    sim.injectFault('no-reply', '20 01');
    await until(() => errors.length === 1, 'timeout error');
    expect(errors[0].code).toBe('TIMEOUT');
    expect(errors[0].message).toMatch(/no reply to find card \(20 01\) within 150 ms/);
    // SAM id is asked again after the silence, before polling goes on
    await until(() => sim.received.lastIndexOf('12 FF') > 0, 'SAM re-check');
    sim.placeCard(DEMO_RESIDENT);
    await until(() => cards.length === 1, 'card after recovery');
  });

  it('reports a silent reader at open with the SAM command it waited for, once', async () => {
    const { host, sim } = pair();
    sim.mute = true;
    const { errors, reader } = await start(host);
    await sleep(600);
    expect(reader.status.state).toBe('disconnected');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('read SAM id (12 FF)');
    sim.mute = false;
    await until(() => reader.status.state === 'ready', 'ready after power-on');
  });

  it('reports a faulty SAM', async () => {
    const { host, sim } = pair();
    sim.samStatus = 0x60;
    const { errors } = await start(host);
    await until(() => errors.length === 1, 'error');
    expect(errors[0]).toMatchObject({ code: 'SAM_FAULT' });
    expect(errors[0].message).toContain('SAM self-test failed');
  });

  it('reports an unsupported card once per placement', async () => {
    const { host, sim } = pair();
    const { cards, errors, reader } = await start(host);
    await until(() => reader.status.state === 'ready', 'ready');
    sim.placeCard({ ...DEMO_RESIDENT, cardType: 'I' });
    await until(() => errors.length === 1, 'error');
    await sleep(100);
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe('CARD_TYPE_UNSUPPORTED');
    expect(cards).toEqual([]);
  });

  it('reports a card with a bad check digit as INVALID_CARD_DATA', async () => {
    const { host, sim } = pair();
    const { errors, reader } = await start(host);
    await until(() => reader.status.state === 'ready', 'ready');
    sim.placeCard({ ...DEMO_RESIDENT, idNumber: '410102199003071231' });
    await until(() => errors.length === 1, 'error');
    expect(errors[0].code).toBe('INVALID_CARD_DATA');
    expect(errors[0].message).not.toContain('410102199003071231'); // never log the number
  });

  it('recovers after unplug and replug, and reads the card placed meanwhile', async () => {
    const { host, sim } = pair();
    const { cards, errors, statuses, reader } = await start(host);
    await until(() => reader.status.state === 'ready', 'ready');
    host.unplug();
    await until(() => reader.status.state === 'disconnected', 'disconnected');
    sim.placeCard(DEMO_RESIDENT);
    await sleep(100);
    expect(cards).toEqual([]);
    expect(errors.some((e) => e.code === 'DEVICE_NOT_FOUND' || e.code === 'DISCONNECTED')).toBe(true);
    host.replug();
    await until(() => cards.length === 1, 'card after replug');
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'ready', 'disconnected', 'ready']);
  });

  it('stops polling on stop()', async () => {
    const { host, sim } = pair();
    const { reader, statuses } = await start(host);
    await until(() => reader.status.state === 'ready', 'ready');
    await reader.stop();
    const n = sim.received.length;
    await sleep(80);
    expect(sim.received.length).toBe(n);
    expect(statuses[statuses.length - 1].state).toBe('stopped');
  });
});

describe('IdCardReader over @serialport/binding-mock', () => {
  afterEach(() => MockBinding.reset());

  it('reads a card through a real SerialPort stream', async () => {
    const { host, device } = mockSerialPair('/dev/IDREADER');
    const sim = new IdCardSimulator(device);
    sim.placeCard(DEMO_RESIDENT);
    const { cards } = await start(host);
    await until(() => cards.length === 1, 'card');
    expect(cards[0].name).toBe('张小三');
    expect(device.written.subarray(0, 20).toString('hex')).toBe('aaaaaa9669000312ffee' + 'aaaaaa9669000311ffed');
    await readers.pop()!.stop();
    await host.close();
  });
});
