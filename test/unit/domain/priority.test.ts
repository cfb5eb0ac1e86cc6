import { describe, expect, it } from 'vitest';
import type { PriorityClass } from '../../../common/types.js';
import type { TicketRecord } from '../../../server/domain/model.js';
import { aheadCounts, headOf, nextStreak, peopleAhead, peopleAheadFromCounts, queueOrder } from '../../../server/domain/priority.js';
import { CLASSES, at, prng, ticket } from './fixtures.js';

const ids = (ts: readonly TicketRecord[]) => ts.map((t) => t.id);

/**
 * Brute force: serve the queue one head at a time (headOf + nextStreak), exactly as
 * the windows do, and count how many are served before `target`.
 */
function simulateAhead(target: TicketRecord, queue: readonly TicketRecord[], ratio: number, streak = 0, greenExempt = false): number {
  let remaining = [...queue];
  let s = streak;
  let served = 0;
  for (;;) {
    const head = headOf(remaining, s, ratio, greenExempt);
    if (!head) throw new Error('target never served');
    if (head.id === target.id) return served;
    served++;
    s = nextStreak(s, head.priority);
    remaining = remaining.filter((t) => t.id !== head.id);
  }
}

/** Serve everything; returns the order. */
function serveAll(queue: readonly TicketRecord[], ratio: number, streak = 0): TicketRecord[] {
  let remaining = [...queue];
  let s = streak;
  const order: TicketRecord[] = [];
  while (remaining.length > 0) {
    const head = headOf(remaining, s, ratio)!;
    order.push(head);
    s = nextStreak(s, head.priority);
    remaining = remaining.filter((t) => t.id !== head.id);
  }
  return order;
}

function randomQueue(rand: () => number): TicketRecord[] {
  const n = 1 + Math.floor(rand() * 24);
  // few distinct minutes so equal queuedAt (tie on time, decided by seq) is common
  const seqs = [...Array(n).keys()].map((i) => i + 1).sort(() => rand() - 0.5);
  return seqs.map((seq, i) =>
    ticket({
      id: `t${i}`,
      seq,
      priority: CLASSES[Math.floor(rand() * CLASSES.length)],
      queuedAt: at(Math.floor(rand() * 6)),
    }),
  );
}

describe('queueOrder', () => {
  it('green > priority > appointment > normal, whatever the arrival time', () => {
    const q = [
      ticket({ id: 'n', priority: 'normal', queuedAt: at(0), seq: 1 }),
      ticket({ id: 'a', priority: 'appointment', queuedAt: at(1), seq: 2 }),
      ticket({ id: 'p', priority: 'priority', queuedAt: at(2), seq: 3 }),
      ticket({ id: 'g', priority: 'green', queuedAt: at(3), seq: 4 }),
    ];
    expect(ids([...q].sort(queueOrder))).toEqual(['g', 'p', 'a', 'n']);
  });

  it('within a class: earlier queuedAt first, even with a higher seq (transferred / restored tickets keep their place)', () => {
    const q = [
      ticket({ id: 'late-low-seq', queuedAt: at(5), seq: 1 }),
      ticket({ id: 'early-high-seq', queuedAt: at(1), seq: 9 }),
    ];
    expect(ids([...q].sort(queueOrder))).toEqual(['early-high-seq', 'late-low-seq']);
  });

  it('same class and same queuedAt: lower seq first', () => {
    const q = [
      ticket({ id: 'x', queuedAt: at(1), seq: 12 }),
      ticket({ id: 'y', queuedAt: at(1), seq: 3 }),
      ticket({ id: 'z', queuedAt: at(1), seq: 7 }),
    ];
    expect(ids([...q].sort(queueOrder))).toEqual(['y', 'z', 'x']);
  });

  it('is a consistent total order (antisymmetric) on random tickets', () => {
    const rand = prng(7);
    for (let c = 0; c < 200; c++) {
      const q = randomQueue(rand);
      for (const a of q) {
        for (const b of q) {
          if (a.id === b.id) continue;
          const ab = queueOrder(a, b);
          const ba = queueOrder(b, a);
          if (ab === 0 || Math.sign(ab) !== -Math.sign(ba)) {
            throw new Error(`queueOrder(${a.id}, ${b.id}) = ${ab}, reverse ${ba}`);
          }
        }
      }
    }
  });
});

describe('nextStreak', () => {
  it('counts consecutive non-normal tickets and resets on a normal one', () => {
    expect(nextStreak(0, 'priority')).toBe(1);
    expect(nextStreak(1, 'green')).toBe(2);
    expect(nextStreak(2, 'appointment')).toBe(3);
    expect(nextStreak(3, 'normal')).toBe(0);
  });
});

