import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HallDatabase } from '../../../server/store/store.js';

/** Device clients are kept in memory (every kiosk request reads its client): the cache follows every write. */
describe('store: the device-client cache follows the database', () => {
  let dir: string;
  let store: HallDatabase;
  const AT = '2026-12-01T08:00:00.000Z';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onestop-clients-'));
    store = HallDatabase.open(join(dir, 'hall.db'));
    store.auth.saveClient({ id: 'k1', kind: 'kiosk', name: '1号', config: { zone: 'A' }, revoked: false }, AT);
    store.auth.setClientToken('k1', 'hash-1');
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a revoked or reissued token is refused at the next lookup; a config change is read at once', () => {
    expect(store.auth.clientByTokenHash('hash-1')).toMatchObject({ id: 'k1', config: { zone: 'A' } });
    expect(store.auth.client('k1')).toMatchObject({ hasToken: true });
    store.auth.setClientToken('k1', 'hash-2');
    expect(store.auth.clientByTokenHash('hash-1')).toBeNull();
    expect(store.auth.clientByTokenHash('hash-2')).toMatchObject({ id: 'k1' });
    store.auth.saveClient({ id: 'k1', kind: 'kiosk', name: '1号', config: { zone: 'B', agent: true }, revoked: false }, AT);
    expect(store.auth.clientByTokenHash('hash-2')?.config).toEqual({ zone: 'B', agent: true });
    expect(store.auth.client('k1')?.config).toEqual({ zone: 'B', agent: true });
    store.auth.revokeClient('k1');
    expect(store.auth.clientByTokenHash('hash-2')).toBeNull();
    expect(store.auth.client('k1')).toMatchObject({ revoked: true, hasToken: false });
  });

  it('a client written in a transaction that rolls back is not remembered', () => {
    expect(store.auth.client('k1')?.name).toBe('1号');
    expect(() =>
      store.tx(() => {
        store.auth.saveClient({ id: 'k1', kind: 'kiosk', name: 'renamed', config: {}, revoked: false }, AT);
        store.auth.revokeClient('k1');
        expect(store.auth.client('k1')?.name).toBe('renamed');
        expect(store.auth.clientByTokenHash('hash-1')).toBeNull();
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(store.auth.client('k1')).toMatchObject({ name: '1号', revoked: false });
    expect(store.auth.clientByTokenHash('hash-1')).toMatchObject({ id: 'k1' });
  });

  it('a cached client cannot be changed by one caller for the others', () => {
    const c = store.auth.clientByTokenHash('hash-1')!;
    expect(() => {
      (c.config as Record<string, unknown>).zone = 'changed';
    }).toThrow(TypeError);
    expect(store.auth.client('k1')?.config).toEqual({ zone: 'A' });
  });
});
