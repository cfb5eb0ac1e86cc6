import { describe, expect, it } from 'vitest';
import { admin, clerkAt, kioskTokens } from '../../bench/lib/hall-setup.js';
import { removeDir, startServer, tempDir } from '../../bench/lib/proc.js';
import { fuzzHttp, fuzzSockets } from './lib/fuzz.js';

/** Reliability 5: 10,000 malformed HTTP requests and 2,000 socket events against the server process. */
describe('chaos: seeded fuzzing', () => {
  it('zero crashes, every refusal in the error shape, health still answers', async () => {
    const dir = tempDir();
    const server = await startServer(dir);
    let exited = false;
    server.child.once('exit', () => (exited = true));
    try {
      const a = await admin(server.url);
      const clerk = await clerkAt(server.url, 1);
      const [kiosk] = await kioskTokens(a, 1);
      const tokens = { admin: a.token!, clerk: clerk.token!, kiosk };
      const http = await fuzzHttp(server.url, tokens, Number(process.env.FUZZ_HTTP ?? 10_000), 6_000_001);
      const sock = await fuzzSockets(server.url, clerk.token!, Number(process.env.FUZZ_SOCKET ?? 2_000), 6_000_002);
      // With a token: the anonymous fuzz cases have spent this address's unauthenticated request budget (429 by design).
      const health = await fetch(`${server.url}/api/v1/health`, { headers: { authorization: `Bearer ${a.token}` } });
      console.log('fuzz summary', JSON.stringify({ http: { tried: http.tried, ok: http.ok, errorShape: http.errorShape, bad: http.bad.length, status5xx: http.status5xx }, sockets: { tried: sock.tried, ok: sock.ok, errorShape: sock.errorShape, oversizeDropped: sock.oversize ?? 0, bad: sock.bad.length }, crashed: exited, healthAfter: health.status }));
      expect(http.bad.slice(0, 5)).toEqual([]);
      expect(http.status5xx).toBe(0);
      expect(sock.bad.slice(0, 5)).toEqual([]);
      expect(exited).toBe(false);
      expect(health.status).toBe(200);
    } finally {
      await server.kill();
      removeDir(dir);
    }
  });
});
