/** What the region admin manages: users and their scopes, hall tokens, and the audit of it all. */
import type { RegionAuditEntry, RegionHallToken, RegionUserView } from '../../common/region.js';
import type { Client, Pool } from './db.js';

type Q = Pick<Client, 'query'> | Pool;

export async function writeAudit(c: Q, actor: string, action: string, target: string, details: Record<string, unknown> = {}): Promise<void> {
  await c.query('INSERT INTO region_audit (actor, action, target, details) VALUES ($1, $2, $3, $4)', [actor, action, target, JSON.stringify(details)]);
}

export async function auditEntries(c: Q, limit: number): Promise<RegionAuditEntry[]> {
  const r = await c.query('SELECT id, at, actor, action, target, details FROM region_audit ORDER BY id DESC LIMIT $1', [limit]);
  return r.rows.map((x) => ({ id: Number(x.id), at: (x.at as Date).toISOString(), actor: x.actor, action: x.action, target: x.target, details: x.details }));
}

/** Every user (or the one with `id`). */
export async function listUsers(c: Q, id?: number): Promise<RegionUserView[]> {
  const r = await c.query(
    `SELECT id, username, role, areas, hall_ids, active, created_at FROM region_users WHERE $1::bigint IS NULL OR id = $1 ORDER BY username`,
    [id ?? null],
  );
  return r.rows.map((x) => ({
    id: Number(x.id), username: x.username, role: x.role, areas: x.areas, hallIds: x.hall_ids, active: x.active, createdAt: (x.created_at as Date).toISOString(),
  }));
}

/** Changes a user's scope and/or whether they may sign in; returns the user before, or null when there is none. */
export async function updateUser(c: Q, id: number, patch: { active?: boolean; areas?: string[]; hallIds?: string[]; passwordHash?: string }): Promise<RegionUserView | null> {
  const before = (await listUsers(c, id))[0];
  if (!before) return null;
  await c.query(
    `UPDATE region_users SET active = COALESCE($2, active), areas = COALESCE($3, areas), hall_ids = COALESCE($4, hall_ids),
       password_hash = COALESCE($5, password_hash) WHERE id = $1`,
    [id, patch.active ?? null, patch.areas ?? null, patch.hallIds ?? null, patch.passwordHash ?? null],
  );
  // a disabled user, or one whose password changed, is signed out everywhere
  if (patch.active === false || patch.passwordHash) await c.query('DELETE FROM region_sessions WHERE user_id = $1', [id]);
  return before;
}

/** Every hall token: a fingerprint (the start of its SHA-256, never the token), when issued and revoked. */
export async function listHallTokens(c: Q): Promise<RegionHallToken[]> {
  const r = await c.query('SELECT hall_id, left(token_hash, 12) AS fp, created_at, revoked_at FROM hall_tokens ORDER BY hall_id, created_at');
  return r.rows.map((x) => ({
    hallId: x.hall_id, fingerprint: x.fp, createdAt: (x.created_at as Date).toISOString(), revokedAt: x.revoked_at ? (x.revoked_at as Date).toISOString() : null,
  }));
}
