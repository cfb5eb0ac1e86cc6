import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../../server/bootstrap.js';
import { CHECKIN_MAX_MISSES } from '../../../server/app/appointment-checkin.js';
import { ADMIN_PASSWORD, Api, DEMO_STAFF_PASSWORD, removeDir, startTestHall, tempDir } from '../../helpers/hall.js';
import { TestClock, bareKiosk, idNumber } from '../../helpers/features.js';

const TODAY = '2026-03-06'; // Friday; the clock starts at 09:00 Shanghai time
const MONDAY = '2026-03-09';

/** Finding 10: appointment codes cannot be probed at a kiosk, and a code for another day says nothing. */
describe('appointment check-in against probing', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let platform: Api;
  const clock = new TestClock();

  const book = async (date: string, seq: string) =>
    (await platform.post('/api/v1/appointments', { serviceId: 'social', date, slotStart: '10:00', name: '张小三', idNumber: idNumber('1990-03-07', seq) })).body.appointment as { code: string };

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir, { now: clock.now });
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const client = (await admin.post('/api/v1/admin/clients', { kind: 'platform', name: '省政务服务网' })).body.client;
    platform = new Api(hall.url, (await admin.post(`/api/v1/admin/clients/${client.id}/token`)).body.token);
  });
  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('a kiosk gets the same answer for an unknown code and a code for another day', async () => {
    const kiosk = await bareKiosk(admin, 'kiosk A');
    const monday = await book(MONDAY, '201');
    const unknown = await kiosk.api.post('/api/v1/appointments/check-in', { code: 'ZZZZ22' });
    const otherDay = await kiosk.api.post('/api/v1/appointments/check-in', { code: monday.code });
    expect(otherDay.status).toBe(unknown.status);
    expect(otherDay.body).toEqual(unknown.body);
    expect(otherDay.body.error.code).toBe('APPOINTMENT_NOT_FOUND');
    expect(JSON.stringify(otherDay.body)).not.toMatch(/2026|03-09|10:00/);
    // Staff at the help desk still learn the date, to help the citizen.
    const sup = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    const desk = await sup.post('/api/v1/appointments/check-in', { code: monday.code });
    expect(desk.body.error).toMatchObject({ code: 'APPOINTMENT_NOT_TODAY', message: expect.stringContaining(MONDAY) });
  });

  it('after 10 wrong codes a kiosk gets 429 with a retry time, even for a right code; other kiosks are not held up', async () => {
    const kiosk = await bareKiosk(admin, 'kiosk B');
    const other = await bareKiosk(admin, 'kiosk C');
    const today = await book(TODAY, '202');
    clock.set('2026-03-06T01:40:00Z'); // 09:40: on time for 10:00
    // Sent in parallel, as a script would.
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => kiosk.api.post('/api/v1/appointments/check-in', { code: `QQQ${String(100 + i).replace(/[01]/g, '2')}` })));
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(CHECKIN_MAX_MISSES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - CHECKIN_MAX_MISSES);
    const blocked = await kiosk.api.post('/api/v1/appointments/check-in', { code: today.code });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', field: 'code', message: expect.stringMatching(/try again in \d+ seconds/) } });
    // Another kiosk is unaffected, and the right code works there.
    expect((await other.api.post('/api/v1/appointments/check-in', { code: today.code })).status).toBe(201);
    // Five minutes after the misses the kiosk may try again.
    clock.advance(5);
    expect((await kiosk.api.post('/api/v1/appointments/check-in', { code: 'ZZZZ23' })).status).toBe(404);
  });
});
