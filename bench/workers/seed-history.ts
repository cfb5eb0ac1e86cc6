/**
 * Seeds a hall database with `count` tickets of history, spread over past
 * business days, each served (issued → called → finished) with its events,
 * in one transaction. The schema comes from the store's own migrations.
 * argv: dbFile count → IPC {type:'result', tickets, events, ms}.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { openDatabase } from '../../server/store/db.js';

const [file, countArg] = process.argv.slice(2);
const count = Number(countArg);
const t0 = Date.now();
const db = openDatabase(file);
db.pragma('synchronous = OFF'); // a fixture: one transaction, no need to fsync as we go
const services = db.prepare('SELECT id, prefix FROM services ORDER BY sort_order').all() as { id: string; prefix: string }[];
const windows = db.prepare('SELECT window_id, service_id FROM window_services').all() as { window_id: string; service_id: string }[];
const windowFor = new Map<string, string>();
for (const w of windows) if (!windowFor.has(w.service_id)) windowFor.set(w.service_id, w.window_id);

const insTicket = db.prepare(`INSERT INTO tickets (id, number, seq, prefix, service_id, business_day, status, priority, issued_at, queued_at,
  called_at, serving_at, finished_at, window_id, target_window_id, recall_count, track_token, kiosk_id, transferred_from_id)
  VALUES (?, ?, ?, ?, ?, ?, 'done', 'normal', ?, ?, ?, ?, ?, ?, NULL, 0, ?, 'kiosk-1', NULL)`);
const insEvent = db.prepare(`INSERT INTO events (at, type, actor_kind, actor_id, window_id, device_id, ticket_id, data) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)`);
const insCounter = db.prepare('INSERT OR REPLACE INTO counters (business_day, prefix, seq) VALUES (?, ?, ?)');

const PER_DAY = 4000;
const days = Math.ceil(count / PER_DAY);
const today = new Date();
let events = 0;
// Bulk load: drop the two big tables' indexes and build them again afterwards (same SQL, from sqlite_master).
const indexes = db
  .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('tickets', 'events') AND sql IS NOT NULL`)
  .all() as { name: string; sql: string }[];
db.transaction(() => {
  for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
  let made = 0;
  for (let d = days; d >= 1 && made < count; d--) {
    const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - d - 1));
    const day = date.toISOString().slice(0, 10);
    const open = date.getTime() + 1 * 3600_000; // 09:00 Shanghai
    const seqs = new Map<string, number>();
    const n = Math.min(PER_DAY, count - made);
    for (let i = 0; i < n; i++, made++) {
      const s = services[i % services.length];
      const seq = (seqs.get(s.prefix) ?? 0) + 1;
      seqs.set(s.prefix, seq);
      const issued = new Date(open + Math.floor((i * 8 * 3600_000) / n));
      const called = new Date(issued.getTime() + 600_000);
      const finished = new Date(called.getTime() + 420_000);
      const id = randomUUID();
      const windowId = windowFor.get(s.id) ?? null;
      const number = s.prefix + String(seq).padStart(3, '0');
      const token = randomBytes(12).toString('base64url');
      const at = issued.toISOString();
      insTicket.run(id, number, seq, s.prefix, s.id, day, at, at, called.toISOString(), called.toISOString(), finished.toISOString(), windowId, token);
      const ticket = { id, number, seq, prefix: s.prefix, serviceId: s.id, businessDay: day, status: 'waiting', priority: 'normal', issuedAt: at, queuedAt: at,
        calledAt: null, servingAt: null, finishedAt: null, windowId: null, targetWindowId: null, recallCount: 0, trackToken: token, kioskId: 'kiosk-1', transferredFromId: null, identity: null };
      insEvent.run(at, 'ticket.issued', 'device', 'kiosk-1', null, id, JSON.stringify({ type: 'ticket.issued', at, ticket }));
      insEvent.run(called.toISOString(), 'ticket.called', 'user', null, windowId, id, JSON.stringify({ type: 'ticket.called', at: called.toISOString(), ticketId: id, windowId, staffId: null }));
      insEvent.run(finished.toISOString(), 'ticket.finished', 'user', null, windowId, id, JSON.stringify({ type: 'ticket.finished', at: finished.toISOString(), ticketId: id }));
      events += 3;
    }
    for (const [prefix, seq] of seqs) insCounter.run(day, prefix, seq);
  }
  for (const ix of indexes) db.exec(ix.sql);
})();
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
process.send?.({ type: 'result', tickets: count, events, ms: Date.now() - t0 }, () => process.exit(0));
