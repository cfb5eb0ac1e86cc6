import { withClient, type Client, type Pool } from './db.js';

/** The tables partitioned by month on their event time (`at`): raw rows, dropped whole by retention. */
export const PARTITIONED = ['events', 'ticket_samples', 'ratings'] as const;
export type PartitionedTable = (typeof PARTITIONED)[number];

/** `events_y2026m12`: the monthly partition of `table` holding `month` (YYYY-MM). */
export const partitionName = (month: string, table: PartitionedTable = 'events') => `${table}_y${month.slice(0, 4)}m${month.slice(5, 7)}`;

/** YYYY-MM of a month index (year × 12 + month − 1), the year zero-padded to 4 digits. */
const monthOf = (i: number) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
const indexOf = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** A quoted SQL identifier (catalog names never go into SQL bare). */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The month after YYYY-MM. */
export function nextMonth(month: string): string {
  return monthOf(indexOf(month) + 1);
}

/** The month `n` months before YYYY-MM. */
export function monthsBefore(month: string, n: number): string {
  return monthOf(indexOf(month) - n);
}

/** The UTC months (YYYY-MM) the events' times fall in. */
export function monthsOf(times: string[]): string[] {
  const months = new Set<string>();
  // a UTC time "YYYY-MM-…Z" names its month itself; one with an offset is converted
  for (const t of times) months.add(/^\d{4}-\d{2}-.*Z$/.test(t) ? t.slice(0, 7) : new Date(t).toISOString().slice(0, 7));
  return [...months].sort();
}

/**
 * Monthly partitions of events, ticket_samples and ratings (a month's three are made
 * together, before any batch of that month opens its transaction), created when
 * missing. Known months are cached, so a batch whose months exist costs nothing;
 * nodes creating the same month at once serialise on an advisory lock and the later
 * one finds it there.
 */
export class Partitions {
  private known = new Set<string>();
  private pending = new Map<string, Promise<void>>();

  constructor(
    private pool: Pool,
    private warn: (o: object, m: string) => void = () => {},
  ) {}

  /** The current month and `ahead` months after it (called at start and hourly). */
  async ensureAhead(now: Date, ahead = 2): Promise<void> {
    let m = now.toISOString().slice(0, 7);
    const months = [m];
    for (let i = 0; i < ahead; i++) months.push((m = nextMonth(m)));
    await this.ensure(months);
  }

  /** Forgets that these months exist (another node's retention may have dropped them): the next `ensure` checks again. */
  forget(months: string[]): void {
    for (const m of months) this.known.delete(m);
  }

  async ensure(months: string[]): Promise<void> {
    for (const m of months) if (!this.known.has(m)) await this.creating(m);
  }

  /**
   * The month's creation, shared by every batch that needs it meanwhile: the batches of a new
   * month (every hall's first) wait for one creation instead of each queueing on the advisory
   * lock with a connection of its own (measured in the bench: 23 lock waits of ~100–180 ms at the
   * start of the ingest). A failure reaches every waiter; the next batch tries again.
   */
  private creating(month: string): Promise<void> {
    let p = this.pending.get(month);
    if (!p) {
      p = withClient(this.pool, (c) => this.create(c, month))
        .then(() => void this.known.add(month))
        .finally(() => this.pending.delete(month));
      this.pending.set(month, p);
    }
    return p;
  }

  private async create(c: Client, month: string): Promise<void> {
    await c.query('BEGIN');
    try {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['onestop-region-partition']);
      for (const table of PARTITIONED) {
        await c.query(
          `CREATE TABLE IF NOT EXISTS ${ident(partitionName(month, table))} PARTITION OF ${ident(table)}
           FOR VALUES FROM ('${month}-01 00:00:00+00') TO ('${nextMonth(month)}-01 00:00:00+00')`,
        );
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
  }

  /** Partitions of `table` that exist, oldest first (for tests and operators). */
  async list(table: PartitionedTable = 'events'): Promise<string[]> {
    const r = await this.pool.query(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
       WHERE p.relname = $1 ORDER BY c.relname`,
      [table],
    );
    return r.rows.map((x) => x.relname as string);
  }

  /**
   * Retention: detaches and drops every monthly partition of raw rows (events, samples,
   * ratings) older than `keepMonths` months before `now`'s month. The daily aggregates
   * stay. A month whose events arrived within the last `graceDays` days (a hall catching
   * up: its late ratings not yet pulled by the feed) is kept until the next run after that.
   * DETACH … CONCURRENTLY lets ingest and reports go on meanwhile. A partition that fails
   * (another node dropping it at the same time) is reported to `warn` and the run goes on.
   * Returns what was dropped.
   */
  async dropOlderThan(now: Date, keepMonths: number, graceDays = 7): Promise<string[]> {
    const oldest = monthsBefore(now.toISOString().slice(0, 7), keepMonths);
    const months = new Set<string>();
    const byTable = new Map<PartitionedTable, Map<string, string>>();
    for (const table of PARTITIONED) {
      const names = new Map<string, string>();
      for (const name of await this.list(table)) {
        const m = /_y(\d{4})m(\d{2})$/.exec(name);
        if (!m || `${m[1]}-${m[2]}` >= oldest) continue;
        names.set(`${m[1]}-${m[2]}`, name);
        months.add(`${m[1]}-${m[2]}`);
      }
      byTable.set(table, names);
    }
    const dropped: string[] = [];
    for (const month of [...months].sort()) {
      const events = byTable.get('events')!.get(month);
      if (events && graceDays > 0 && (await this.receivedSince(events, now, graceDays))) {
        this.warn({ month, graceDays }, 'retention: month kept, it received events lately');
        continue;
      }
      for (const table of PARTITIONED) {
        const name = byTable.get(table)!.get(month);
        if (!name) continue;
        try {
          await this.detachAndDrop(table, name);
          dropped.push(name);
        } catch (err) {
          this.warn({ err, partition: name }, 'retention: could not drop partition');
        }
      }
    }
    for (const m of [...this.known]) if (m < oldest) this.known.delete(m);
    return dropped;
  }

  private async receivedSince(partition: string, now: Date, days: number): Promise<boolean> {
    const r = await this.pool.query(`SELECT 1 FROM ${ident(partition)} WHERE received_at > $1 LIMIT 1`, [new Date(now.getTime() - days * 86_400_000)]);
    return r.rows.length > 0;
  }

  private async detachAndDrop(table: PartitionedTable, name: string): Promise<void> {
    try {
      await this.pool.query(`ALTER TABLE ${ident(table)} DETACH PARTITION ${ident(name)} CONCURRENTLY`);
    } catch (e) {
      // a detach interrupted earlier leaves the partition "pending": finish it
      if (!/pending/i.test(String((e as Error).message))) throw e;
      await this.pool.query(`ALTER TABLE ${ident(table)} DETACH PARTITION ${ident(name)} FINALIZE`);
    }
    await this.pool.query(`DROP TABLE IF EXISTS ${ident(name)}`);
  }
}
