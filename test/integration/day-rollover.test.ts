import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/** The hall clock is injected: 02:59 → 03:00 Shanghai is the reset hour. */
describe('business-day rollover', () => {
  let dir: string;
  let hall: RunningHall;
  let clock = new Date('2026-11-28T18:58:00Z'); // 02:58 on the 29th in Shanghai: still the 28th's business day

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir, { now: () => clock });
  });

  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('closes the old day’s unserved tickets and restarts numbering at the reset hour', async () => {
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const a = await admin.post('/api/v1/tickets', { serviceId: 'social' });
    const b = await admin.post('/api/v1/tickets', { serviceId: 'social' });
    expect([a.body.ticket.number, b.body.ticket.number]).toEqual(['B001', 'B002']);
    expect(a.body.ticket.businessDay).toBe('2026-11-28');
    const w3 = await clerkAt(hall.url, 3);
    expect((await w3.post('/api/v1/windows/w3/call-next')).body.ticket.number).toBe('B001');

    clock = new Date('2026-11-28T19:00:00Z'); // 03:00 local: a new business day
    expect(hall.deps.hall.rollover.closeEarlierDays()).toBe(2);
    const t1 = (await admin.get(`/api/v1/tickets/${a.body.ticket.id}`)).body.ticket;
    const t2 = (await admin.get(`/api/v1/tickets/${b.body.ticket.id}`)).body.ticket;
    expect(t1.status).toBe('no_show'); // called but never served
    expect(t2.status).toBe('cancelled');
    const queue = (await admin.get('/api/v1/queue')).body;
    expect(queue.services.find((s: any) => s.id === 'social').waiting).toBe(0);
    expect(queue.windows.find((w: any) => w.id === 'w3').current).toBeNull();

    const c = await admin.post('/api/v1/tickets', { serviceId: 'social' });
    expect(c.body.ticket).toMatchObject({ number: 'B001', businessDay: '2026-11-29' });
    expect(hall.deps.hall.rollover.closeEarlierDays()).toBe(0); // today's ticket is left alone
  });
});
