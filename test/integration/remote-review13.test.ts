import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { TestClock, bareKiosk, idNumber, patchService, patchSettings, readCard } from '../helpers/features.js';

/** The attacker review of issue 13's remote queueing (task review13). */
const REMOTE = { enabled: true, arrivalRule: 'keep', expireMinutes: 60, perDevicePerDay: 5, perPersonPerDay: 5, quotas: { social: 1 }, doorCode: 'door-secret-1' };
const person = (seq: string) => ({ name: '王五', idNumber: idNumber('1979-09-09', seq) });
const device = (n: number) => `phone-${n}-0123456789abcdef`;

describe('remote queueing, review 13', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let phone: Api;
  let clock: TestClock;

  beforeEach(async () => {
    dir = tempDir();
    clock = new TestClock();
    hall = await startTestHall(dir, { now: clock.now });
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    phone = new Api(hall.url);
  });
  afterEach(async () => {
    await hall.close();
    removeDir(dir);
  });

  const take = (seq: string, n = 1, serviceId = 'social') => phone.post('/api/v1/remote/tickets', { serviceId, ...person(seq), deviceId: device(n) });
  const statusOf = (id: string) => hall.deps.ctx.store.tickets.get(id)?.status;

  it('online numbers that expire or are cancelled before arrival do not use up the service\'s daily quota', async () => {
    await patchService(admin, 'social', { dailyQuota: 3 });
    await patchSettings(admin, { remoteQueue: REMOTE });
    for (let i = 1; i <= 3; i++) {
      const t = (await take(`10${i}`, i)).body.ticket;
      clock.advance(61);
      expect(hall.deps.hall.remote.expireDue()).toBe(1);
      expect(statusOf(t.id)).toBe('expired');
    }
    const cancelled = (await take('104', 4)).body.ticket;
    expect((await admin.post(`/api/v1/tickets/${cancelled.id}/cancel`, { reason: 'citizen phoned' })).status).toBe(200);
    const kiosk = await bareKiosk(admin);
    // Four online numbers never arrived: all three places of the day are still free for walk-ins.
    for (let i = 0; i < 3; i++) {
      const r = await kiosk.api.post('/api/v1/tickets', { serviceId: 'social' });
      expect([r.status, r.body.error?.code]).toEqual([201, undefined]);
    }
    expect((await kiosk.api.post('/api/v1/tickets', { serviceId: 'social' })).body.error.code).toBe('QUOTA_REACHED');
  });
});
