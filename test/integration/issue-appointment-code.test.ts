import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/** POST /api/v1/tickets never read appointmentCode: it is refused, so nobody believes an appointment was used. */
describe('POST /api/v1/tickets with an appointment code', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await hall?.close();
    removeDir(dir);
  });

  it('is refused with a 400 that points to check-in, and issues nothing', async () => {
    const waiting = async () => (await admin.get('/api/v1/services')).body.find((s: { id: string }) => s.id === 'property').waiting;
    const before = await waiting();
    const r = await admin.post('/api/v1/tickets', { serviceId: 'property', appointmentCode: 'AB12CD' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'appointmentCode' } });
    expect(r.body.error.message).toMatch(/appointments\/check-in/);
    expect(await waiting()).toBe(before);
    expect((await admin.post('/api/v1/tickets', { serviceId: 'property' })).status).toBe(201);
  });
});
