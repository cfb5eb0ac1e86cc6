import type { Db } from './db.js';
import { Statements } from './statements.js';

import type { DeviceBinding, DeviceKind as Kind, DeviceOwnerKind as OwnerKind } from '../../common/wire/admin.js';
import type { z } from 'zod';

export type DeviceKind = z.infer<typeof Kind>;
export type DeviceOwnerKind = z.infer<typeof OwnerKind>;
/** A configured device: the wire's DeviceBinding. */
export type DeviceConfig = DeviceBinding;

type Row = { id: string; kind: DeviceKind; uri: string; owner_kind: DeviceOwnerKind; owner_id: string | null; options: string; enabled: number };
const toDevice = (r: Row): DeviceConfig => ({
  id: r.id,
  kind: r.kind,
  uri: r.uri,
  ownerKind: r.owner_kind,
  ownerId: r.owner_id,
  options: JSON.parse(r.options),
  enabled: r.enabled === 1,
});

/** Which device belongs to which kiosk, window or the hall itself. */
export class DeviceRepo {
  private sql: Statements;

  constructor(db: Db) {
    this.sql = new Statements(db);
  }

  list(): DeviceConfig[] {
    return (this.sql.q('SELECT * FROM devices ORDER BY owner_kind, owner_id, kind, id').all() as Row[]).map(toDevice);
  }

  get(id: string): DeviceConfig | null {
    const r = this.sql.q('SELECT * FROM devices WHERE id = ?').get(id) as Row | undefined;
    return r ? toDevice(r) : null;
  }

  save(d: DeviceConfig): void {
    this.sql
      .q(
        `INSERT INTO devices (id, kind, uri, owner_kind, owner_id, options, enabled) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, uri = excluded.uri, owner_kind = excluded.owner_kind,
           owner_id = excluded.owner_id, options = excluded.options, enabled = excluded.enabled`,
      )
      .run(d.id, d.kind, d.uri, d.ownerKind, d.ownerId, JSON.stringify(d.options), d.enabled ? 1 : 0);
  }

  remove(id: string): boolean {
    return this.sql.q('DELETE FROM devices WHERE id = ?').run(id).changes > 0;
  }

  /** Where a kiosk's agent last connected from (migration 015). */
  agentAddress(kioskId: string): { address: string; seenAt: string } | null {
    const r = this.sql.q('SELECT address, seen_at FROM kiosk_agent_addresses WHERE kiosk_id = ?').get(kioskId) as { address: string; seen_at: string } | undefined;
    return r ? { address: r.address, seenAt: r.seen_at } : null;
  }

  setAgentAddress(kioskId: string, address: string, at: string): void {
    this.sql
      .q('INSERT INTO kiosk_agent_addresses (kiosk_id, address, seen_at) VALUES (?, ?, ?) ON CONFLICT(kiosk_id) DO UPDATE SET address = excluded.address, seen_at = excluded.seen_at')
      .run(kioskId, address, at);
  }
}
