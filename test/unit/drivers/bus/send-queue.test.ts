import { describe, expect, it } from 'vitest';
import { SendQueue } from '../../../../drivers/bus/send-queue.js';

/** An operation that stays in flight until released, recording when it starts and ends. */
function gate(log: string[], name: string, fail = false) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const op = async (): Promise<string> => {
    log.push(`start ${name}`);
    await released;
    log.push(`end ${name}`);
    if (fail) throw new Error(`${name} failed`);
    return name;
  };
  return { op, release };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('SendQueue', () => {
  it('runs one operation at a time, in the order they were queued', async () => {
    const q = new SendQueue();
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((n) => gate(log, n));
    const results = [q.run(a.op), q.run(b.op), q.run(c.op)];
    await tick();
    expect(log).toEqual(['start a']); // b and c wait although a never yields control to them
    c.release();
    b.release();
    await tick();
    expect(log).toEqual(['start a']);
    a.release();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('a failed operation fails only its caller; the next one still runs', async () => {
    const q = new SendQueue();
    const log: string[] = [];
    const bad = gate(log, 'bad', true);
    const good = gate(log, 'good');
    const first = q.run(bad.op);
    const second = q.run(good.op);
    const thrown = q.run(() => {
      throw new Error('thrown synchronously');
    });
    const after = q.run(async () => 'after');
    bad.release();
    good.release();
    await expect(first).rejects.toThrow('bad failed');
    expect(await second).toBe('good');
    await expect(thrown).rejects.toThrow('thrown synchronously');
    expect(await after).toBe('after');
  });
});
