/** The admission of uplink batches (region/app/batch-gate.ts): slots, slots kept for live batches, live before bulk, bulk not starved. */
import { describe, expect, it } from 'vitest';
import { BatchGate } from '../../region/app/batch-gate.js';

/** A batch that runs until the test lets it finish; `order` records when each one started. */
function harness(gate: BatchGate) {
  const order: string[] = [];
  const finish = new Map<string, () => void>();
  const submit = (name: string, live: boolean) =>
    gate.run(live, () => {
      order.push(name);
      return new Promise<void>((done) => finish.set(name, done));
    });
  const finished = new Set<string>();
  const settle = () => new Promise((r) => setImmediate(r));
  return { order, finished, finish: async (name: string) => (finished.add(name), finish.get(name)!(), await settle()), submit, settle };
}

describe('batch gate', () => {
  it('keeps slots for live batches: a live batch starts at once while bulk batches wait', async () => {
    const gate = new BatchGate(3, 2);
    const h = harness(gate);
    const all = [h.submit('bulk1', false), h.submit('bulk2', false), h.submit('bulk3', false), h.submit('live1', true), h.submit('live2', true)];
    await h.settle();
    // two bulk batches take their two slots; the third slot is for live batches only
    expect(h.order).toEqual(['bulk1', 'bulk2', 'live1']);
    expect(gate.state).toEqual({ running: 3, bulkRunning: 2, live: 1, bulk: 1 });
    await h.finish('bulk1');
    // a freed bulk slot goes to the waiting live batch first (it came after bulk3)
    expect(h.order).toEqual(['bulk1', 'bulk2', 'live1', 'live2']);
    await h.finish('live1');
    expect(h.order).toEqual(['bulk1', 'bulk2', 'live1', 'live2', 'bulk3']);
    for (const name of ['bulk2', 'live2', 'bulk3']) await h.finish(name);
    await Promise.all(all);
    expect(gate.state).toEqual({ running: 0, bulkRunning: 0, live: 0, bulk: 0 });
  });

  it('never runs more than `slots` batches, nor more than `bulkSlots` bulk ones', async () => {
    const gate = new BatchGate(4, 2);
    const h = harness(gate);
    const all = Array.from({ length: 12 }, (_, i) => h.submit(`b${i}`, i % 3 !== 0));
    let peak = 0;
    let bulkPeak = 0;
    while (h.order.length < 12 || gate.state.running > 0) {
      await h.settle();
      peak = Math.max(peak, gate.state.running);
      bulkPeak = Math.max(bulkPeak, gate.state.bulkRunning);
      const running = h.order.filter((n) => !h.finished.has(n));
      if (running.length) await h.finish(running[0]);
    }
    await Promise.all(all);
    expect([peak, bulkPeak]).toEqual([4, 2]);
  });

  it('hands every fourth slot to a waiting bulk batch while live batches keep coming', async () => {
    const gate = new BatchGate(1, 1, 4);
    const h = harness(gate);
    const all = [h.submit('first', false), h.submit('bulk', false)];
    for (let i = 1; i <= 6; i++) all.push(h.submit(`live${i}`, true));
    await h.settle();
    for (const name of ['first', 'live1', 'live2', 'live3', 'bulk', 'live4', 'live5', 'live6']) {
      expect(h.order.at(-1)).toBe(name);
      await h.finish(name);
    }
    await Promise.all(all);
  });

  it('frees the slot when a batch fails', async () => {
    const gate = new BatchGate(1);
    await expect(gate.run(false, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.state.running).toBe(0);
    expect(await gate.run(true, async () => 'ok')).toBe('ok');
  });
});
