/**
 * `npm run devices -- <command>`: installer diagnostics for printers, ID-card
 * readers, LED boards and keypads. Start-up only; see run.ts and commands/.
 */
import { run } from './run.js';

const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130); // second Ctrl-C: the device is hanging, leave anyway
  interrupted = true;
  controller.abort();
});

const code = await run(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  signal: controller.signal,
});
process.exitCode = code;
// a native handle (serial port, HID) that lingers after close must not keep the CLI alive
setTimeout(() => process.exit(code), 1000).unref();
