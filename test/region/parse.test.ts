/**
 * The uplink batch's hand check (region/http/parse.ts) against the zod schema it stands
 * in for: on every field's edge cases both accept the same batches, return the same
 * value, and refuse with the same VALIDATION message. What PostgreSQL cannot store (NUL,
 * lone surrogates, deep data, offsets beyond ±15:59) is refused after either, by the same
 * check (`storable`), with INVALID_BATCH.
 */
import { describe, expect, it } from 'vitest';
import { UPLINK_MAX_BATCH } from '../../common/region.js';
import { parse, parseUplinkBatch, storable } from '../../region/http/parse.js';
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
    // offsets PostgreSQL holds (±15:59) and refuses, year 0000
    '2026-11-30T09:00:00+15:59', '2026-11-30T09:00:00-15:59', '2026-11-30T09:00:00+16:00', '2026-11-30T09:00:00-23:59', '0000-11-30T01:00:00Z',
  ],
  type: ['ticket.issued', 'x', 'x'.repeat(100), 'x'.repeat(101), '', 5, null, 'x\u0000', 'x\ud800', 'x\udc00y', 'x\ud83d\ude00'],
  windowId: [null, 'w1', 'w'.repeat(100), 'w'.repeat(101), '', 3, undefined, '\u0000', 'w\udfff'],
  ticketId: [null, 't1', 't'.repeat(100), 't'.repeat(101), '', false, undefined, 't\u0000', '\ud800'],
  data: [
    {}, { a: 1 }, { nested: { deep: [1, 2] } }, [], null, 'x', 1, JSON.parse('{"__proto__": {"x": 1}}'),
    { a: 'b\u0000' }, { 'a\u0000': 1 }, { a: [{ b: ['\ud800'] }] }, { 'k\udc00': 1 }, { ok: '中文 😀' }, JSON.parse('{"__proto__": {"x": "a\\u0000"}}'),
    nest(63), nest(64), nest(100),
  ],
};

/** `data` holding arrays `levels - 1` deep (the data object is the first level). */
function nest(levels: number): Record<string, unknown> {
  let v: unknown = [];
  for (let i = 2; i < levels; i++) v = [v];
  return { n: v };
}

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
    { after: 0, events: [event], head: { seq: 9, at: '2026-11-30T09:00:00+16:00' } },
    { after: 0, events: [event], head: { seq: 9, at: '2026-11-30T09:00:00-15:59' } },
    { after: 0, events: [event], config: { ...config, hallName: 'N\u0000' } },
    { after: 0, events: [event], config: { ...config, services: [{ ...config.services[0], catalogueCode: '\ud800' }] } },
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
      const zod = outcome(() => storable(parse(S.uplinkBatch, structuredClone(body))));
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

  it('refuses what PostgreSQL cannot store with INVALID_BATCH naming the event and the field, on the fast path and on zod\'s', () => {
    const second = (e: Record<string, unknown>) => ({ after: 0, events: [event, { ...event, seq: 2, ...e }] });
    const refusal = (body: unknown) => outcome(() => parseUplinkBatch(body));
    expect(refusal(second({ type: 'a\u0000' }))).toMatchObject({ ok: false, code: 'INVALID_BATCH', message: expect.stringMatching(/^Event 2: type holds a NUL character/) });
    expect(refusal(second({ data: { a: { b: ['x', 'y\ud800'] } } }))).toMatchObject({ code: 'INVALID_BATCH', message: expect.stringMatching(/^Event 2: data\.a\.b\.1 holds a lone UTF-16 surrogate/) });
    expect(refusal(second({ data: nest(65) }))).toMatchObject({ code: 'INVALID_BATCH', message: expect.stringMatching(/^Event 2: data nests deeper than 64 levels/) });
    expect(refusal(second({ at: '2026-11-30T09:00:00+16:00' }))).toMatchObject({ code: 'INVALID_BATCH', message: expect.stringMatching(/^Event 2: at 2026-11-30T09:00:00\+16:00 is out of PostgreSQL's range/) });
    expect(refusal(second({ data: nest(64) })).ok).toBe(true);
    // zod's path (an own "__proto__" key takes it), then the same check
    expect(refusal(second({ data: JSON.parse('{"__proto__": {}, "x": "a\\u0000"}') }))).toMatchObject({ code: 'INVALID_BATCH', message: expect.stringMatching(/^Event 2: data\.x holds a NUL/) });
    // and zod alone accepts it: the check is the region's, not the schema's
    expect(outcome(() => parse(S.uplinkBatch, second({ type: 'a\u0000' }))).ok).toBe(true);
  });
});
