/** Halls, hall tokens, region users and sessions. */
import type { RegionRole } from '../../common/region.js';
import type { Pool } from './db.js';

export interface RegionUser {
  id: number;
  username: string;
  passwordHash: string;
  role: RegionRole;
  areas: string[];
  hallIds: string[];
}

const toUser = (r: any): RegionUser => ({
  id: Number(r.id),
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role,
  areas: r.areas,
  hallIds: r.hall_ids,
});

export class AuthRepo {
  constructor(private pool: Pick<Pool, 'query'>) {}

  async createHall(id: string, name: string, area: string): Promise<boolean> {
    const r = await this.pool.query('INSERT INTO halls (id, name, area) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [id, name, area]);
    return r.rowCount === 1;
  }

  async hallExists(id: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM halls WHERE id = $1', [id])).rowCount === 1;
  }

  async addHallToken(hallId: string, tokenHash: string): Promise<void> {
    await this.pool.query('INSERT INTO hall_tokens (token_hash, hall_id) VALUES ($1, $2)', [tokenHash, hallId]);
  }

  /** Revokes every live token of the hall; returns how many. */
  async revokeHallTokens(hallId: string): Promise<number> {
    const r = await this.pool.query('UPDATE hall_tokens SET revoked_at = now() WHERE hall_id = $1 AND revoked_at IS NULL', [hallId]);
    return r.rowCount ?? 0;
  }

  async hallOfToken(tokenHash: string): Promise<string | null> {
    // named (planned once per connection): every uplink batch asks it
    const r = await this.pool.query({ name: 'region-hall-of-token', text: 'SELECT hall_id FROM hall_tokens WHERE token_hash = $1 AND revoked_at IS NULL', values: [tokenHash] });
    return r.rows[0]?.hall_id ?? null;
  }

  async createUser(u: Omit<RegionUser, 'id'>): Promise<number | null> {
    const r = await this.pool.query(
      `INSERT INTO region_users (username, password_hash, role, areas, hall_ids) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [u.username, u.passwordHash, u.role, u.areas, u.hallIds],
    );
    return r.rows[0] ? Number(r.rows[0].id) : null;
  }

  async userByName(username: string): Promise<RegionUser | null> {
    const r = await this.pool.query('SELECT * FROM region_users WHERE username = $1 AND active', [username]);
    return r.rows[0] ? toUser(r.rows[0]) : null;
  }

  async addSession(tokenHash: string, userId: number, expiresAt: Date): Promise<void> {
    await this.pool.query('INSERT INTO region_sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [tokenHash, userId, expiresAt]);
  }

  async userOfSession(tokenHash: string): Promise<RegionUser | null> {
    const r = await this.pool.query(
      `SELECT u.* FROM region_sessions s JOIN region_users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
      [tokenHash],
    );
    return r.rows[0] ? toUser(r.rows[0]) : null;
  }

  async endSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM region_sessions WHERE token_hash = $1', [tokenHash]);
  }
}
