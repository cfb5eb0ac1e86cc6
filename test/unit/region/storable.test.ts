/** What PostgreSQL can store of a hall's batch (region/domain/storable.ts), and the projection's use of it. */
import { describe, expect, it } from 'vitest';
import { newProjection, project } from '../../../region/domain/projection.js';
import { MAX_DATA_DEPTH, storableTime, textProblem, textProblemPath, timeInRange, valueProblem } from '../../../region/domain/storable.js';

/** An array `levels` deep (the outer array is level 1). */
const nested = (levels: number) => {
  let v: unknown = [];
  for (let i = 1; i < levels; i++) v = [v];
  return v;
};

describe('storable', () => {
  it('times: the ISO pattern with an offset PostgreSQL holds (±15:59) and a year after 0000', () => {
    expect(['2026-12-01T08:00:00Z', '2026-12-01T08:00:00+15:59', '2026-12-01T08:00:00-15:59', '2026-12-01T08:00:00.123456+08:00', '0001-01-01T00:00:00Z'].map(storableTime)).toEqual([true, true, true, true, true]);
    expect(['2026-12-01T08:00:00+16:00', '2026-12-01T08:00:00-23:59', '0000-06-01T00:00:00Z', 'infinity', '-infinity', 'not a time', '2026-12-01', 5, null].map(storableTime)).toEqual(Array(9).fill(false));
    expect(timeInRange('2026-12-01T08:00:00+09:30')).toBe(true);
  });

  it('text: no NUL, no lone surrogate; surrogate pairs and CJK are fine', () => {
    expect(['', 'abc', '中文', '😀', 'a\ud83d\ude00b'].map(textProblem)).toEqual([null, null, null, null, null]);
    expect(['\u0000', 'a\u0000', 'a\ud800', '\udc00b', 'a\ude00\ud83d'].map(textProblem)).toEqual(['nul', 'nul', 'surrogate', 'surrogate', 'surrogate']);
  });

  it('values: strings and keys at any depth, and nesting up to MAX_DATA_DEPTH', () => {
    expect(valueProblem({ a: 1, b: [true, null, 'x', { c: '中' }] })).toBeNull();
    expect(valueProblem({ a: [{ b: ['x', 'y\u0000'] }] })).toBe('nul');
    expect(valueProblem({ a: { 'k\ud800': 1 } })).toBe('surrogate');
    expect(valueProblem(nested(MAX_DATA_DEPTH))).toBeNull();
    expect(valueProblem(nested(MAX_DATA_DEPTH + 1))).toBe('depth');
    // iterative: a value nested 50,000 deep is refused, not a stack overflow
    expect(valueProblem({ n: nested(50_000) })).toBe('depth');
    expect(textProblemPath({ a: [{ b: ['x', 'y\u0000'] }] })).toEqual(['a', '0', 'b', '1']);
    // a walk stopped half-way leaves nothing behind for the next one
    expect(valueProblem([{ deep: { x: 1 } }, 'a\u0000', { y: 2 }])).toBe('nul');
    expect(valueProblem({ fine: [[1], [2]] })).toBeNull();
  });

  it('the projection takes a hall-given time only when PostgreSQL can hold it', () => {
    const at = '2026-12-01T08:00:00.000Z';
    const p = newProjection([]);
    const issued = (seq: number, id: string, queuedAt: unknown) =>
      project(p, { seq, at, type: 'ticket.issued', windowId: null, ticketId: id, data: { ticket: { id, serviceId: 's1', businessDay: '2026-12-01', queuedAt } } });
    issued(1, 'a', 'infinity');
    issued(2, 'b', '2026-12-01T07:59:00+08:00');
    issued(3, 'c', '2026-12-01T07:59:00+23:00');
    expect(['a', 'b', 'c'].map((id) => p.tickets.get(id)!.queuedAt)).toEqual([at, '2026-12-01T07:59:00+08:00', at]);
    project(p, { seq: 4, at, type: 'ticket.arrived', windowId: null, ticketId: 'b', data: { queuedAt: '-infinity' } });
    expect(p.tickets.get('b')!.queuedAt).toBe('2026-12-01T07:59:00+08:00');
  });
});
