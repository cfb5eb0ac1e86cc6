import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, kioskToken, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/** Time: an injected clock stepped back never reuses a number or reorders the queue, and the hall warns. */
describe('clock steps and synchronisation', () => {
  let dir: string;
  let hall: RunningHall | null = null;
  afterEach(async () => {
    await hall?.close();
    hall = null;
    removeDir(dir);
  });

  it('a step back across the daily reset keeps the business day, numbers on and calls in issue order; health warns', async () => {
    dir = tempDir();
    // 03:05 in Shanghai on 2 Dec: just after the 03:00 reset, a new business day.
    let clock = new Date('2026-12-01T19:05:00Z');
    hall = await startTestHall(dir, { now: () => clock, clockSyncProbe: async () => true });
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const kiosk = new Api(hall.url, await kioskToken(hall.url, admin));
    const issue = async () => (await kiosk.post('/api/v1/tickets', { serviceId: 'social' })).body.ticket;
    const a = await issue();
    clock = new Date(clock.getTime() + 30_000);
    const b = await issue();
    expect(a.businessDay).toBe('2026-12-02');
    expect((await admin.get('/api/v1/health')).body.clock).toEqual({ synchronized: true, lastJump: null, warning: null });

    clock = new Date('2026-12-01T18:55:00Z'); // stepped back ten minutes: 02:55, yesterday's business day
    const c = await issue();
    expect(c.businessDay).toBe('2026-12-02');
    const prefix = a.number.replace(/\d+$/, '');
    expect([a.number, b.number, c.number]).toEqual([`${prefix}001`, `${prefix}002`, `${prefix}003`]);
    expect(Date.parse(c.issuedAt)).toBeGreaterThanOrEqual(Date.parse(b.issuedAt));

    const w3 = await clerkAt(hall.url, 3);
    const called: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await w3.post('/api/v1/windows/w3/call-next');
      called.push(r.body.ticket.number);
      await w3.post('/api/v1/windows/w3/finish');
    }
    expect(called).toEqual([a.number, b.number, c.number]);

    const health = (await admin.get('/api/v1/health')).body.clock;
    expect(health.warning).toBe('jumped');
    expect(health.lastJump.seconds).toBeCloseTo(-600 - 30, -1);
    const metrics = await (await fetch(`${hall.url}/metrics`)).text();
    expect(metrics).toMatch(/^onestop_clock_jumps 1$/m);
  });

  it('a clock that is not synchronised is reported in health and metrics', async () => {
    dir = tempDir();
    hall = await startTestHall(dir, { clockSyncProbe: async () => false });
    const h = hall;
    // The clock's state is detail for the hall's staff: anonymous health is status only.
    const admin = await Api.login(h.url, 'admin', ADMIN_PASSWORD);
    let clock: any;
    for (let i = 0; i < 100; i++) {
      clock = (await admin.get('/api/v1/health')).body.clock;
      if (clock.synchronized !== null) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(clock).toEqual({ synchronized: false, lastJump: null, warning: 'not-synchronized' });
    expect(await (await fetch(`${hall.url}/metrics`)).text()).toMatch(/^onestop_clock_synchronized 0$/m);
  });
});
