import type { Role } from '../../common/types.js';
import type { Client } from '../../common/wire/admin.js';
import type { StaffUser } from '../domain/model.js';
import type { Db } from './db.js';
import { deepFreeze } from './config-repo.js';
import { Statements } from './statements.js';

export interface UserWithHash extends StaffUser {
  passwordHash: string;
}

export interface SessionRow {
  userId: string;
  expiresAt: number;
  windowId: string | null;
}

/** A kiosk, display or booking platform: the wire's Client (its token hash never leaves the store). */
export type ClientRecord = Client;

type UserRow = { id: string; username: string; name: string; role: Role; active: number; password_hash: string };
const toUser = (r: UserRow): UserWithHash => ({
  id: r.id,
  username: r.username,
  name: r.name,
  role: r.role,
  active: r.active === 1,
  passwordHash: r.password_hash,
});

type ClientRow = { id: string; kind: ClientRecord['kind']; name: string; config: string; revoked: number; token_hash: string | null };
const toClient = (r: ClientRow): ClientRecord => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  config: JSON.parse(r.config),
  revoked: r.revoked === 1,
  hasToken: r.token_hash !== null,
});

/**
 * Staff accounts, their sessions (token hashes only), and device clients.
 * Device clients are read on every kiosk request (its token → client, the kiosk's
 * config), so they are kept in memory: every write to a client (saveClient,
 * revokeClient, setClientToken) drops the cache at once, and the store calls
 * `forget()` when a transaction rolls back. Sessions and users are not cached.
 */
export class AuthRepo {
  private sql: Statements;
  /** token hash → the live (not revoked) client holding it, or null: no such token. */
  private clientByHash = new Map<string, ClientRecord | null>();
  private clientById = new Map<string, ClientRecord | null>();

  constructor(private db: Db) {
    this.sql = new Statements(db);
  }

  /** Drops every cached client: the next read goes to the database. */
  forget(): void {
    this.clientByHash.clear();
    this.clientById.clear();
  }

  /** Caches what was read outside a transaction only (inside one it may still roll back); bounded against unknown-token floods. */
  private remember<K>(map: Map<K, ClientRecord | null>, key: K, c: ClientRecord | null): ClientRecord | null {
    // Shared by every caller: frozen, so no caller can change it for the others.
    const value = c ? deepFreeze(c) : null;
    if (this.db.inTransaction) return value;
    if (map.size >= 10_000) map.clear();
    map.set(key, value);
    return value;
  }

