/** The private PostgreSQL cluster of the tests (region/dev/postgres.ts, shared with `npm run region:trial`). */
import { havePostgres, PG_BIN } from '../../region/dev/postgres.js';
import { requireBinary } from './ports.js';

export { findPgBin, havePostgres, PG_BIN, PrivatePostgres as TestPostgres } from '../../region/dev/postgres.js';

/** True when the tests may run; false (with a loud warning) off CI without PostgreSQL; throws on CI. */
export const requirePostgres = (): boolean => requireBinary(havePostgres(), `PostgreSQL server binaries (${PG_BIN})`, 'apt-get install postgresql');
