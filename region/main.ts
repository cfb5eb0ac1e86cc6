/** `npm run region`: one region node from DATABASE_URL, REDIS_URL and PORT. */
import { existsSync } from 'node:fs';
import pino from 'pino';
import { REGION_PAGE } from './http/pages.js';
import { startRegion } from './node.js';
import { StoreRefused } from './store/db.js';

const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (!databaseUrl || !redisUrl) {
  log.fatal('DATABASE_URL (PostgreSQL) and REDIS_URL are required, e.g. DATABASE_URL=postgres://onestop@db/region REDIS_URL=redis://cache:6379');
  process.exit(2);
}

const retentionText = process.env.REGION_RETENTION_MONTHS ?? '';
const retentionMonths = retentionText === '' ? 0 : Number(retentionText);
if (!Number.isInteger(retentionMonths) || retentionMonths < 0) {
  log.fatal(`REGION_RETENTION_MONTHS must be a whole number of months (1 or more; 0 or unset keeps everything), not "${retentionText}"`);
  process.exit(2);
}

const bulkText = process.env.REGION_BULK_BATCHES ?? '';
const bulkBatches = bulkText === '' ? undefined : Number(bulkText);
if (bulkBatches !== undefined && (!Number.isInteger(bulkBatches) || bulkBatches < 1 || bulkBatches > 8)) {
  log.fatal(`REGION_BULK_BATCHES must be a whole number from 1 to 8 (bulk uplink batches one node commits at once), not "${bulkText}"`);
  process.exit(2);
}

const node = await startRegion({
  databaseUrl,
  redisUrl,
  port: Number(process.env.PORT ?? 3100),
  host: process.env.HOST ?? '0.0.0.0',
  adminPassword: process.env.REGION_ADMIN_PASSWORD,
  retentionMonths: retentionMonths || undefined,
  bulkBatches,
  log,
}).catch((err: unknown) => {
  if (!(err instanceof StoreRefused)) throw err;
  log.fatal(err.message);
  process.exit(2);
});
if (!existsSync(REGION_PAGE)) log.warn('The /region page is not built: run npm run build (or npm run build:ui) once in this checkout; the API and the uplink work meanwhile');
// For whoever started us (tests, the trial command): the port actually bound.
log.info({ url: node.url, port: node.port }, 'region ready');

let closing = false;
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.on(sig, () => {
    if (closing) return;
    closing = true;
    node.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
