/**
 * What a region admin does: users and their area/hall scopes, halls and their
 * tokens. Each change is audited in its own transaction (the change and its audit
 * row commit together); tokens and passwords never reach the audit.
 */
import type { RegionAuditEntry, RegionHallToken, RegionRole, RegionUserView } from '../../common/region.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { hashToken, newToken } from '../../server/auth/tokens.js';
import { auditEntries, listHallTokens, listUsers, updateUser, writeAudit } from '../store/admin-repo.js';
import { AuthRepo, type RegionUser } from '../store/auth-repo.js';
import { inTx, type Client, type Pool } from '../store/db.js';
import { RegionError } from './errors.js';

export interface UserPatch {
  active?: boolean;
  areas?: string[];
  hallIds?: string[];
  password?: string;
}

export class RegionAdmin {
  constructor(
    private pool: Pool,
    /** After a user's rights changed (disabled, rescoped, new password): end what they hold open. */
    private userChanged: (userId: number) => void = () => {},
  ) {}

  private tx<T>(fn: (c: Client, repo: AuthRepo) => Promise<T>): Promise<T> {
    return inTx(this.pool, (c) => fn(c, new AuthRepo(c)));
  }

  users(): Promise<RegionUserView[]> {
    return listUsers(this.pool);
  }

  tokens(): Promise<RegionHallToken[]> {
    return listHallTokens(this.pool);
  }

  audit(limit = 200): Promise<RegionAuditEntry[]> {
    return auditEntries(this.pool, limit);
  }

  async createUser(actor: RegionUser, input: { username: string; password: string; role: RegionRole; areas: string[]; hallIds: string[] }): Promise<number> {
    const passwordHash = await hashPassword(input.password);
    return this.tx(async (c, repo) => {
      const id = await repo.createUser({ ...input, passwordHash });
      if (id === null) throw new RegionError(409, 'USER_EXISTS', `User ${input.username} already exists`);
      await writeAudit(c, actor.username, 'user.created', input.username, { role: input.role, areas: input.areas, hallIds: input.hallIds });
      return id;
    });
  }

  async updateUser(actor: RegionUser, id: number, patch: UserPatch): Promise<RegionUserView> {
    if (id === actor.id && (patch.active === false)) throw new RegionError(409, 'CANNOT_DISABLE_SELF', 'You cannot disable your own account: ask another region admin');
    const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
    const after = await this.tx(async (c) => {
      const before = await updateUser(c, id, { active: patch.active, areas: patch.areas, hallIds: patch.hallIds, passwordHash });
      if (!before) throw new RegionError(404, 'USER_NOT_FOUND', `No region user ${id}`);
      const action = patch.active === false ? 'user.disabled' : patch.active === true && !before.active ? 'user.enabled' : 'user.changed';
      await writeAudit(c, actor.username, action, before.username, {
        ...(patch.areas ? { areas: patch.areas } : {}), ...(patch.hallIds ? { hallIds: patch.hallIds } : {}), passwordChanged: passwordHash !== undefined,
      });
      return (await listUsers(c, id))[0];
    });
    this.userChanged(id);
    return after;
  }

  /** Registers a hall and returns its first token (shown once). */
  createHall(actor: RegionUser, id: string, name: string, area: string): Promise<string> {
    return this.tx(async (c, repo) => {
      if (!(await repo.createHall(id, name, area))) throw new RegionError(409, 'HALL_EXISTS', `Hall ${id} already exists`);
      await writeAudit(c, actor.username, 'hall.created', id, { name, area });
      return this.issue(c, repo, actor, id);
    });
  }

  /** A new token for the hall (shown once; the hall's other tokens stay valid). */
  issueHallToken(actor: RegionUser, hallId: string): Promise<string> {
    return this.tx(async (c, repo) => {
      if (!(await repo.hallExists(hallId))) throw new RegionError(404, 'HALL_NOT_FOUND', `No hall ${hallId}`);
      return this.issue(c, repo, actor, hallId);
    });
  }

  revokeHallTokens(actor: RegionUser, hallId: string): Promise<number> {
    return this.tx(async (c, repo) => {
      if (!(await repo.hallExists(hallId))) throw new RegionError(404, 'HALL_NOT_FOUND', `No hall ${hallId}`);
      const n = await repo.revokeHallTokens(hallId);
      await writeAudit(c, actor.username, 'hall.tokens_revoked', hallId, { revoked: n });
      return n;
    });
  }

  private async issue(c: Client, repo: AuthRepo, actor: RegionUser, hallId: string): Promise<string> {
    const token = newToken('rh');
    const hash = hashToken(token);
    await repo.addHallToken(hallId, hash);
    await writeAudit(c, actor.username, 'hall.token_issued', hallId, { fingerprint: hash.slice(0, 12) });
    return token;
  }
}