describe('headOf', () => {
  it('empty queue -> null', () => {
    expect(headOf([], 0, 2)).toBeNull();
    expect(headOf([], 0, 0)).toBeNull();
  });

  it('priority ticket goes before an older normal while the streak is under the ratio', () => {
    const q = [
      ticket({ id: 'n', priority: 'normal', queuedAt: at(0), seq: 1 }),
      ticket({ id: 'p', priority: 'priority', queuedAt: at(5), seq: 2 }),
    ];
    expect(headOf(q, 0, 2)!.id).toBe('p');
    expect(headOf(q, 1, 2)!.id).toBe('p');
  });

  it('after `ratio` priority tickets in a row the oldest normal goes', () => {
    const q = [
      ticket({ id: 'n2', priority: 'normal', queuedAt: at(3), seq: 3 }),
      ticket({ id: 'n1', priority: 'normal', queuedAt: at(0), seq: 1 }),
      ticket({ id: 'p', priority: 'priority', queuedAt: at(5), seq: 2 }),
    ];
    expect(headOf(q, 2, 2)!.id).toBe('n1');
    expect(headOf(q, 5, 2)!.id).toBe('n1');
  });

  it('a high streak does not matter when no normal waits', () => {
    const q = [ticket({ id: 'p', priority: 'priority' }), ticket({ id: 'a', priority: 'appointment', seq: 2 })];
    expect(headOf(q, 99, 2)!.id).toBe('p');
  });

  it('among priority tickets the class decides (green first), then time', () => {
    const q = [
      ticket({ id: 'a', priority: 'appointment', queuedAt: at(0), seq: 1 }),
      ticket({ id: 'p', priority: 'priority', queuedAt: at(1), seq: 2 }),
      ticket({ id: 'g', priority: 'green', queuedAt: at(9), seq: 3 }),
      ticket({ id: 'n', priority: 'normal', queuedAt: at(0), seq: 4 }),
    ];
    expect(headOf(q, 0, 2)!.id).toBe('g');
  });

  it('green not exempt (greenExemptFromFairness off): the fairness turn applies to green too — a normal goes before a waiting green at streak = ratio', () => {
    const q = [
      ticket({ id: 'g', priority: 'green', queuedAt: at(0), seq: 1 }),
      ticket({ id: 'n', priority: 'normal', queuedAt: at(1), seq: 2 }),
    ];
    expect(headOf(q, 2, 2, false)!.id).toBe('n');
  });

  it('green exempt (the default setting): a green ticket goes first even when the priority run is full; a priority one still waits its turn', () => {
    const q = [
      ticket({ id: 'n', priority: 'normal', queuedAt: at(0), seq: 1 }),
      ticket({ id: 'p', priority: 'priority', queuedAt: at(0), seq: 2 }),
      ticket({ id: 'g', priority: 'green', queuedAt: at(5), seq: 3 }),
    ];
    expect(headOf(q, 2, 2, true)!.id).toBe('g');
    expect(headOf(q.filter((t) => t.id !== 'g'), 3, 2, true)!.id).toBe('n');
  });

  it('ratio 0: plain first come first served by queuedAt then seq — classes are ignored', () => {
    const q = [
      ticket({ id: 'g', priority: 'green', queuedAt: at(4), seq: 4 }),
      ticket({ id: 'p', priority: 'priority', queuedAt: at(2), seq: 5 }),
      ticket({ id: 'n2', priority: 'normal', queuedAt: at(1), seq: 3 }),
      ticket({ id: 'n1', priority: 'normal', queuedAt: at(1), seq: 2 }),
    ];
    expect(headOf(q, 0, 0)!.id).toBe('n1');
    expect(ids(serveAll(q, 0))).toEqual(['n1', 'n2', 'p', 'g']);
    // a negative ratio behaves like 0
    expect(ids(serveAll(q, -1))).toEqual(['n1', 'n2', 'p', 'g']);
  });

  it('does not reorder or mutate the input array', () => {
    const q = [ticket({ id: 'b', queuedAt: at(2), seq: 2 }), ticket({ id: 'a', queuedAt: at(1), seq: 1 })];
    headOf(q, 0, 0);
    headOf(q, 0, 2);
    expect(ids(q)).toEqual(['b', 'a']);
  });
});

