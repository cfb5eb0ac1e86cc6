/** The admission of uplink batches (region/app/batch-gate.ts): slots, live before bulk, bulk not starved. */
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
  const settle = () => new Promise((r) => setImmediate(r));
  return { order, finish: async (name: string) => (finish.get(name)!(), await settle()), submit, settle };
}

describe('batch gate', () => {
  it('runs at most `slots` batches at once and starts a waiting live batch before waiting bulk ones', async () => {
    const gate = new BatchGate(2);
    const h = harness(gate);
    const all = [h.submit('bulk1', false), h.submit('bulk2', false), h.submit('bulk3', false), h.submit('bulk4', false), h.submit('live1', true)];
    await h.settle();
    expect(h.order).toEqual(['bulk1', 'bulk2']);
    expect(gate.state).toEqual({ running: 2, live: 1, bulk: 2 });
    await h.finish('bulk1');
    // the live batch came last but goes first
    expect(h.order).toEqual(['bulk1', 'bulk2', 'live1']);
    await h.finish('live1');
    await h.finish('bulk2');
    expect(h.order).toEqual(['bulk1', 'bulk2', 'live1', 'bulk3', 'bulk4']);
    await h.finish('bulk3');
    await h.finish('bulk4');
    await Promise.all(all);
    expect(gate.state).toEqual({ running: 0, live: 0, bulk: 0 });
  });

  it('hands every fourth slot to a waiting bulk batch while live batches keep coming', async () => {
    const gate = new BatchGate(1, 4);
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
