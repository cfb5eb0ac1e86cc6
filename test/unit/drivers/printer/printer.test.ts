import { afterEach, describe, expect, it } from 'vitest';
import { Printer } from '../../../../drivers/printer/printer.js';
import { PrinterSimulator } from '../../../../drivers/printer/simulator.js';
import { renderAscii } from '../../../../drivers/printer/render.js';
import { createPair } from '../../../../drivers/transport/pair.js';
import { DeviceError } from '../../../../drivers/transport/types.js';
import { MockBinding, mockSerialPair } from '../../../helpers/mock-serial.js';
import { TICKET } from './fixtures.js';

async function setup(opts: ConstructorParameters<typeof Printer>[1] = {}) {
  const { host, device } = createPair('sim:printer');
  await device.open();
  const sim = new PrinterSimulator(device);
  const printer = new Printer(host, { statusTimeoutMs: 200, ...opts });
  await printer.open();
  return { host, device, sim, printer };
}

async function rejection(p: Promise<unknown>): Promise<DeviceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DeviceError);
    return e as DeviceError;
  }
  throw new Error('expected a rejection');
}

describe('Printer over an in-memory pair', () => {
  it('reads status with three queries, one at a time', async () => {
    const { sim, printer } = await setup();
    expect(await printer.status()).toMatchObject({ online: true, paperOut: false, raw: [0x12, 0x12, 0x12] });
    expect(sim.queries).toEqual([1, 2, 4]);
  });

  it('prints a ticket the virtual printer can read back', async () => {
    const { sim, printer } = await setup();
    const next = sim.nextTicket();
    const res = await printer.printTicket(TICKET);
    const ticket = await next;
    expect(res.status?.online).toBe(true);
    expect(res.bytesWritten).toBeGreaterThan(100);
    const ascii = renderAscii(ticket.items, 80);
    expect(ascii).toContain('A     0     1     2'); // 6x wide number
    expect(ascii).toContain('前面还有 3 人等候');
    expect(ticket.items.find((i) => i.kind === 'qr')).toMatchObject({ data: TICKET.qrUrl });
  });

  for (const [state, code] of [
    [{ paper: 'out' as const }, 'PAPER_OUT'],
    [{ coverOpen: true }, 'COVER_OPEN'],
    [{ offline: true }, 'OFFLINE'],
    [{ error: true }, 'PRINTER_ERROR'],
  ] as const) {
    it(`refuses with ${code} before sending any ticket byte`, async () => {
      const { sim, printer } = await setup();
      sim.setState(state);
      const err = await rejection(printer.printTicket(TICKET));
      expect(err.code).toBe(code);
      await new Promise((r) => setTimeout(r, 20));
      expect(sim.queries).toEqual([1, 2, 4]);
      expect(sim.itemsReceived).toBe(0);
    });
  }

  it('times out naming the query it waited for, and sends nothing', async () => {
    const { sim, printer } = await setup();
    sim.setState({ noReply: true });
    const err = await rejection(printer.printTicket(TICKET));
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toContain('DLE EOT 1 (printer status, 10 04 01)');
    expect(err.message).toContain('200 ms');
    expect(sim.itemsReceived).toBe(0);
  });

  it('prints on paper near end and says so', async () => {
    const { sim, printer } = await setup();
    sim.setState({ paper: 'near-end' });
    const next = sim.nextTicket();
    const res = await printer.printTicket(TICKET);
    expect(res.status?.paperNearEnd).toBe(true);
    expect((await next).items.length).toBeGreaterThan(5);
  });

  it('does not take a late reply for the next query', async () => {
    const { host, device } = createPair('x');
    await device.open();
    const printer = new Printer(host, { statusTimeoutMs: 30 });
    await printer.open();
    // A slow device: answers 0x1A (offline) 80 ms late, then answers promptly.
    let slow = true;
    device.onData((q) => {
      if (q[0] !== 0x10) return;
      const reply = Buffer.from([slow ? 0x1a : 0x12]);
      if (slow) setTimeout(() => void device.write(reply), 80);
      else void device.write(reply);
    });
    expect((await rejection(printer.status())).code).toBe('TIMEOUT');
    slow = false;
    await new Promise((r) => setTimeout(r, 120)); // the late 0x1A has arrived by now
    expect(await printer.status()).toMatchObject({ online: true });
  });

  it('reports a reply that is not a status byte', async () => {
    const { host, device } = createPair('x');
    await device.open();
    device.onData(() => void device.write(Buffer.from([0x00])));
    const printer = new Printer(host, { statusTimeoutMs: 100 });
    await printer.open();
    expect((await rejection(printer.status())).code).toBe('BAD_REPLY');
  });

  it('never interleaves two tickets printed at once', async () => {
    const { sim, printer } = await setup();
    const got: string[] = [];
    sim.onTicket((t) => {
      for (const i of t.items) if (i.kind === 'line' && i.runs[0]?.width >= 4) got.push(i.text);
    });
    await Promise.all([printer.printTicket({ ...TICKET, number: 'A001' }), printer.printTicket({ ...TICKET, number: 'A002' })]);
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual(['A001', 'A002']);
    expect(sim.queries).toEqual([1, 2, 4, 1, 2, 4]);
  });

  it('prints without queries when status checking is off (write-only transports)', async () => {
    const { sim, printer } = await setup({ checkStatus: false });
    sim.setState({ noReply: true, paper: 'ok' });
    const res = await printer.printTicket(TICKET);
    expect(res.status).toBeNull();
    expect(sim.queries).toEqual([]);
  });

  it('dispose fails a status query in flight at once with CLOSED (not at its timeout)', async () => {
    const { sim, printer } = await setup({ statusTimeoutMs: 600_000 });
    sim.setState({ noReply: true });
    const pending = printer.status().catch((e: unknown) => e);
    while (sim.queries.length === 0) await new Promise((r) => setImmediate(r)); // the first query reached the printer
    printer.dispose();
    expect(await pending).toMatchObject({ code: 'CLOSED' });
    await new Promise((r) => setImmediate(r));
    expect(sim.queries).toEqual([1]); // the other two were never sent
  });

  it('fails with NOT_OPEN on a closed transport', async () => {
    const { host } = createPair('x');
    const printer = new Printer(host);
    expect((await rejection(printer.status())).code).toBe('NOT_OPEN');
  });
});

describe('Printer over @serialport/binding-mock', () => {
  afterEach(() => MockBinding.reset());

  it('checks status and prints through a real SerialPort stream', async () => {
    const { host, device } = mockSerialPair('/dev/ROBOT');
    const sim = new PrinterSimulator(device);
    const printer = new Printer(host, { statusTimeoutMs: 500 });
    await printer.open();
    const next = sim.nextTicket();
    await printer.printTicket({ ...TICKET, paperWidth: 58 });
    const t = await next;
    expect(t.items.some((i) => i.kind === 'line' && i.text === 'A012')).toBe(true);
    // what went down the wire: 3 queries, then the ticket starting with ESC @ FS &
    expect(device.written.subarray(0, 13).toString('hex')).toBe('100401100402100404' + '1b401c26');
    await host.close();
  });

  it('refuses on paper out over serial too', async () => {
    const { host, device } = mockSerialPair('/dev/ROBOT2');
    const sim = new PrinterSimulator(device, { state: { paper: 'out' } });
    const printer = new Printer(host, { statusTimeoutMs: 500 });
    await printer.open();
    expect((await rejection(printer.printTicket(TICKET))).code).toBe('PAPER_OUT');
    expect(device.written.toString('hex')).toBe('100401100402100404');
    expect(sim.itemsReceived).toBe(0);
    await host.close();
  });
});
