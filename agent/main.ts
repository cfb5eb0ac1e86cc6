import { parseArgs } from 'node:util';
import { startAgent } from './agent.js';

// npm run agent -- --server http://hall:3000 --token ki_… --printer serial:/dev/ttyUSB0?baud=9600 --reader serial:/dev/ttyUSB1?baud=115200
const usage = `Usage: npm run agent -- --server URL --token KIOSK_TOKEN [--printer URI] [--reader URI] [--paper 58|80] [--status-interval S]
  The kiosk token is issued in the admin UI (Kiosks → issue token). Instead of --token (which other
  users of the PC can read in the process list), set ONESTOP_KIOSK_TOKEN in the agent's environment.
  URIs: serial:/dev/ttyUSB0?baud=9600, tcp:192.168.1.50:9100, file:/dev/usb/lp0, usb:0xVID:0xPID, sim:printer, sim:idcard
  --status-interval S  ask the idle printer for its status every S seconds (default 3; 0 = only before each ticket)`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      printer: { type: 'string' },
      reader: { type: 'string' },
      paper: { type: 'string', default: '80' },
      'status-interval': { type: 'string', default: '3' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${usage}\n`);
  process.exit(2);
}
const interval = Number(values['status-interval']);
const bad =
  (values.paper !== '58' && values.paper !== '80' && `--paper must be 58 or 80, not "${values.paper}"`) ||
  ((!Number.isFinite(interval) || interval < 0 || (interval > 0 && interval < 0.2) || interval > 3600) &&
    `--status-interval must be 0 or 0.2–3600 seconds, not "${values['status-interval']}"`);
const token = values.token ?? process.env.ONESTOP_KIOSK_TOKEN;
if (values.help || !values.server || !token || bad) {
  process.stderr.write(`${bad ? `${bad}\n` : ''}${usage}\n`);
  process.exit(values.help ? 0 : 2);
}
startAgent({
  server: values.server,
  token,
  printer: values.printer,
  reader: values.reader,
  paperWidth: values.paper === '58' ? 58 : 80,
  statusIntervalMs: Math.round(interval * 1000),
}).then(
  (agent) => {
    const stop = () => void agent.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (err) => {
    process.stderr.write(`agent: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
