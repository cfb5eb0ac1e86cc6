/**
 * The virtual SAM ID-card reader on the device end of a socat pty pair: the
 * drivers' IdCardSimulator over a SerialTransport (115200 8N1).
 * argv: ptyPath. IPC ← 'place' (the demo resident card), 'remove', 'reopen' (after socat restarted);
 * → 'open', 'placed'.
 */
import { DEMO_RESIDENT, IdCardSimulator } from '../../drivers/idcard/index.js';
import { createTransport } from '../../drivers/transport/index.js';

const path = process.argv[2];
let sim: IdCardSimulator | null = null;

async function open(): Promise<void> {
  sim?.dispose();
  const t = createTransport(`serial:${path}?baud=115200`);
  await t.open();
  sim = new IdCardSimulator(t);
}

process.on('message', (m: any) => {
  if (m?.type === 'reopen') open().then(() => process.send?.({ type: 'open' }), (e) => process.send?.({ type: 'error', message: String(e) }));
  if (m?.type === 'place') {
    sim?.placeCard(DEMO_RESIDENT);
    process.send?.({ type: 'placed' });
  }
  if (m?.type === 'remove') sim?.removeCard();
});
open().then(() => process.send?.({ type: 'open' }), (e) => process.send?.({ type: 'error', message: String(e) }));
