import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/store/db.js';
import { loadMigrations } from '../../../server/store/migrate.js';
import { removeDir, tempDir } from '../../helpers/hall.js';

const OLD_MASK = '4101**********1230';
const BIRTH = '1990-03-07';

/** A row for `table` with every NOT NULL column filled, then `values` on top. */
function insert(db: Database.Database, table: string, values: Record<string, unknown>): void {
  const cols = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; notnull: number; dflt_value: unknown }[];
  const row: Record<string, unknown> = {};
  for (const c of cols) if (c.notnull && c.dflt_value === null) row[c.name] = /INT/i.test(c.type) ? 1 : `${table}-${c.name}`;
  Object.assign(row, values);
  const names = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(row);
}

/** Migration 007 (issue 10 #3): an existing database loses the old masks and birth dates, in its rows and its files. */
describe('migration 007: identities minimised', () => {
  let dir: string;
  afterEach(() => removeDir(dir));

  it('rewrites masks to the last character, drops birth dates, blanks identities in old events, and leaves no trace in the file', () => {
    dir = tempDir();
    const file = join(dir, 'onestop.db');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.pragma('foreign_keys = OFF'); // rows without their service: only the identity columns matter here
    for (const m of loadMigrations().filter((m) => m.version <= 6)) old.exec(m.sql);
    old.pragma('user_version = 6');
    const identity = { maskedName: '张*三', maskedIdNumber: OLD_MASK, birthDate: BIRTH, idHmac: 'h'.repeat(64) };
    for (let i = 0; i < 50; i++) {
      insert(old, 'tickets', { id: `t${i}`, number: `A${i}`, seq: i + 1, track_token: `tr${i}`, business_day: '2026-03-06', masked_name: '张*三', masked_id: OLD_MASK, birth_date: BIRTH, id_hmac: 'h'.repeat(64) });
      insert(old, 'ticket_identities', { ticket_id: `t${i}`, business_day: '2026-03-06', masked_name: '张*三', masked_id: OLD_MASK, birth_date: BIRTH, id_hmac: 'h'.repeat(64) });
    }
    insert(old, 'appointments', { id: 'a1', status: 'booked', masked_name: '张*三', masked_id: OLD_MASK, id_hmac: 'h'.repeat(64) });
    // An event written before migration 004 split identities out of the log.
    insert(old, 'events', { at: '2026-03-06T01:00:00Z', type: 'ticket.issued', actor_kind: 'system', data: JSON.stringify({ type: 'ticket.issued', ticket: { id: 't0', identity } }) });
    insert(old, 'events', { at: '2026-03-06T01:00:00Z', type: 'ticket.transferred', actor_kind: 'system', data: JSON.stringify({ type: 'ticket.transferred', next: { id: 't1', identity } }) });
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(7);
    for (const table of ['tickets', 'ticket_identities']) {
      const cols = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect(cols).not.toContain('birth_date');
      expect(db.prepare(`SELECT DISTINCT masked_id FROM ${table}`).all()).toEqual([{ masked_id: '*****************0' }]);
    }
    expect(db.prepare('SELECT masked_id FROM appointments').get()).toEqual({ masked_id: '*****************0' });
    const events = db.prepare('SELECT data FROM events ORDER BY id').all() as { data: string }[];
    expect(JSON.parse(events[0].data).ticket).toEqual({ id: 't0', identity: null });
    expect(JSON.parse(events[1].data).next).toEqual({ id: 't1', identity: null });
    // The log is append-only again.
    expect(() => db.prepare(`UPDATE events SET type = 'x'`).run()).toThrow(/append-only/);
    db.close();
    // Neither the database file nor its WAL keeps the old values in free pages.
    for (const f of ['onestop.db', 'onestop.db-wal']) {
      let bytes = '';
      try {
        bytes = readFileSync(join(dir, f)).toString('latin1');
      } catch {
        continue; // no WAL left: nothing to keep
      }
      expect(bytes.includes(BIRTH), `${f} keeps the birth date`).toBe(false);
      expect(bytes.includes(OLD_MASK), `${f} keeps the old mask`).toBe(false);
    }
  });
});
