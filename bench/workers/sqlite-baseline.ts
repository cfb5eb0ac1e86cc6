/**
 * Baseline for ticket issue: raw better-sqlite3 single-row inserts with the
 * server's durability settings (WAL, synchronous=FULL), one transaction (and
 * so one fsync) per insert, in its own process. A row the size of a ticket.
 * argv: dbFile durationMs → IPC {type:'result', perSecond, latencies}.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { wallMs } from '../lib/stats.js';

const [file, durationArg] = process.argv.slice(2);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, number TEXT NOT NULL, service_id TEXT NOT NULL, status TEXT NOT NULL, issued_at TEXT NOT NULL, data TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO tickets (id, number, service_id, status, issued_at, data) VALUES (?, ?, ?, ?, ?, ?)');
const one = db.transaction((n: number) => {
  insert.run(randomUUID(), `B${String(n).padStart(3, '0')}`, 'social', 'waiting', new Date().toISOString(), 'x'.repeat(300));
});
const duration = Number(durationArg);
const latencies: number[] = [];
const start = wallMs();
let n = 0;
while (wallMs() - start < duration) {
  const t0 = wallMs();
  one(++n);
  latencies.push(wallMs() - t0);
}
const elapsed = wallMs() - start;
db.close();
process.send?.({ type: 'result', perSecond: (n * 1000) / elapsed, latencies }, () => process.exit(0));
