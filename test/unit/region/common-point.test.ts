import { describe, expect, it } from 'vitest';
import { findCommonPoint, type Head } from '../../../server/uplink/common-point.js';

/** A region log and a hall log that agree up to `common` and differ after it. */
function logs(regionTop: number, hallTop: number, common: number, regionKeepsFrom = 1) {
  const at = (seq: number, epoch: number) => new Date(Date.UTC(2026, 10, 1) + seq * 1000 + (seq > common ? epoch * 500 : 0)).toISOString();
  let rounds = 0;
  const theirs = async (seqs: number[]): Promise<Head[]> => {
    rounds++;
    expect(seqs.length).toBeLessThanOrEqual(100);
    return seqs.filter((s) => s >= regionKeepsFrom && s <= regionTop).map((seq) => ({ seq, type: 'ticket.issued', at: at(seq, 0) }));
  };
  const mine = (seq: number) => (seq <= hallTop ? { type: 'ticket.issued', at: at(seq, 1) } : null);
  return { theirs, mine, top: Math.min(regionTop, hallTop), rounds: () => rounds };
}

describe('the last event a restored hall shares with the region', () => {
  it.each([
    // region top, hall top, common point
    [10, 4, 4], // restored, nothing new yet: behind
    [10, 30, 4], // restored and went on past the region: diverged
    [10, 10, 0], // nothing shared at all
    [10, 10, 10], // nothing diverged
    [1, 1, 1],
    [0, 5, 0],
    [5000, 3000, 2999],
    [1_000_000, 700_000, 654_321],
  ])('region up to %i, hall up to %i, shared up to %i', async (regionTop, hallTop, common) => {
    const l = logs(regionTop, hallTop, common);
    expect(await findCommonPoint(l.top, l.theirs, l.mine)).toBe(common);
    expect(l.rounds()).toBeLessThanOrEqual(4);
  });

  it('counts events the region no longer keeps (retention) as shared', async () => {
    const l = logs(50_000, 40_000, 31_007, 20_000);
    expect(await findCommonPoint(l.top, l.theirs, l.mine)).toBe(31_007);
  });
});
