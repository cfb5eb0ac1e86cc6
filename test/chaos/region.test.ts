/**
 * Region chaos, long: four real halls streaming to two region nodes while tickets flow,
 * the whole fault sequence three times (each node killed, PostgreSQL restarted thrice,
 * links cut and blackholed, halls killed with a backlog), every kind of ticket at each
 * hall, online numbers left to expire included. See test/region/chaos-run.ts.
 */
import { describe, it } from 'vitest';
import { requirePostgres } from '../helpers/pg.js';
import { requireRedis } from '../helpers/redis.js';
import { regionChaos } from '../region/chaos-run.js';

describe.runIf(requirePostgres() && requireRedis())('chaos: region under faults', () => {
  it('four halls, three rounds of faults: halls kept issuing, every hall’s counts in the region equal its own report', async () => {
    await regionChaos({ halls: 4, rounds: 3, ticketsPerFault: 20, expiry: true, log: (l) => console.log(`[region chaos] ${l}`) });
  });
});
