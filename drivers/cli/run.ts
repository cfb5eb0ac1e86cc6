/**
 * Dispatch and the exit-code contract: 0 ok, 1 device error (already reported
 * by the command, one line), 2 usage error (reason + usage on stderr).
 * Everything unexpected is reported as a device error on one line rather than
 * a stack trace, because the reader is an installer, not a developer.
 */
import { DeviceError } from '../transport/types.js';
import { helpCommand, overview } from './commands/help.js';
import { idcardCommand } from './commands/idcard.js';
import { keypadCommand } from './commands/keypad.js';
import { ledCommand } from './commands/led.js';
import { listCommand } from './commands/list.js';
import { printTestCommand } from './commands/print-test.js';
import { printerStatusCommand } from './commands/printer-status.js';
import { describeError } from './hints.js';
import { EXIT, UsageError, type Command, type Io } from './io.js';

export const COMMANDS: Command[] = [
  listCommand,
  idcardCommand,
  printTestCommand,
  printerStatusCommand,
  ledCommand,
  keypadCommand,
  helpCommand(() => COMMANDS),
];

export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(overview(COMMANDS));
    return EXIT.usage;
  }
  const cmd = COMMANDS.find((c) => c.name === name) ?? (name === '--help' || name === '-h' ? COMMANDS.find((c) => c.name === 'help') : undefined);
  if (!cmd) {
    io.err(`error: unknown command "${name}"`);
    io.err(overview(COMMANDS));
    return EXIT.usage;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`error: ${err.message}`);
      io.err(err.usage ?? cmd.usage);
      return EXIT.usage;
    }
    if (err instanceof DeviceError && err.code === 'BAD_URI') {
      io.err(`error: ${err.message}`);
      io.err(cmd.usage);
      return EXIT.usage;
    }
    const uri = rest.find((a) => /^[a-z]+:/i.test(a)) ?? name;
    io.err(describeError(err, uri));
    return EXIT.device;
  }
}
