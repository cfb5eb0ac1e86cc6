/**
 * An ID-card reader on the device end of a socat pty pair: the drivers'
 * IdCardSimulator over a real serial transport. argv: ptyPath.
 * IPC → {type:'open'}; ← {type:'place'} puts the demo card on the reader.
 */
import { DEMO_RESIDENT, IdCardSimulator } from '../../drivers/idcard/index.js';
import { createTransport } from '../../drivers/transport/index.js';

const t = createTransport(`serial:${process.argv[2]}?baud=115200`);
await t.open();
const sim = new IdCardSimulator(t);
process.on('message', (m: any) => {
  if (m?.type === 'place') sim.placeCard(DEMO_RESIDENT);
});
process.send?.({ type: 'open' });
