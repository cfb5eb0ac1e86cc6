import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/** Reports replay the event log in their own process: the hall keeps working, and survives a report too big. */
describe('reports in their own process', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let clerk: Api;
  /** The hall's business day (it starts at 03:00 hall time, so it is not the UTC date in the evening UTC). */
  let day = '';

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    clerk = await clerkAt(hall.url, 3);
    day = (await admin.get('/api/v1/queue')).body.businessDay;
    for (let i = 0; i < 6; i++) expect((await clerk.post('/api/v1/tickets', { serviceId: 'social' })).status).toBe(201);
    for (let i = 0; i < 2; i++) {
      expect((await clerk.post('/api/v1/windows/w3/call-next')).status).toBe(200);
      expect((await clerk.post('/api/v1/windows/w3/finish')).status).toBe(200);
    }
  });

  afterEach(() => {
    delete process.env.ONESTOP_REPORT_HEAP_MB;
  });

  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('a report runs while the hall answers calls, and counts what happened', async () => {
    const report = admin.get(`/api/v1/admin/reports?from=${day}&to=${day}&by=window`);
    // While the report process starts and replays, a window calls and finishes.
    expect((await clerk.post('/api/v1/windows/w3/call-next')).status).toBe(200);
    expect((await clerk.post('/api/v1/windows/w3/finish')).status).toBe(200);
    const r = await report;
    expect(r.status).toBe(200);
    const w3 = r.body.rows.find((x: { key: string }) => x.key === 'w3');
    expect(w3.served).toBeGreaterThanOrEqual(2);
    expect(r.body.totals.issued).toBe(6);
  });

  it('a report that outgrows its memory is refused with a clear error; the hall is unharmed', async () => {
    process.env.ONESTOP_REPORT_HEAP_MB = '3';
    const r = await admin.get(`/api/v1/admin/reports?from=${day}&to=${day}`);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'REPORT_TOO_LARGE', field: 'to' } });
    expect(r.body.error.message).toMatch(/shorter period/);
    expect((await admin.get('/api/v1/health')).status).toBe(200);
    expect((await clerk.post('/api/v1/tickets', { serviceId: 'social' })).status).toBe(201);
    delete process.env.ONESTOP_REPORT_HEAP_MB;
    const again = await admin.get(`/api/v1/admin/reports?from=${day}&to=${day}`);
    expect(again.status).toBe(200);
    expect(again.body.totals.issued).toBe(7);
  });

  it('files are rendered in the report process; at most two reports at once, the third is told to wait', async () => {
    const q = `from=${day}&to=${day}`;
    const csv = await fetch(`${hall.url}/api/v1/admin/reports.csv?${q}`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    expect(bytes.toString('utf8')).toContain('合计');
    const xlsx = await fetch(`${hall.url}/api/v1/admin/reports.xlsx?${q}`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');

    const three = await Promise.all([1, 2, 3].map(() => admin.get(`/api/v1/admin/reports?${q}`)));
    expect(three.map((r) => r.status).sort()).toEqual([200, 200, 503]);
    expect(three.find((r) => r.status === 503)!.body.error).toMatchObject({ code: 'REPORT_BUSY' });
    expect((await admin.get(`/api/v1/admin/reports?${q}`)).status).toBe(200);
  });
});
