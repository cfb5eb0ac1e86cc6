/**
 * The last event a restored hall's log shares with what the region stored. Both logs
 * agree up to some seq and differ after it (the hall was restored from a backup taken
 * at that point, then wrote new events), so "shared" is true up to the answer and false
 * after it. Each round asks the region for up to 100 evenly spread seqs between the
 * last known shared and the first known different one: a log of a million events is
 * settled in three rounds. Pure apart from the two lookups it is given.
 */
export interface Head {
  seq: number;
  type: string;
  at: string;
}

export async function findCommonPoint(
  top: number,
  theirs: (seqs: number[]) => Promise<Head[]>,
  mine: (seq: number) => { type: string; at: string } | null,
): Promise<number> {
  let lo = 0; // known shared (0: before the first event)
  let hi = top + 1; // known different (or past the end)
  while (hi - lo > 1) {
    const step = Math.max(1, Math.ceil((hi - lo - 1) / 100));
    const seqs: number[] = [];
    for (let q = hi - 1; q > lo && seqs.length < 100; q -= step) seqs.push(q);
    seqs.sort((a, b) => a - b);
    const region = new Map((await theirs(seqs)).map((h) => [h.seq, h]));
    const shared = (seq: number) => {
      const m = mine(seq);
      const r = region.get(seq);
      // an event either side no longer keeps (retention) counts as shared: only a differing one is not
      return !m || !r || (m.type === r.type && Date.parse(m.at) === Date.parse(r.at));
    };
    const firstDiff = seqs.find((q) => !shared(q));
    if (firstDiff === undefined) {
      lo = seqs[seqs.length - 1];
      continue;
    }
    hi = firstDiff;
    const below = seqs.filter((q) => q < firstDiff);
    if (below.length) lo = below[below.length - 1];
  }
  return lo;
}
