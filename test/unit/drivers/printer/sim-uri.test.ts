import { describe, expect, it } from 'vitest';
import { DEMO_RESIDENT } from '../../../../drivers/idcard/demo-cards.js';
import { IdCardReader } from '../../../../drivers/idcard/reader.js';
import { IdCardSimulator, registerIdCardSimulator } from '../../../../drivers/idcard/simulator.js';
import type { IdCardText } from '../../../../drivers/idcard/text.js';
import { Printer } from '../../../../drivers/printer/printer.js';
import { PrinterSimulator, registerPrinterSimulator } from '../../../../drivers/printer/simulator.js';
import { createTransport } from '../../../../drivers/transport/open.js';
import { simulatorOf } from '../../../../drivers/transport/sim.js';
import { TICKET } from './fixtures.js';

describe('sim: URIs for the demo', () => {
  it('sim:printer?paper=out gives a printer that refuses with PAPER_OUT', async () => {
    registerPrinterSimulator();
    const t = createTransport('sim:printer?paper=out');
    const printer = new Printer(t, { statusTimeoutMs: 200 });
    await printer.open();
    await expect(printer.printTicket(TICKET)).rejects.toMatchObject({ code: 'PAPER_OUT' });
    const sim = simulatorOf<PrinterSimulator>(t)!;
    expect(sim).toBeInstanceOf(PrinterSimulator);
    sim.setState({ paper: 'ok' });
    const next = sim.nextTicket();
    await printer.printTicket(TICKET);
    expect((await next).items.length).toBeGreaterThan(5);
    expect(() => createTransport('sim:printer?paper=wet')).toThrow(/paper must be/);
  });

  it('sim:idcard?card=resident has the demo card on the reader', async () => {
    registerIdCardSimulator();
    const t = createTransport('sim:idcard?card=resident');
    expect(simulatorOf<IdCardSimulator>(t)?.hasCard).toBe(true);
    const reader = new IdCardReader(t, { pollIntervalMs: 10 });
    const card = new Promise<IdCardText>((resolve) => reader.on('card', resolve));
    reader.start();
    expect((await card).idNumber).toBe(DEMO_RESIDENT.idNumber);
    await reader.stop();
  });
});
