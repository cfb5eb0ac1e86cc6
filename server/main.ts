import { resolve } from 'node:path';
import { startHall } from './bootstrap.js';
import { createLogger } from './log/logger.js';

// Start-up only: read configuration from the environment, start, report.
const log = createLogger();
const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DATA_DIR ?? './data');

startHall({
  dataDir,
  port,
  host: process.env.HOST ?? '0.0.0.0',
  log,
  onGeneratedPassword: (pw) => {
    // Printed once, on first start only: it is not stored anywhere in clear.
    process.stdout.write(`\n  First start: administrator "admin" password is ${pw}\n  (set ONESTOP_ADMIN_PASSWORD before the first start to choose it)\n\n`);
  },
})
  .then((hall) => {
    log.info({ url: `http://localhost:${hall.port}`, dataDir }, 'Onestop hall server is running');
    process.stdout.write(`  Onestop is running: http://localhost:${hall.port}/  (kiosk /kiosk, counter /counter, display /display, admin /admin)\n`);
    const stop = () => {
      log.info('shutting down');
      hall.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })
  .catch((err) => {
    log.fatal({ err }, 'could not start');
    process.stderr.write(`Onestop could not start: ${(err as Error).message}\n`);
    process.exit(1);
  });
