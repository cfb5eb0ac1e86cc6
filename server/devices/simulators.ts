import { registerIdCardSimulator } from '../../drivers/idcard/index.js';
import { registerKeypadSimulators } from '../../drivers/keypad/index.js';
import { registerLedSimulator } from '../../drivers/led/index.js';
import { registerPrinterSimulator } from '../../drivers/printer/index.js';

let done = false;

/** Makes the `sim:` URIs of the demo hall work. Idempotent. */
export function registerSimulators(): void {
  if (done) return;
  registerPrinterSimulator();
  registerIdCardSimulator();
  registerLedSimulator();
  registerKeypadSimulators();
  done = true;
}
