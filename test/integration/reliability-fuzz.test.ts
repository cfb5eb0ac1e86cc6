import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { fuzzHttp, fuzzSockets } from '../chaos/lib/fuzz.js';
import { ADMIN_PASSWORD, Api, clerkAt, kioskToken, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/**
 * Reliability 5 (quick run; `npm run test:chaos` sends 10,000+): seeded malformed
 * HTTP requests and socket events. Every answer is ok:true or the one error
 * shape, never a 5xx, and the hall still serves /api/v1/health afterwards.
 */
describe('reliability: seeded fuzzing (quick)', () => {
  let dir: string;
  let hall: RunningHall;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const clerk = await clerkAt(hall.url, 1);
    tokens = { admin: admin.token!, clerk: clerk.token!, kiosk: await kioskToken(hall.url, admin) };
  });

  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('1,000 malformed HTTP requests and 300 socket events: no 5xx, every refusal in the error shape', async () => {
    const http = await fuzzHttp(hall.url, tokens, 1000, 20260310);
    const sock = await fuzzSockets(hall.url, tokens.clerk, 300, 20260311);
    expect(http.bad).toEqual([]);
    expect(http.status5xx).toBe(0);
    expect(sock.bad).toEqual([]);
    expect(http.tried).toBe(1000);
    const health = await new Api(hall.url).get('/api/v1/health');
    expect(health.status).toBe(200);
    expect(({} as any).isAdmin).toBeUndefined();
    expect(({} as any).polluted).toBeUndefined();
  });
});
