/** The live pushes' queue (region/app/push-queue.ts): at most `workers` at once, a hall queued once, a commit during a push pushes again. */
import { describe, expect, it } from 'vitest';
import { PushQueue } from '../../region/app/push-queue.js';

function harness(workers: number) {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  let running = 0;
  let peak = 0;
  const q = new PushQueue((hallId) => {
    started.push(hallId);
    peak = Math.max(peak, ++running);
    return new Promise<void>((ok) => finish.set(hallId, () => (running--, ok())));
  }, workers);
  const settle = () => new Promise((r) => setImmediate(r));
  return { q, started, peak: () => peak, finish: async (h: string) => (finish.get(h)!(), await settle()), settle };
}

describe('live push queue', () => {
  it('runs at most `workers` pushes at once and pushes a hall once for the commits that queued before its push started', async () => {
    const h = harness(2);
    const done = ['a', 'b', 'c', 'c', 'd', 'c'].map((id) => h.q.add(id));
    await h.settle();
    expect(h.started).toEqual(['a', 'b']);
    await h.finish('a');
    await h.finish('b');
    expect(h.started).toEqual(['a', 'b', 'c', 'd']);
    await h.finish('c');
    await h.finish('d');
    await Promise.all(done);
    expect(h.peak()).toBe(2);
  });

  it('pushes a hall again when it changed while its push ran', async () => {
    const h = harness(2);
    const first = h.q.add('a');
    await h.settle();
    const second = h.q.add('a');
    await h.settle();
    expect(h.started).toEqual(['a']);
    await h.finish('a');
    await first;
    expect(h.started).toEqual(['a', 'a']);
    await h.finish('a');
    await second;
  });

  it('passes a failed push to its callers and goes on with the next', async () => {
    const q = new PushQueue(async (hallId) => {
      if (hallId === 'bad') throw new Error('store down');
    }, 1);
    await expect(q.add('bad')).rejects.toThrow('store down');
    await expect(q.add('good')).resolves.toBeUndefined();
  });
});
