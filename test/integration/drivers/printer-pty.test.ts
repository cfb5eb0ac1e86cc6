import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Printer } from '../../../drivers/printer/printer.js';
import { renderAscii } from '../../../drivers/printer/render.js';
import { PrinterSimulator } from '../../../drivers/printer/simulator.js';
import { createTransport } from '../../../drivers/transport/open.js';
import { DeviceError, type Transport } from '../../../drivers/transport/types.js';
import { PtyPair, requireSocat } from '../../helpers/socat.js';
import { TICKET } from '../../unit/drivers/printer/fixtures.js';

describe.runIf(requireSocat())('printer over a socat pty pair (real serialport binding)', () => {
  const pty = new PtyPair('printer');
  let host: Transport;
  let device: Transport;
  let sim: PrinterSimulator;
  let printer: Printer;

  beforeAll(async () => {
    await pty.start();
    host = createTransport(`serial:${pty.a}?baud=115200`);
    device = createTransport(`serial:${pty.b}?baud=115200`);
    await device.open();
    sim = new PrinterSimulator(device);
    printer = new Printer(host, { statusTimeoutMs: 500 });
    await printer.open();
  });

  afterAll(async () => {
    printer?.dispose();
    await host?.close();
    await device?.close();
    await pty.stop();
  });

  it('prints a 58 mm ticket the virtual printer reads back intact', async () => {
    const next = sim.nextTicket();
    await printer.printTicket({ ...TICKET, paperWidth: 58 });
    const t = await next;
    expect(t.items.filter((i) => i.kind === 'unknown')).toEqual([]);
    const ascii = renderAscii(t.items, 58);
    expect(ascii).toContain('前面还有 3 人等候');
    expect(ascii).toContain(`[QR M] ${TICKET.qrUrl}`.slice(0, 32));
    expect(t.items.some((i) => i.kind === 'line' && i.text === 'A012' && i.runs[0].width >= 4)).toBe(true);
  });

  it('refuses with PAPER_OUT and sends no ticket byte', async () => {
    sim.setState({ paper: 'out' });
    const before = sim.itemsReceived;
    await expect(printer.printTicket(TICKET)).rejects.toMatchObject({ code: 'PAPER_OUT' });
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.itemsReceived).toBe(before);
    sim.setState({ paper: 'ok' });
  });

  it('fails while unplugged and prints again after replug', async () => {
    await pty.stop();
    const deadline = Date.now() + 5000;
    while (host.status === 'connected' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const err = await printer.printTicket(TICKET).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceError);
    expect(['NOT_OPEN', 'TIMEOUT', 'WRITE_FAILED']).toContain((err as DeviceError).code);

    await pty.start();
    await device.open();
    await printer.open();
    const next = sim.nextTicket();
    await printer.printTicket({ ...TICKET, number: 'B007' });
    expect((await next).items.some((i) => i.kind === 'line' && i.text === 'B007')).toBe(true);
  });
});
