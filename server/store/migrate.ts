import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../paths.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS_DIR = join(ROOT, 'server/store/migrations');

/**
 * Numbered SQL files `NNN-name.sql` in server/store/migrations. Never edit one
 * that has landed: add a higher number. PRAGMA user_version records how far a
 * database has come.
 */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f)).sort();
  const migrations = files.map((f) => ({
    version: Number(f.slice(0, 3)),
    name: f.slice(4, -4),
    sql: readFileSync(join(dir, f), 'utf8'),
  }));
  migrations.forEach((m, i) => {
    if (i > 0 && m.version <= migrations[i - 1].version) throw new Error(`two migrations share number ${m.version}: ${files[i - 1]}, ${files[i]}`);
  });
  return migrations;
}
