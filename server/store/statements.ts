import type { Statement } from 'better-sqlite3';
import type { Db } from './db.js';

/** Prepares each distinct SQL text once per connection: preparing is the costly part. */
export class Statements {
  private cache = new Map<string, Statement>();

  constructor(readonly db: Db) {}

  q(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}
