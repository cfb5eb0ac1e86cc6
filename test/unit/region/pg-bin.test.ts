/**
 * Finding the PostgreSQL server binaries (region/dev/postgres.ts) without assuming a
 * version: Debian 12 installs 15, Debian 13 17; the newest complete one wins.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPgBin } from '../../../region/dev/postgres.js';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A fake /usr/lib/postgresql with the given versions: `full` ones have postgres and initdb, others only psql. */
function layout(versions: Record<string, 'full' | 'client'>): string {
  const root = mkdtempSync(join(tmpdir(), 'onestop-pgbin-'));
  roots.push(root);
  for (const [v, kind] of Object.entries(versions)) {
    const bin = join(root, v, 'bin');
    mkdirSync(bin, { recursive: true });
    for (const f of kind === 'full' ? ['postgres', 'initdb', 'psql'] : ['psql']) writeFileSync(join(bin, f), '');
  }
  return root;
}
const none = () => null;

describe('findPgBin', () => {
  it('takes the only installed version, whichever it is (Debian 13: 17)', () => {
    const root = layout({ '17': 'full' });
    expect(findPgBin({}, root, none)).toBe(join(root, '17', 'bin'));
  });

  it('takes the highest version numerically (17 over 9 and 15), skipping a client-only one', () => {
    const root = layout({ '9.6': 'full', '15': 'full', '17': 'full', '18': 'client' });
    expect(findPgBin({}, root, none)).toBe(join(root, '17', 'bin'));
  });

  it('falls back to pg_config --bindir, and to null when nothing has the server', () => {
    const other = layout({ '16': 'full' });
    const empty = layout({ '15': 'client' });
    expect(findPgBin({}, empty, () => join(other, '16', 'bin'))).toBe(join(other, '16', 'bin'));
    expect(findPgBin({}, empty, () => join(empty, '15', 'bin'))).toBeNull();
    expect(findPgBin({}, join(empty, 'missing'), none)).toBeNull();
  });

  it('lets ONESTOP_PG_BIN name the folder', () => {
    const root = layout({ '17': 'full' });
    expect(findPgBin({ ONESTOP_PG_BIN: '/opt/pg/bin' }, root, none)).toBe('/opt/pg/bin');
  });
});
