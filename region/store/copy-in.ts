/**
 * `COPY … FROM STDIN` of rows held in memory, on one pooled connection (inside the caller's
 * transaction). node-pg has no copy-in of its own: its Query answers the server's
 * CopyInResponse by failing the copy; this one sends the rows and ends it. PostgreSQL takes
 * COPY rows in batches (one WAL record per page for many rows, no per-row executor), so
 * a batch's events cost its backend ~13–16 µs each against ~18–21 µs through
 * `INSERT … SELECT FROM jsonb_to_recordset` (bench.md, Region, 2026-12-02).
 */
import pg from 'pg';
import type { Client } from './db.js';

type Connection = { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void };

class CopyFromMemory extends pg.Query {
  constructor(
    text: string,
    private data: Buffer,
    done: (err: Error | undefined, r: { rowCount: number | null }) => void,
  ) {
    super(text, done as never);
  }

  handleCopyInResponse(connection: Connection): void {
    connection.sendCopyFromChunk(this.data);
    connection.endCopyFrom();
  }
}

/** Runs `sql` (a `COPY … FROM STDIN`, text format) with `rows` already in COPY text; returns the rows copied. */
export function copyIn(c: Client, sql: string, rows: string): Promise<number> {
  return new Promise((resolve, reject) => {
    c.query(new CopyFromMemory(sql, Buffer.from(rows), (err, r) => (err ? reject(err) : resolve(r?.rowCount ?? 0))) as never);
  });
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in COPY's text format: `\N` for null; backslash, tab, newline and carriage return escaped. */
export function copyField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : String(v);
  return SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]) : s;
}
