import { describe, expect, it } from 'vitest';
import { afterStepTicket, assertRoute, currentStep, type RoutedTicket } from '../../../server/domain/route.js';

const t = (id: string, routeStep: number, status: RoutedTicket['status']): RoutedTicket => ({ id, routeStep, status });
const known = new Set(['land', 'tax', 'fund', 'social']);

describe('joint handling routes', () => {
  it('validates steps, parallel width and known services', () => {
    expect(() => assertRoute({ steps: [['land'], ['tax', 'fund']] }, known, 'case')).not.toThrow();
    expect(() => assertRoute({ steps: [] }, known, 'case')).toThrow(/1 to 10 steps/);
    expect(() => assertRoute({ steps: [[]] }, known, 'case')).toThrow(/Step 1 must name/);
    expect(() => assertRoute({ steps: [['tax', 'tax']] }, known, 'case')).toThrow(/twice/);
    expect(() => assertRoute({ steps: [['nope']] }, known, 'case')).toThrow(/no service "nope"/);
    expect(() => assertRoute({ steps: [['land']] }, known, 'land')).toThrow(/its own service/);
  });

  it('a sequential step moves on when its ticket is done, and the last one completes the case', () => {
    expect(afterStepTicket([t('a', 1, 'done')], t('a', 1, 'done'), 3)).toEqual({ kind: 'next', step: 2 });
    expect(afterStepTicket([t('a', 1, 'done'), t('b', 2, 'done'), t('c', 3, 'done')], t('c', 3, 'done'), 3)).toEqual({ kind: 'complete' });
  });

  it('a parallel step is done only when all its tickets are done, in any order', () => {
    const orders = [
      ['b', 'c', 'd'],
      ['d', 'c', 'b'],
      ['c', 'b', 'd'],
    ];
    for (const order of orders) {
      const status: Record<string, RoutedTicket['status']> = { a: 'done', b: 'waiting', c: 'waiting', d: 'waiting' };
      const outcomes = order.map((id) => {
        status[id] = 'done';
        const all = Object.entries(status).map(([k, s]) => t(k, k === 'a' ? 1 : 2, s));
        return afterStepTicket(all, t(id, 2, 'done'), 3).kind;
      });
      expect(outcomes).toEqual(['waiting', 'waiting', 'next']);
    }
  });

  it('a transferred ticket is followed by its continuation; a no-show stops the case', () => {
    const all = [t('a', 1, 'transferred'), t('a2', 1, 'done')];
    expect(afterStepTicket(all, t('a2', 1, 'done'), 2)).toEqual({ kind: 'next', step: 2 });
    expect(afterStepTicket([t('b', 2, 'no_show'), t('c', 2, 'done')], t('c', 2, 'done'), 2)).toEqual({ kind: 'stopped' });
  });

  it('shows the lowest open step', () => {
    expect(currentStep([t('a', 1, 'done'), t('b', 2, 'called'), t('c', 2, 'done')], 3)).toEqual({ index: 2, total: 3 });
    expect(currentStep([t('a', 1, 'done'), t('b', 2, 'done')], 2)).toEqual({ index: 2, total: 2 });
    expect(currentStep([], 2)).toBeUndefined();
  });
});
