/** The private redis-server of the tests (region/dev/redis.ts, shared with `npm run region:trial`). */
import { haveRedis } from '../../region/dev/redis.js';
import { requireBinary } from './ports.js';

export { haveRedis, PrivateRedis as TestRedis, REDIS_BIN } from '../../region/dev/redis.js';

export const requireRedis = (): boolean => requireBinary(haveRedis(), 'redis-server', 'apt-get install redis-server');
