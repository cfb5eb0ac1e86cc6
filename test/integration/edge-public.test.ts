import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, connect, kioskToken, once, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/**
 * Issue 10, findings 12 and 14: every reply carries the security headers, and
 * what anyone may read (health, queue, the display snapshot) says no more
 * than a hall screen shows: no device URIs or details, no staff ids, no
 * identities or track tokens.
 */
describe('security headers and what public endpoints say', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let clerkId: string;
  let trackToken: string;

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const kiosk = new Api(hall.url, await kioskToken(hall.url, admin));
    trackToken = (await kiosk.post('/api/v1/tickets', { serviceId: 'property' })).body.ticket.trackToken;
    const clerk = await clerkAt(hall.url, 1);
    clerkId = (await clerk.get('/api/v1/auth/me')).body.user.id;
    expect((await clerk.post('/api/v1/windows/w1/call-next')).status).toBe(200);
  });
  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it.each(['/api/v1/services', '/api/v1/no-such-call', '/kiosk', '/t/abcdefgh', '/ui/nothing.js', '/'])('%s carries CSP, framing, nosniff and referrer headers', async (path) => {
    const r = await fetch(hall.url + path);
    const csp = r.headers.get('content-security-policy') ?? '';
    const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(script).toBe("'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('health: anonymous callers get status only; supervisors and admins get URIs and details', async () => {
    const anon = (await new Api(hall.url).get('/api/v1/health')).body;
    expect(anon).toMatchObject({ ok: true, version: expect.any(String) });
    expect(anon.devices.length).toBeGreaterThan(0);
    for (const d of anon.devices) expect(Object.keys(d).sort()).toEqual(['id', 'kind', 'state']);
    expect(JSON.stringify(anon)).not.toMatch(/sim:|uri|detail/);
    const full = (await admin.get('/api/v1/health')).body;
    expect(full.devices.find((d: any) => d.id === 'kiosk-1-printer').uri).toMatch(/^sim:/);
    // A clerk or a kiosk token is not enough to see where devices are plugged in.
    const clerk = await Api.login(hall.url, 'clerk2', 'demo1234');
    expect(JSON.stringify((await clerk.get('/api/v1/health')).body)).not.toContain('sim:');
  });

  it('the public queue and the display snapshot carry no staff ids, identities or track tokens', async () => {
    const queue = (await new Api(hall.url).get('/api/v1/queue')).body;
    const w1 = queue.windows.find((w: any) => w.id === 'w1');
    expect(w1.current.number).toBe('A001');
    const display = connect(hall.url, '/display');
    const state = await once(display, 'state');
    const asked = await display.timeout(5000).emitWithAck('state', {});
    display.close();
    for (const body of [queue, state, asked.state]) {
      const text = JSON.stringify(body);
      expect(text).not.toContain(clerkId);
      expect(text).not.toContain(trackToken);
      expect(text).not.toContain('staffId');
      expect(text).not.toContain('identity');
      expect(body.windows.find((w: any) => w.id === 'w1').current.number).toBe('A001');
    }
  });
});
