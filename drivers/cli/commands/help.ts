import { EXIT, UsageError, type Command, type Io } from '../io.js';

export function overview(commands: Command[]): string {
  const w = Math.max(...commands.map((c) => c.name.length));
  return [
    'Onestop device diagnostics — usage: npm run devices -- <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    '',
    'Device URIs: serial:/dev/ttyUSB0?baud=9600  tcp:192.168.1.50:9100  usb:0x0483:0x5743',
    '             file:/dev/usb/lp0  hid:0x1234:0x5678  sim:printer  sim:idcard  sim:led  sim:keypad',
    'Exit codes: 0 ok, 1 device error (the message says what to check), 2 usage error.',
    'npm run devices -- help <command>   shows the options of one command.',
  ].join('\n');
}

export function helpCommand(all: () => Command[]): Command {
  const usage = 'usage: npm run devices -- help [command]';
  return {
    name: 'help',
    summary: 'this text, or the options of one command',
    usage,
    async run(argv: string[], io: Io): Promise<number> {
      if (argv.length > 1) throw new UsageError('help takes at most one command name', usage);
      if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
        io.out(overview(all()));
        return EXIT.ok;
      }
      const cmd = all().find((c) => c.name === argv[0]);
      if (!cmd) throw new UsageError(`unknown command "${argv[0]}"`, overview(all()));
      io.out(cmd.usage);
      return EXIT.ok;
    },
  };
}
