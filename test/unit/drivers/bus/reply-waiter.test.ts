import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReplyWaiter, type ReplyMatch } from '../../../../drivers/bus/reply-waiter.js';

type Reply = { id: number; ok: boolean };

/** A reply to request `id`: 'ack' / 'nak'; anything else is not ours. */
const replyTo = (id: number, timeoutMs = 100): ReplyMatch<Reply, 'ack' | 'nak' | 'timeout'> => ({
  timeoutMs,
  match: (m) => (m.id === id ? (m.ok ? 'ack' : 'nak') : undefined),
  onTimeout: () => 'timeout',
});

afterEach(() => vi.useRealTimers());

describe('ReplyWaiter', () => {
  it('settles a request with the reply that matches it, sent after the wait began', async () => {
    const w = new ReplyWaiter<Reply>();
    const sent: string[] = [];
    // the device answers inside send(), before send resolves: the reply must not be missed
    const result = await w.request(async () => {
      sent.push('req 1');
      expect(w.offer({ id: 1, ok: true })).toBe(true);
    }, replyTo(1));
    expect(result).toBe('ack');
    expect(sent).toEqual(['req 1']);
    expect(w.waiting).toBe(0);
  });

  it('drops unmatched and late replies instead of settling the wrong request', async () => {
    const w = new ReplyWaiter<Reply>();
    expect(w.offer({ id: 7, ok: true })).toBe(false); // nobody waits: line noise
    const p = w.request(async () => undefined, replyTo(2));
    expect(w.offer({ id: 1, ok: true })).toBe(false); // a late reply to an earlier request
    expect(w.waiting).toBe(1);
    expect(w.offer({ id: 2, ok: false })).toBe(true);
    expect(await p).toBe('nak');
    expect(w.offer({ id: 2, ok: true })).toBe(false); // a repeat after it settled
  });

  it('matches out-of-order replies to several pending requests', async () => {
    const w = new ReplyWaiter<Reply>();
    const a = w.request(async () => undefined, replyTo(1));
    const b = w.request(async () => undefined, replyTo(2));
    w.offer({ id: 2, ok: false });
    w.offer({ id: 1, ok: true });
    expect(await Promise.all([a, b])).toEqual(['ack', 'nak']);
  });

  it('hands a message only to the oldest request that recognises it', async () => {
    const w = new ReplyWaiter<number>();
    const any = { timeoutMs: 100, match: (b: number) => b, onTimeout: () => -1 };
    const first = w.request(async () => undefined, any);
    const second = w.request(async () => undefined, any);
    w.offer(0x12);
    expect(await first).toBe(0x12);
    expect(w.waiting).toBe(1);
    w.offer(0x16);
    expect(await second).toBe(0x16);
  });

  it('ends with onTimeout when nothing matches in time: a value, or the error it throws', async () => {
    vi.useFakeTimers();
    const w = new ReplyWaiter<Reply>();
    const soft = w.request(async () => undefined, replyTo(1, 50));
    const hard = w.request(async () => undefined, {
      timeoutMs: 80,
      match: () => undefined,
      onTimeout: () => {
        throw new Error('no reply to status within 80 ms');
      },
    });
    const hardResult = hard.catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(50);
    expect(await soft).toBe('timeout');
    expect(w.waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(30);
    expect(await hardResult).toBe('no reply to status within 80 ms');
    expect(w.waiting).toBe(0);
    expect(w.offer({ id: 1, ok: true })).toBe(false); // the reply after the timeout is dropped
  });

  it('fails a request whose match throws (a corrupt reply fails at once, not at the timeout)', async () => {
    const w = new ReplyWaiter<Reply>();
    const p = w.request(async () => undefined, {
      ...replyTo(1),
      match: (m) => {
        if (!m.ok) throw new Error('bad checksum in reply');
        return 'ack' as const;
      },
    });
    expect(w.offer({ id: 1, ok: false })).toBe(true);
    await expect(p).rejects.toThrow('bad checksum in reply');
  });

  it('rejects every pending request when closed, and nothing is left behind', async () => {
    vi.useFakeTimers();
    const w = new ReplyWaiter<Reply>();
    const a = w.request(async () => undefined, replyTo(1));
    const b = w.request(async () => undefined, replyTo(2));
    w.failAll(new Error('closed'));
    await expect(a).rejects.toThrow('closed');
    await expect(b).rejects.toThrow('closed');
    expect(w.waiting).toBe(0);
    expect(vi.getTimerCount()).toBe(0); // the timeouts were cleared
  });

  it('rethrows a failed send and stops waiting for its reply', async () => {
    vi.useFakeTimers();
    const w = new ReplyWaiter<Reply>();
    const p = w.request(async () => {
      throw new Error('write failed');
    }, replyTo(1));
    await expect(p).rejects.toThrow('write failed');
    expect(w.waiting).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a send that throws at once (not a rejection) fails its wait too: nothing is left to take a later reply', async () => {
    vi.useFakeTimers();
    const w = new ReplyWaiter<Reply>();
    const send = (() => {
      throw new Error('port closed');
    }) as unknown as () => Promise<void>;
    await expect(w.request(send, replyTo(1))).rejects.toThrow('port closed');
    expect(w.waiting).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a timeout that fires while send is still running rejects without an unhandled rejection', async () => {
    vi.useFakeTimers();
    const w = new ReplyWaiter<Reply>();
    let finishSend!: () => void;
    const p = w.request(() => new Promise<void>((r) => (finishSend = r)), {
      ...replyTo(1, 10),
      onTimeout: () => {
        throw new Error('timeout');
      },
    });
    // the request settles at its timeout, while send is still in flight: its rejection is handled from the start
    const outcome = expect(p).rejects.toThrow('timeout');
    await vi.advanceTimersByTimeAsync(20);
    await outcome;
    finishSend(); // a send finishing late changes nothing
    await vi.advanceTimersByTimeAsync(0);
  });

  it('ends at its timeout, or when the line is failed, even if send never calls back (a port that vanished mid-write)', async () => {
    vi.useFakeTimers();
    const w = new ReplyWaiter<Reply>();
    const never = () => new Promise<void>(() => undefined);
    const settled: string[] = [];
    const timedOut = w.request(never, replyTo(1, 10)).then((r) => settled.push(`a:${r}`));
    await vi.advanceTimersByTimeAsync(20);
    expect(settled).toEqual(['a:timeout']);
    const failed = w.request(never, replyTo(2, 1000)).catch((e: Error) => settled.push(`b:${e.message}`));
    w.failAll(new Error('disconnected'));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toEqual(['a:timeout', 'b:disconnected']);
    await Promise.all([timedOut, failed]);
    expect(w.waiting).toBe(0);
  });
});
