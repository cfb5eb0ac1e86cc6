/**
 * Odd hall ids and feed cursors get a clear answer, never a 503 and an error log (review
 * of the region, LOW): a path id that no hall can have is 404, a socket `watch` of one is
 * HALL_NOT_FOUND, a cursor with a NUL or an out-of-range xid/seq is 400 INVALID_CURSOR.
 * Log-out closes the session's live sockets; a socket whose session expired cannot watch.
 */
import { describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import pino from 'pino';
import { REGION_EV, REGION_NS } from '../../common/region.js';
import { startRegion } from '../../region/node.js';
import { requirePostgres } from '../helpers/pg.js';
import { requireRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/ports.js';
import { REGION_ADMIN_PASSWORD, regionAdmin } from './support.js';
import { regionRig } from './rig.js';

describe.runIf(requirePostgres() && requireRedis())('odd hall ids and cursors; sessions and live sockets', () => {
  const errors: unknown[] = [];
  const rig = regionRig('odd', {
    poolMax: 1,
    start: (databaseUrl, redisUrl) => {
      const log = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
      return startRegion({ databaseUrl, redisUrl, port: 0, host: '127.0.0.1', adminPassword: REGION_ADMIN_PASSWORD, log });
    },
  });

  it('answers 404 for a hall id no hall can have, with the error shape', async () => {
    for (const path of ['/region/v1/halls/..%2Fx%00/live', '/region/v1/halls/a%00b/uplink', '/region/v1/halls/%E2%80%AE/resync']) {
      const r = path.endsWith('resync') ? await rig.admin.post(path, {}) : await rig.admin.get(path);
      expect([path, r.status, r.body.ok, r.body.error.code]).toEqual([path, 404, false, 'NOT_FOUND']);
    }
    expect(errors).toEqual([]);
  });

  it('refuses a feed cursor with a NUL or an out-of-range xid or seq', async () => {
    const cursor = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
    for (const c of [cursor('1:1:h\u0000x'), cursor('99999999999999999999:1:h'), cursor('1:9999999999999999999:h')]) {
      const r = await rig.admin.get(`/region/v1/ratings/feed?cursor=${c}`);
      expect([r.status, r.body.error.code]).toEqual([400, 'INVALID_CURSOR']);
    }
    expect((await rig.admin.get(`/region/v1/ratings/feed?cursor=${cursor('1:1:h')}`)).status).toBe(200);
    expect(errors).toEqual([]);
  });

  const connect = async (token: string | null) => {
    const socket = ioClient(rig.region.url + REGION_NS, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once(REGION_EV.halls, () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };

  it('answers a socket watch of an odd id with HALL_NOT_FOUND', async () => {
    const socket = await connect(rig.admin.token);
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
    const other = await regionAdmin(rig.region.url);
    const mine = await connect(other.token);
    const kept = await connect(rig.admin.token);
    expect((await other.post('/region/v1/auth/logout', {})).status).toBe(200);
    await waitFor('the logged-out session’s socket to close', async () => !mine.connected);
    expect(kept.connected).toBe(true);

    const third = await regionAdmin(rig.region.url);
    const expiring = await connect(third.token);
    await rig.db.query("UPDATE region_sessions SET expires_at = now() - interval '1 second' WHERE expires_at > now() AND token_hash = encode(sha256($1::bytea), 'hex')", [third.token]);
    expect(await expiring.emitWithAck(REGION_EV.watch, 'any-hall')).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    await waitFor('the expired socket to close', async () => !expiring.connected);
    kept.close();
    expect(errors).toEqual([]);
  });
});