  userByUsername(username: string): UserWithHash | null {
    const r = this.sql.q('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return r ? toUser(r) : null;
  }

  user(id: string): UserWithHash | null {
    const r = this.sql.q('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return r ? toUser(r) : null;
  }

  users(): StaffUser[] {
    return (this.sql.q('SELECT * FROM users ORDER BY username').all() as UserRow[]).map((r) => {
      const { passwordHash: _omit, ...u } = toUser(r);
      return u;
    });
  }

  saveUser(u: StaffUser, passwordHash: string | null, createdAt: string): void {
    if (passwordHash === null) {
      this.sql
        .q('UPDATE users SET username = ?, name = ?, role = ?, active = ? WHERE id = ?')
        .run(u.username, u.name, u.role, u.active ? 1 : 0, u.id);
      return;
    }
    this.sql
      .q(
        `INSERT INTO users (id, username, name, role, password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET username = excluded.username, name = excluded.name, role = excluded.role,
           password_hash = excluded.password_hash, active = excluded.active`,
      )
      .run(u.id, u.username, u.name, u.role, passwordHash, u.active ? 1 : 0, createdAt);
  }

  hasUsers(): boolean {
    return (this.sql.q('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n > 0;
  }

  createSession(tokenHash: string, userId: string, createdAt: number, expiresAt: number): void {
    this.sql
      .q('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(tokenHash, userId, createdAt, expiresAt);
  }

  session(tokenHash: string): SessionRow | null {
    const r = this.sql
      .q('SELECT user_id, expires_at, window_id FROM sessions WHERE token_hash = ?')
      .get(tokenHash) as { user_id: string; expires_at: number; window_id: string | null } | undefined;
    return r ? { userId: r.user_id, expiresAt: r.expires_at, windowId: r.window_id } : null;
  }

  setSessionWindow(tokenHash: string, windowId: string | null): void {
    this.sql.q('UPDATE sessions SET window_id = ? WHERE token_hash = ?').run(windowId, tokenHash);
  }

  /** Other sessions signed in to a window (a window has one clerk at a time). */
  clearWindowSessions(windowId: string): void {
    this.sql.q('UPDATE sessions SET window_id = NULL WHERE window_id = ?').run(windowId);
  }

  /** Users whose live sessions are signed in to a window. */
  windowHolders(windowId: string, now: number): string[] {
    return (
      this.sql.q('SELECT DISTINCT user_id FROM sessions WHERE window_id = ? AND expires_at > ?').all(windowId, now) as { user_id: string }[]
    ).map((r) => r.user_id);
  }

  /** Windows a user's live sessions are signed in to. */
  userWindows(userId: string, now: number): string[] {
    return (
      this.sql
        .q('SELECT DISTINCT window_id FROM sessions WHERE user_id = ? AND window_id IS NOT NULL AND expires_at > ?')
        .all(userId, now) as { window_id: string }[]
    ).map((r) => r.window_id);
  }

  /** Whether the user has any session that has not expired. */
  hasLiveSession(userId: string, now: number): boolean {
    return this.sql.q('SELECT 1 FROM sessions WHERE user_id = ? AND expires_at > ? LIMIT 1').get(userId, now) !== undefined;
  }

  /** Signs a user's sessions out of a window. */
  clearUserWindow(userId: string, windowId: string): void {
    this.sql.q('UPDATE sessions SET window_id = NULL WHERE user_id = ? AND window_id = ?').run(userId, windowId);
  }

  deleteSession(tokenHash: string): void {
    this.sql.q('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  deleteUserSessions(userId: string): void {
    this.sql.q('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  purgeExpiredSessions(now: number): void {
    this.sql.q('DELETE FROM sessions WHERE expires_at <= ?').run(now);
  }

  clients(): ClientRecord[] {
    return (this.sql.q('SELECT * FROM clients ORDER BY kind, name').all() as ClientRow[]).map(toClient);
  }

  client(id: string): ClientRecord | null {
    const cached = this.clientById.get(id);
    if (cached !== undefined) return cached;
    const r = this.sql.q('SELECT * FROM clients WHERE id = ?').get(id) as ClientRow | undefined;
    return this.remember(this.clientById, id, r ? toClient(r) : null);
  }

  clientByTokenHash(tokenHash: string): ClientRecord | null {
    const cached = this.clientByHash.get(tokenHash);
    if (cached !== undefined) return cached;
    const r = this.sql
      .q('SELECT * FROM clients WHERE token_hash = ? AND revoked = 0')
      .get(tokenHash) as ClientRow | undefined;
    return this.remember(this.clientByHash, tokenHash, r ? toClient(r) : null);
  }

  saveClient(c: Omit<ClientRecord, 'hasToken'>, createdAt: string): void {
    this.sql
      .q(
        `INSERT INTO clients (id, kind, name, config, revoked, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, config = excluded.config, revoked = excluded.revoked`,
      )
      .run(c.id, c.kind, c.name, JSON.stringify(c.config), c.revoked ? 1 : 0, createdAt);
    this.forget();
  }

  /** Revoked: the token is forgotten too, so nothing but a newly issued token brings the client back. */
  revokeClient(id: string): void {
    this.sql.q('UPDATE clients SET revoked = 1, token_hash = NULL WHERE id = ?').run(id);
    this.forget();
  }

  setClientToken(id: string, tokenHash: string): void {
    this.sql.q('UPDATE clients SET token_hash = ?, revoked = 0 WHERE id = ?').run(tokenHash, id);
    this.forget();
  }
}
