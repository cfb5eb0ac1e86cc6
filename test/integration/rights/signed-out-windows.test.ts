import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, DEMO_STAFF_PASSWORD, removeDir, startTestHall, tempDir } from '../../helpers/hall.js';

/**
 * Review of issue 10: a clerk who logged out (or whose session expired) left the window
 * open — displays, estimates and the supervisor counted a window nobody sat at, and the
 * counter page's log-out did not even end the session on the server.
 */
describe('windows of staff who signed out', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let at = Date.parse('2026-03-06T01:00:00Z');

  const status = (id: string) => hall.deps.ctx.store.config.runtime(id)?.status;
  const closedBy = (id: string) =>
    hall.deps.ctx.store.db.prepare(`SELECT actor_kind FROM events WHERE type = 'window.closed' AND window_id = ? ORDER BY id DESC LIMIT 1`).get(id) as
      | { actor_kind: string }
      | undefined;
  const eventually = async (what: string, cond: () => boolean) => {
    for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(cond(), what).toBe(true);
  };

  beforeEach(async () => {
    dir = tempDir();
    at = Date.parse('2026-03-06T01:00:00Z');
    hall = await startTestHall(dir, { now: () => new Date(at) });
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
  });
  afterEach(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('log-out closes the window its clerk left open, audited as closed by the system', async () => {
    const clerk = await clerkAt(hall.url, 3);
    expect(status('w3')).toBe('open');
    expect((await clerk.post('/api/v1/auth/logout')).status).toBe(200);
    await eventually('w3 closed after log-out', () => status('w3') === 'closed');
    expect(closedBy('w3')?.actor_kind).toBe('system');
    expect((await clerk.get('/api/v1/windows')).status).toBe(401);
  });

  it('a window with a ticket in hand stays as it is (the citizen is never dropped) and is free for a colleague', async () => {
    const clerk = await clerkAt(hall.url, 4);
    expect((await admin.post('/api/v1/tickets', { serviceId: 'fund' })).status).toBe(201); // window 4 serves the housing fund
    const called = await clerk.post('/api/v1/windows/w4/call-next');
    expect(called.body.ticket?.status).toBe('called');
    await clerk.post('/api/v1/auth/logout');
    await new Promise((r) => setTimeout(r, 100));
    expect(hall.deps.orphanWindows.sweep()).toEqual({ closed: [], inHand: ['w4'] });
    expect(status('w4')).toBe('open');
    expect(hall.deps.ctx.store.tickets.get(called.body.ticket.id)?.status).toBe('called');
    // Another clerk signs in without a supervisor's force and finishes it.
    const other = await Api.login(hall.url, 'clerk5', DEMO_STAFF_PASSWORD);
    expect((await other.post('/api/v1/windows/w4/open')).status).toBe(200);
    expect((await other.post('/api/v1/windows/w4/finish')).status).toBe(200);
  });

  it('an expired session closes its window at the next sweep; staff still signed in keep theirs', async () => {
    await clerkAt(hall.url, 6);
    expect((await admin.post('/api/v1/windows/w7/open')).status).toBe(200);
    expect((await admin.post('/api/v1/windows/w8/open')).status).toBe(200);
    at += 13 * 3600_000; // past the 12-hour session
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD); // the admin signs in again: w7 and w8 are theirs
    expect(hall.deps.orphanWindows.sweep().closed).toEqual(['w6']);
    expect([status('w6'), status('w7'), status('w8')]).toEqual(['closed', 'open', 'open']);
  });

  it('deactivating a clerk closes their window', async () => {
    await clerkAt(hall.url, 2);
    const users = (await admin.get('/api/v1/admin/users')).body.users as { id: string; username: string }[];
    const id = users.find((u) => u.username === 'clerk2')!.id;
    expect((await admin.req('PATCH', `/api/v1/admin/users/${id}`, { active: false })).status).toBe(200);
    await eventually('w2 closed after deactivation', () => status('w2') === 'closed');
  });
});
