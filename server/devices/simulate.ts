import { DEMO_HMT_PERMIT, DEMO_RESIDENT, IdCardSimulator, type IdCardTextInput } from '../../drivers/idcard/index.js';
import { KeypadSimulator, type KeyAction } from '../../drivers/keypad/index.js';
import { LedSimulator } from '../../drivers/led/index.js';
import { PrinterSimulator, renderAscii, type PaperState } from '../../drivers/printer/index.js';
import { DomainError } from '../domain/errors.js';
import type { DeviceHandle } from './handle.js';

export type SimAction =
  | { action: 'place-card'; card?: 'resident' | 'hmt' | IdCardTextInput }
  | { action: 'remove-card' }
  | { action: 'paper'; paper: PaperState }
  | { action: 'cover'; open: boolean }
  | { action: 'offline'; offline: boolean }
  | { action: 'last-ticket' }
  | { action: 'shown'; address?: number }
  | { action: 'press'; address: number; key: KeyAction }
  | { action: 'rate'; address: number; grade: 1 | 2 | 3 | 4 | 5 };

/**
 * Drives the simulator behind a `sim:` device, for the demo hall (admin UI) and
 * tests: place a card, run the printer out of paper, press a keypad key.
 */
export async function simulate(handle: DeviceHandle | undefined, a: SimAction): Promise<object> {
  const sim = handle?.simulator;
  if (!handle) throw new DomainError('DEVICE_NOT_FOUND', 'There is no running device with that id');
  if (!sim) throw new DomainError('NOT_SIMULATED', `${handle.config.id} is real hardware (${handle.config.uri}), not a simulator`);
  const wrong = () => new DomainError('SIM_ACTION_UNSUPPORTED', `"${a.action}" does not apply to a ${handle.config.kind}`, 'action');
  switch (a.action) {
    case 'place-card': {
      if (!(sim instanceof IdCardSimulator)) throw wrong();
      const card = a.card === 'hmt' ? DEMO_HMT_PERMIT : a.card === undefined || a.card === 'resident' ? DEMO_RESIDENT : a.card;
      sim.placeCard(card);
      // Right after another card was lifted the new one lands only once the reader has seen the gap:
      // answer when it is really there, so "placed" means the reader will read it.
      await sim.whenOnReader();
      return { placed: true };
    }
    case 'remove-card':
      if (!(sim instanceof IdCardSimulator)) throw wrong();
      sim.removeCard();
      return { removed: true };
    case 'paper':
    case 'cover':
    case 'offline':
      if (!(sim instanceof PrinterSimulator)) throw wrong();
      if (a.action === 'paper') sim.setState({ paper: a.paper });
      if (a.action === 'cover') sim.setState({ coverOpen: a.open });
      if (a.action === 'offline') sim.setState({ offline: a.offline });
      return { state: { ...sim.state } };
    case 'last-ticket': {
      if (!(sim instanceof PrinterSimulator)) throw wrong();
      const t = sim.tickets.at(-1);
      // The QR payloads too: under the symbol the text wraps them at the paper's width.
      const qr = t ? t.items.flatMap((it) => (it.kind === 'qr' ? [it.data] : [])) : [];
      return { ticket: t ? { text: renderAscii(t.items, 80), qr, count: sim.tickets.length } : null };
    }
    case 'shown':
      if (!(sim instanceof LedSimulator)) throw wrong();
      return { text: sim.shown(a.address ?? Number(handle.config.options.address ?? 1)) };
    case 'press':
      if (!(sim instanceof KeypadSimulator)) throw wrong();
      return { acked: await sim.press(a.address, a.key) };
    case 'rate':
      if (!(sim instanceof KeypadSimulator)) throw wrong();
      return { acked: await sim.rate(a.address, a.grade) };
  }
}
