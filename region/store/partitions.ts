import type { Client, Pool } from './db.js';

/** `events_y2026m12`: the monthly partition holding `month` (YYYY-MM). */
export const partitionName = (month: string) => `events_y${month.slice(0, 4)}m${month.slice(5, 7)}`;

/** The month after YYYY-MM. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The UTC months (YYYY-MM) the events' times fall in. */
export function monthsOf(times: string[]): string[] {
  return [...new Set(times.map((t) => new Date(t).toISOString().slice(0, 7)))].sort();
}

/**
 * Monthly partitions of `events`, created when missing. Known months are cached, so
 * a batch whose months exist costs nothing; nodes creating the same month at once
 * serialise on an advisory lock and the later one finds it there.
 */
export class Partitions {
  private known = new Set<string>();

  constructor(private pool: Pool) {}

  /** The current month and `ahead` months after it (called at start and hourly). */
  async ensureAhead(now: Date, ahead = 2): Promise<void> {
    let m = now.toISOString().slice(0, 7);
    const months = [m];
    for (let i = 0; i < ahead; i++) months.push((m = nextMonth(m)));
    await this.ensure(months);
  }

  async ensure(months: string[]): Promise<void> {
    const missing = months.filter((m) => !this.known.has(m));
    if (!missing.length) return;
    const c = await this.pool.connect();
    try {
      for (const m of missing) {
        await this.create(c, m);
        this.known.add(m);
      }
    } finally {
      c.release();
    }
  }

  private async create(c: Client, month: string): Promise<void> {
    await c.query('BEGIN');
    try {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['onestop-region-partition']);
      await c.query(
        `CREATE TABLE IF NOT EXISTS ${partitionName(month)} PARTITION OF events
         FOR VALUES FROM ('${month}-01 00:00:00+00') TO ('${nextMonth(month)}-01 00:00:00+00')`,
      );
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
  }

  /** Partitions that exist (for tests and operators). */
  async list(): Promise<string[]> {
    const r = await this.pool.query(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
       WHERE p.relname = 'events' ORDER BY c.relname`,
    );
    return r.rows.map((x) => x.relname as string);
  }
}
