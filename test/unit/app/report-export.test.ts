import { describe, expect, it } from 'vitest';
import { produceReport } from '../../../server/app/report-export.js';
import type { ReportEvent, ReportOptions } from '../../../server/domain/report.js';
import { at, ticket } from '../domain/fixtures.js';

const opts: ReportOptions = { from: '2026-11-28', to: '2026-11-28', period: 'day', by: 'service', labels: { service: new Map(), window: new Map(), staff: new Map() } };
/** One issued ticket in each of `n` services: a report of `n` rows. */
const events = (n: number): ReportEvent[] =>
  Array.from({ length: n }, (_, i) => {
    const t = ticket({ id: `t${i}`, serviceId: `s${i}`, queuedAt: at(1) });
    return { type: 'ticket.issued', at: at(1), windowId: null, ticketId: t.id, data: { type: 'ticket.issued', at: at(1), ticket: t } };
  });

describe('report output', () => {
  it('JSON up to 20,000 rows; more is refused, pointing to the files or a coarser period', async () => {
    const ok = await produceReport(events(20_000), opts, 'json');
    expect('report' in ok && ok.report.rows).toHaveLength(20_000);
    await expect(produceReport(events(20_001), opts, 'json')).rejects.toMatchObject({ code: 'REPORT_TOO_LARGE', field: 'period' });
  });

  it('CSV and XLSX have no row limit: every row, then the totals line', async () => {
    const csv = await produceReport(events(20_001), opts, 'csv');
    if (!('file' in csv)) throw new Error('expected a file');
    const lines = csv.file.toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 20_001 + 1);
    expect(lines.at(-1)).toContain('合计');
    const xlsx = await produceReport(events(3), opts, 'xlsx');
    expect('file' in xlsx && xlsx.file.subarray(0, 2).toString()).toBe('PK');
  });
});
