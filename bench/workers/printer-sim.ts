/**
 * The virtual ticket printer on the device end of a socat pty pair: the
 * drivers' PrinterSimulator over a SerialTransport. Tells the parent the wall
 * time each ticket was finished (cut). argv: ptyPath. IPC ← 'reopen' (after socat restarted).
 */
import { PrinterSimulator } from '../../drivers/printer/index.js';
import { createTransport } from '../../drivers/transport/index.js';
import { wallMs } from '../lib/stats.js';

const path = process.argv[2];
let sim: PrinterSimulator | null = null;

async function open(): Promise<void> {
  const t = createTransport(`serial:${path}?baud=115200`);
  await t.open();
  sim = new PrinterSimulator(t);
  sim.onTicket((ticket) => {
    const text = ticket.items.map((i: any) => i.text ?? '').join('\n');
    // The ticket number is the tallest line on the paper.
    const lines = ticket.items.filter((i: any) => i.kind === 'line' && i.text.trim());
    const number = lines.reduce((a: any, b: any) => (b.height > a.height ? b : a), lines[0])?.text.trim();
    process.send?.({ type: 'printed', at: wallMs(), text, number });
  });
}

process.on('message', (m: any) => {
  if (m?.type === 'reopen') open().then(() => process.send?.({ type: 'open' }), (e) => process.send?.({ type: 'error', message: String(e) }));
  if (m?.type === 'paper') sim?.setState({ paper: m.paper });
});
open().then(() => process.send?.({ type: 'open' }), (e) => process.send?.({ type: 'error', message: String(e) }));