describe('fairness under a long priority queue (ratio 2)', () => {
  // 20 priority (P1..P20) and 10 normal (N1..N10) all waiting; the normals arrived first,
  // so without fairness they would all wait for the 20 priority tickets.
  const queue = [
    ...Array.from({ length: 10 }, (_, i) => ticket({ id: `N${i + 1}`, priority: 'normal', queuedAt: at(0, i), seq: i + 1 })),
    ...Array.from({ length: 20 }, (_, i) =>
      ticket({ id: `P${i + 1}`, priority: 'priority', queuedAt: at(1, i), seq: 11 + i }),
    ),
  ];

  it('serves P,P,N,P,P,N… for all 30 tickets, each class in its own arrival order', () => {
    const served = serveAll(queue, 2);
    expect(served).toHaveLength(30);
    expect(served.map((t) => (t.priority === 'normal' ? 'N' : 'P')).join('')).toBe('PPN'.repeat(10));
    // by hand: triple k (0-based) is P(2k+1), P(2k+2), N(k+1)
    const expected = Array.from({ length: 10 }, (_, k) => [`P${2 * k + 1}`, `P${2 * k + 2}`, `N${k + 1}`]).flat();
    expect(ids(served)).toEqual(expected);
  });

  it('nobody starves: the k-th normal is served by position 3k, and every ticket is served exactly once', () => {
    const served = serveAll(queue, 2);
    expect(new Set(ids(served)).size).toBe(30);
    for (let k = 1; k <= 10; k++) expect(ids(served).indexOf(`N${k}`) + 1).toBeLessThanOrEqual(3 * k);
  });

  it('even when a new priority ticket arrives after every call, a normal is served every third call', () => {
    let remaining = queue.filter((t) => t.priority === 'normal').slice(0, 3);
    remaining.push(ticket({ id: 'P0', priority: 'priority', queuedAt: at(1), seq: 100 }));
    let streak = 0;
    const kinds: string[] = [];
    for (let call = 0; call < 9; call++) {
      const head = headOf(remaining, streak, 2)!;
      kinds.push(head.priority === 'normal' ? 'N' : 'P');
      streak = nextStreak(streak, head.priority);
      remaining = remaining.filter((t) => t.id !== head.id);
      remaining.push(ticket({ id: `Pnew${call}`, priority: 'priority', queuedAt: at(2, call), seq: 200 + call }));
    }
    expect(kinds.join('')).toBe('PPNPPNPPN');
  });

  it('ratio 1 alternates P,N,P,N', () => {
    const small = [
      ticket({ id: 'N1', priority: 'normal', queuedAt: at(0), seq: 1 }),
      ticket({ id: 'N2', priority: 'normal', queuedAt: at(0), seq: 2 }),
      ticket({ id: 'P1', priority: 'priority', queuedAt: at(1), seq: 3 }),
      ticket({ id: 'P2', priority: 'priority', queuedAt: at(1), seq: 4 }),
    ];
    expect(ids(serveAll(small, 1))).toEqual(['P1', 'N1', 'P2', 'N2']);
  });
});

