/**
 * The uplink batch's hand check (region/http/parse.ts) against the zod schema it stands
 * in for: on every field's edge cases both accept the same batches, return the same
 * value, and refuse with the same VALIDATION message.
 */
import { describe, expect, it } from 'vitest';
import { UPLINK_MAX_BATCH } from '../../common/region.js';
import { parse, parseUplinkBatch } from '../../region/http/parse.js';
import * as S from '../../region/http/schemas.js';

const event = { seq: 1, at: '2026-11-30T01:00:00.000Z', type: 'ticket.issued', windowId: null, ticketId: 't1', data: { type: 'ticket.issued', ticket: { id: 't1' } } };
const config = {
  hallName: 'North',
  timeZone: 'Asia/Shanghai',
  resetHour: 3,
  departments: [{ id: 'd1', name: 'D' }],
  services: [{ id: 's1', name: 'S', departmentId: 'd1', prefix: 'A', promisedMinutes: 20, catalogueCode: null }],
  windows: [{ id: 'w1', number: 1, name: 'W', departmentId: 'd1' }],
};

const FIELD_VALUES: Record<string, unknown[]> = {
  seq: [1, 2 ** 53 - 1, 2 ** 53, 0, -1, 1.5, '1', null, Number.NaN, Infinity],
  at: [
    '2026-11-30T01:00:00.000Z', '2026-11-30T01:00:00Z', '2026-11-30T09:00:00+08:00', '2026-11-30T01:00:00.123456789Z', '2024-02-29T00:00:00Z',
    '2023-02-29T00:00:00Z', '2026-11-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-30T24:00:00Z', '2026-11-30T01:00:00', '2026-11-30 01:00:00Z',
    '2026-11-30T01:00:00z', '2026-11-30T01:00Z', '2026-11-30T01:00:00+0800', '2026-11-30T01:00:00+24:00', '2026-11-30', 'yesterday', '', 1764464400000, null,
    '2026-11-30T01:00:00.000Z\n', ' 2026-11-30T01:00:00.000Z', '+02026-11-30T01:00:00Z',
  ],
  type: ['ticket.issued', 'x', 'x'.repeat(100), 'x'.repeat(101), '', 5, null],
  windowId: [null, 'w1', 'w'.repeat(100), 'w'.repeat(101), '', 3, undefined],
  ticketId: [null, 't1', 't'.repeat(100), 't'.repeat(101), '', false, undefined],
  data: [{}, { a: 1 }, { nested: { deep: [1, 2] } }, [], null, 'x', 1, JSON.parse('{"__proto__": {"x": 1}}')],
};

function cases(): unknown[] {
  const out: unknown[] = [];
  for (const [field, values] of Object.entries(FIELD_VALUES)) {
    for (const v of values) out.push({ after: 0, events: [{ ...event, [field]: v }] });
    const missing: Record<string, unknown> = { ...event };
    delete missing[field];
    out.push({ after: 0, events: [missing] });
  }
  out.push(
    { after: 0, events: [] },
    { after: 0, events: [event, { ...event, seq: 2 }] },
    { after: 0, events: [event, { ...event, seq: 'two' }] },
    { after: 0, events: [{ ...event, extra: 1 }] },
    { after: 0, events: [Object.assign(Object.create(null), event)] },
    { after: 0, events: [[1]] },
    { after: 0, events: [null] },
    { after: -1, events: [] },
    { after: 1.5, events: [] },
    { after: '0', events: [] },
    { after: 2 ** 53, events: [] },
    { events: [event] },
    { after: 0 },
    { after: 0, events: {} },
    { after: 0, events: [event], extra: true },
    { after: 0, events: [event], config },
    { after: 0, events: [event], config: { ...config, resetHour: 24 } },
    { after: 0, events: [event], config: { ...config, extra: 1 } },
    { after: 0, events: [event], config: null },
    // where the hall's log ends
    { after: 0, events: [event], head: { seq: 9, at: '2026-11-30T01:05:00.000Z' } },
    { after: 0, events: [], head: { seq: 0, at: null } },
    { after: 0, events: [event], head: { seq: 9, at: '2026-11-30T01:05:00.000Z' }, config },
    { after: 0, events: [event], head: { seq: -1, at: null } },
    { after: 0, events: [event], head: { seq: 1.5, at: null } },
    { after: 0, events: [event], head: { seq: 9 } },
    { after: 0, events: [event], head: { seq: 9, at: 'yesterday' } },
    { after: 0, events: [event], head: { seq: 9, at: null, extra: 1 } },
    { after: 0, events: [event], head: { at: null, extra: 1 } },
    { after: 0, events: [event], head: null },
    { after: 0, events: [event], head: 9 },
    // the configuration's names in three languages and the services' fees
    {
      after: 0, events: [event],
      config: {
        ...config, hallNames: { 'zh-CN': '北', 'zh-TW': '北', en: 'North' },
        departments: [{ id: 'd1', name: 'D', names: { 'zh-CN': 'D', en: 'Dept' } }],
        services: [{ ...config.services[0], names: { 'zh-CN': 'S', en: 'Service' }, fees: { 'zh-CN': '工本费20元', en: 'Fee ¥20' } }],
      },
    },
    { after: 0, events: [event], config: { ...config, hallNames: { en: 'North' } } },
    { after: 0, events: [event], config: { ...config, services: [{ ...config.services[0], fees: { 'zh-CN': 'x'.repeat(1001) } }] } },
    { after: 0, events: Array.from({ length: UPLINK_MAX_BATCH }, (_, i) => ({ ...event, seq: i + 1 })) },
    { after: 0, events: Array.from({ length: UPLINK_MAX_BATCH + 1 }, (_, i) => ({ ...event, seq: i + 1 })) },
    null,
    [],
    'batch',
    42,
  );
  return out;
}

const outcome = (fn: () => unknown) => {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, code: (e as { code?: string }).code, message: (e as Error).message };
  }
};

describe('uplink batch check', () => {
  it('accepts, returns and refuses exactly as the zod schema does', () => {
    const all = cases();
    let accepted = 0;
    for (const body of all) {
      const hand = outcome(() => parseUplinkBatch(structuredClone(body)));
      const zod = outcome(() => parse(S.uplinkBatch, structuredClone(body)));
      expect(hand, JSON.stringify(body)?.slice(0, 200)).toEqual(zod);
      if (hand.ok) accepted++;
    }
    // the cases cover both sides (a check that refused or accepted everything would not be compared)
    expect(accepted).toBeGreaterThan(20);
    expect(all.length - accepted).toBeGreaterThan(40);
  });

  it('refuses a bad event with the path and message of zod', () => {
    expect(() => parseUplinkBatch({ after: 0, events: [event, { ...event, seq: 2, at: 'yesterday' }] })).toThrow(/^events\.1\.at: /);
    expect(outcome(() => parseUplinkBatch({ after: 0, events: [{ ...event, type: '' }] })).code).toBe('VALIDATION');
  });
});
