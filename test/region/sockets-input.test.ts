/**
 * Odd hall ids and feed cursors get a clear answer, never a 503 and an error log (review
 * of the region, LOW): a path id that no hall can have is 404, a socket `watch` of one is
 * HALL_NOT_FOUND, a cursor with a NUL or an out-of-range xid/seq is 400 INVALID_CURSOR.
 * Log-out closes the session's live sockets; a socket whose session expired cannot watch.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import pino from 'pino';
import { REGION_EV, REGION_NS } from '../../common/region.js';
import { startRegion, type RunningRegion } from '../../region/node.js';
import type { Api } from '../helpers/hall.js';
import { requirePostgres, TestPostgres } from '../helpers/pg.js';
import { requireRedis, TestRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/ports.js';
import { REGION_ADMIN_PASSWORD, regionAdmin } from './support.js';

describe.runIf(requirePostgres() && requireRedis())('odd hall ids and cursors; sessions and live sockets', () => {
  let cluster: TestPostgres;
  let redis: TestRedis;
  let region: RunningRegion;
  let admin: Api;
  let db: pg.Pool;
  const errors: unknown[] = [];

  beforeAll(async () => {
    [cluster, redis] = await Promise.all([TestPostgres.start(), TestRedis.start()]);
    const log = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
    const url = await cluster.createDatabase('odd');
    db = new pg.Pool({ connectionString: url, max: 1 });
    db.on('error', () => undefined);
    region = await startRegion({ databaseUrl: url, redisUrl: redis.url, port: 0, host: '127.0.0.1', adminPassword: REGION_ADMIN_PASSWORD, log });
    admin = await regionAdmin(region.url);
  }, 90_000);
  afterAll(async () => {
    await db?.end();
    await region?.close();
    await Promise.all([cluster?.stop(), redis?.stop()]);
  });

  it('answers 404 for a hall id no hall can have, with the error shape', async () => {
    for (const path of ['/region/v1/halls/..%2Fx%00/live', '/region/v1/halls/a%00b/uplink', '/region/v1/halls/%E2%80%AE/resync']) {
      const r = path.endsWith('resync') ? await admin.post(path, {}) : await admin.get(path);
      expect([path, r.status, r.body.ok, r.body.error.code]).toEqual([path, 404, false, 'NOT_FOUND']);
    }
    expect(errors).toEqual([]);
  });

  it('refuses a feed cursor with a NUL or an out-of-range xid or seq', async () => {
    const cursor = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
    for (const c of [cursor('1:1:h\u0000x'), cursor('99999999999999999999:1:h'), cursor('1:9999999999999999999:h')]) {
      const r = await admin.get(`/region/v1/ratings/feed?cursor=${c}`);
      expect([r.status, r.body.error.code]).toEqual([400, 'INVALID_CURSOR']);
    }
    expect((await admin.get(`/region/v1/ratings/feed?cursor=${cursor('1:1:h')}`)).status).toBe(200);
    expect(errors).toEqual([]);
  });

  const connect = async (token: string | null) => {
    const socket = ioClient(region.url + REGION_NS, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('halls', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };

  it('answers a socket watch of an odd id with HALL_NOT_FOUND', async () => {
    const socket = await connect(admin.token);
    try {
      for (const id of ['\u0000', 'x'.repeat(65), '../x']) {
        expect(await socket.emitWithAck(REGION_EV.watch, id)).toEqual({ ok: false, error: { code: 'HALL_NOT_FOUND', message: expect.any(String) } });
      }
    } finally {
      socket.close();
    }
    expect(errors).toEqual([]);
  });

  it('log-out closes the session’s sockets; an expired session cannot watch', async () => {
    const other = await regionAdmin(region.url);
    const mine = await connect(other.token);
    const kept = await connect(admin.token);
    expect((await other.post('/region/v1/auth/logout', {})).status).toBe(200);
    await waitFor('the logged-out session’s socket to close', async () => !mine.connected);
    expect(kept.connected).toBe(true);

    const third = await regionAdmin(region.url);
    const expiring = await connect(third.token);
    await db.query("UPDATE region_sessions SET expires_at = now() - interval '1 second' WHERE expires_at > now() AND token_hash = encode(sha256($1::bytea), 'hex')", [third.token]);
    expect(await expiring.emitWithAck(REGION_EV.watch, 'any-hall')).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    await waitFor('the expired socket to close', async () => !expiring.connected);
    kept.close();
    expect(errors).toEqual([]);
  });
});
