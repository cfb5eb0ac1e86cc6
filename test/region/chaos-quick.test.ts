/**
 * The quick variant of the region chaos run (the long one is test/chaos/region.test.ts):
 * two real halls, two region nodes; each fault once but the hall restart (in the long
 * variant: a hall process start costs most of this run), and online numbers are taken
 * but not waited for to expire (a minute on the halls' real clocks: the long variant
 * checks expiry). See test/region/chaos-run.ts.
 */
import { describe, it } from 'vitest';
import { requirePostgres } from '../helpers/pg.js';
import { requireRedis } from '../helpers/redis.js';
import { regionChaos } from './chaos-run.js';

describe.runIf(requirePostgres() && requireRedis())('region chaos (quick)', () => {
  it('kill -9 of a node, a PostgreSQL restart, a cut and a blackholed link: halls kept issuing every kind of ticket, region = halls exactly', async () => {
    await regionChaos({ halls: 2, rounds: 1, ticketsPerFault: 3, restartHall: false });
  }, 400_000);
});
