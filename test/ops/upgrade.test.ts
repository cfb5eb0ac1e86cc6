import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { admin } from '../../bench/lib/hall-setup.js';
import { removeDir, startServer, tempDir } from '../../bench/lib/proc.js';
import { loadMigrations } from '../../server/store/migrate.js';
import { modeOf, run } from './run.js';

const migrations = loadMigrations();
const LATEST = migrations[migrations.length - 1].version;

/** A database as an older Onestop left it: only its first `n` migrations, with a hall setting of its own. */
function oldDatabase(dir: string, n: number): string {
  const file = join(dir, 'onestop.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (const m of migrations.slice(0, n)) {
    db.exec(m.sql);
    db.pragma(`user_version = ${m.version}`);
  }
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('hall', JSON.stringify({ hallName: { 'zh-CN': '老版本大厅', 'zh-TW': '老版本大廳', en: 'Old hall' } }));
  db.close();
  writeFileSync(join(dir, 'secret.key'), 'ab'.repeat(32), { mode: 0o600 });
  return file;
}

const versionOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  const v = db.pragma('user_version', { simple: true }) as number;
  db.close();
  return v;
};

describe('safe upgrades', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));

  it('backs up a database of an older schema by itself, verified, then migrates it and keeps its data', async () => {
    const dir = tempDir('onestop-upgrade-');
    dirs.push(dir);
    const file = oldDatabase(dir, 4);
    expect(versionOf(file)).toBe(4);
    const server = await startServer(dir);
    try {
      expect(versionOf(file)).toBe(LATEST);
      const settings = await (await admin(server.url)).get('/api/v1/admin/settings');
      expect(settings.body.settings.hallName.en).toBe('Old hall');
    } finally {
      await server.kill('SIGTERM');
    }
    const backups = readdirSync(join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^pre-upgrade-v4-/);
    const b = join(dir, 'backups', backups[0]);
    const manifest = JSON.parse(readFileSync(join(b, 'backup.json'), 'utf8'));
    expect(manifest).toMatchObject({ reason: 'pre-upgrade', schemaVersion: 4, verified: { integrity: 'ok', replay: 'ok' } });
    expect(versionOf(join(b, 'onestop.db'))).toBe(4);
    expect(await modeOf(b)).toBe(0o700);
    expect(readFileSync(join(b, 'secret.key'), 'utf8')).toBe('ab'.repeat(32));

    // A second start on the now current database makes no further backup.
    const again = await startServer(dir);
    await again.kill('SIGTERM');
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(1);
  }, 120_000);

  it('refuses to start on a database from a newer schema, with a clear message, and changes nothing', async () => {
    const dir = tempDir('onestop-newer-');
    dirs.push(dir);
    const file = oldDatabase(dir, LATEST);
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST + 1}`);
    db.close();
    const before = readFileSync(file);
    const r = await run('npx', ['tsx', 'server/main.ts'], { env: { DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Onestop could not start: ${file} was written by a newer Onestop (database schema ${LATEST + 1}; this version 0.1.0 knows up to ${LATEST})`);
    expect(readFileSync(file)).toEqual(before);
    expect(versionOf(file)).toBe(LATEST + 1);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  }, 60_000);
});