describe('peopleAhead', () => {
  it('hand-worked: ratio 2, priority P1..P5 and normals N1..N3 (streak 0)', () => {
    // served order: P1 P2 N1 P3 P4 N2 P5 N3
    const q = [
      ...[1, 2, 3].map((i) => ticket({ id: `N${i}`, priority: 'normal', queuedAt: at(0), seq: i })),
      ...[1, 2, 3, 4, 5].map((i) => ticket({ id: `P${i}`, priority: 'priority', queuedAt: at(1), seq: 10 + i })),
    ];
    const byId = (id: string) => q.find((t) => t.id === id)!;
    expect(peopleAhead(byId('N1'), q, 2)).toBe(2);
    expect(peopleAhead(byId('N2'), q, 2)).toBe(5);
    expect(peopleAhead(byId('N3'), q, 2)).toBe(7); // only 5 priority tickets exist
    expect(peopleAhead(byId('P1'), q, 2)).toBe(0);
    expect(peopleAhead(byId('P3'), q, 2)).toBe(3);
    expect(peopleAhead(byId('P5'), q, 2)).toBe(6);
  });

  it('aheadCounts / peopleAheadFromCounts on the same hand-worked queue', () => {
    const q = [
      ticket({ id: 'N1', priority: 'normal', queuedAt: at(0), seq: 1 }),
      ticket({ id: 'N2', priority: 'normal', queuedAt: at(3), seq: 4 }),
      ticket({ id: 'A', priority: 'appointment', queuedAt: at(1), seq: 2 }),
      ticket({ id: 'G', priority: 'green', queuedAt: at(2), seq: 3 }),
    ];
    // for N2: the others are N1 (normal, earlier), A and G (priority, both earlier)
    expect(aheadCounts(q[1], q)).toEqual({ normals: 1, normalsBefore: 1, priorities: 2, prioritiesBefore: 2, earlier: 3, greens: 1 });
    // for A: G sorts before it by class although it came later; N1 is earlier in time
    expect(aheadCounts(q[2], q)).toEqual({ normals: 2, normalsBefore: 1, priorities: 1, prioritiesBefore: 1, earlier: 1, greens: 1 });
    // ratio 2: G, A, N1, N2 -> N2 has 3 ahead; ratio 1: G, N1, A, N2 -> A has 2 ahead; ratio 0: by time
    expect(peopleAheadFromCounts('normal', aheadCounts(q[1], q), 2)).toBe(3);
    expect(peopleAheadFromCounts('appointment', aheadCounts(q[2], q), 1)).toBe(2);
    expect(peopleAheadFromCounts('appointment', aheadCounts(q[2], q), 0)).toBe(1);
  });

  it('ratio 0: everyone queued earlier, whatever their class', () => {
    const q = [
      ticket({ id: 'g', priority: 'green', queuedAt: at(3), seq: 3 }),
      ticket({ id: 'n1', priority: 'normal', queuedAt: at(1), seq: 1 }),
      ticket({ id: 'n2', priority: 'normal', queuedAt: at(2), seq: 2 }),
    ];
    expect(peopleAhead(q[0], q, 0)).toBe(2);
    expect(peopleAhead(q[1], q, 0)).toBe(0);
  });

  it('a ticket alone in its queue has nobody ahead', () => {
    const t = ticket({ id: 'solo', priority: 'normal' });
    expect(peopleAhead(t, [t], 2)).toBe(0);
    expect(peopleAhead(t, [], 2)).toBe(0);
  });

  it('matches the brute-force simulation on 2000 random queues (streak 0, ratios 0–3, all classes, tied times)', () => {
    let checked = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const rand = prng(seed);
      const queue = randomQueue(rand);
      const ratio = Math.floor(rand() * 4);
      for (const t of queue) {
        const sim = simulateAhead(t, queue, ratio, 0);
        const got = peopleAhead(t, queue, ratio);
        if (got !== sim) {
          throw new Error(`seed ${seed} ratio ${ratio} ticket ${t.id} (${t.priority}): peopleAhead ${got}, simulation ${sim}`);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  // Found by review: peopleAhead used to assume the service's priority streak was 0, while the
  // windows call with the real streak. It now takes the streak.
  const streakQueue = [
    ticket({ id: 'P1', priority: 'priority', queuedAt: at(1), seq: 2 }),
    ticket({ id: 'P2', priority: 'priority', queuedAt: at(2), seq: 3 }),
    ticket({ id: 'N1', priority: 'normal', queuedAt: at(0), seq: 1 }),
  ];

  it('(premise of the finding below) with streak 2 = ratio, N1 is served now, then P1, then P2', () => {
    expect(ids(serveAll(streakQueue, 2, 2))).toEqual(['N1', 'P1', 'P2']);
    expect(simulateAhead(streakQueue[2], streakQueue, 2, 2)).toBe(0);
    expect(simulateAhead(streakQueue[0], streakQueue, 2, 2)).toBe(1);
  });

  it('peopleAhead counts with the current priority streak (ratio 2, streak 2)', () => {
    expect(peopleAhead(streakQueue[2], streakQueue, 2, 2)).toBe(0);
    expect(peopleAhead(streakQueue[0], streakQueue, 2, 2)).toBe(1);
    expect(peopleAhead(streakQueue[1], streakQueue, 2, 2)).toBe(2);
  });

  it('peopleAhead agrees with the simulation at every streak on random queues', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const classes = ['normal', 'priority', 'green', 'appointment'] as const;
    for (let n = 0; n < 300; n++) {
      const size = 1 + Math.floor(rnd() * 12);
      const queue = Array.from({ length: size }, (_, i) =>
        ticket({ id: `T${i}`, priority: classes[Math.floor(rnd() * 4)], queuedAt: at(Math.floor(rnd() * 20)), seq: i + 1 }),
      );
      const ratio = 1 + Math.floor(rnd() * 3);
      const streak = Math.floor(rnd() * (ratio + 2));
      for (const t of queue) expect(peopleAhead(t, queue, ratio, streak)).toBe(simulateAhead(t, queue, ratio, streak));
    }
  });

  it('with green exempt from the ratio, peopleAhead (and the store-shaped counts) agree with the simulation on random queues', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const classes = ['normal', 'priority', 'green', 'appointment'] as const;
    for (let n = 0; n < 300; n++) {
      const size = 1 + Math.floor(rnd() * 12);
      const queue = Array.from({ length: size }, (_, i) =>
        ticket({ id: `T${i}`, priority: classes[Math.floor(rnd() * 4)], queuedAt: at(Math.floor(rnd() * 20)), seq: i + 1 }),
      );
      const ratio = 1 + Math.floor(rnd() * 3);
      const streak = Math.floor(rnd() * (ratio + 2));
      for (const t of queue) expect(peopleAhead(t, queue, ratio, streak, true)).toBe(simulateAhead(t, queue, ratio, streak, true));
    }
  });
});
