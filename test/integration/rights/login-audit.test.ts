import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, DEMO_STAFF_PASSWORD, removeDir, startTestHall, tempDir } from '../../helpers/hall.js';

/** Review of issue 10: log-ins were not audited; a supervisor could not see who signed in, or who was being guessed. */
describe('log-ins in the audit log', () => {
  let dir: string;
  let hall: RunningHall;

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
  });
  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('records log-in, failed log-in and log-out with who and from where; never a password or a name that is no account', async () => {
    const anon = new Api(hall.url);
    expect((await anon.post('/api/v1/auth/login', { username: 'clerk2', password: 'not-it' })).status).toBe(401);
    // Someone typing a password into the user name field: not an account, so not recorded as typed.
    expect((await anon.post('/api/v1/auth/login', { username: 'Secret-Pw-123', password: 'x' })).status).toBe(401);
    const clerk = await Api.login(hall.url, 'clerk2', DEMO_STAFF_PASSWORD);
    expect((await clerk.post('/api/v1/auth/logout')).status).toBe(200);
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const events = (await admin.get('/api/v1/admin/audit?type=auth.')).body.events as { type: string; actorId: string | null; data: any }[];
    const clerkId = hall.deps.ctx.store.auth.userByUsername('clerk2')!.id;
    const mine = events.filter((e) => e.data.userId === clerkId).map((e) => [e.type, e.data.reason ?? null, e.actorId]);
    expect(mine.reverse()).toEqual([
      ['auth.login_failed', 'wrong_password', clerkId],
      ['auth.login', null, clerkId],
      ['auth.logout', null, clerkId],
    ]);
    expect(events.find((e) => e.data.reason === 'unknown_user')).toMatchObject({ actorId: null, data: { userId: null, address: '127.0.0.1' } });
    expect(JSON.stringify(events)).not.toContain('Secret-Pw-123');
    expect(JSON.stringify(events)).not.toContain('not-it');
  });
});
