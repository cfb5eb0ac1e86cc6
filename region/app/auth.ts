/** Region sign-in, hall tokens and who may see which hall. */
import { hashPassword, verifyPassword } from '../../server/auth/passwords.js';
import { hashToken, newToken } from '../../server/auth/tokens.js';
import type { RegionRole } from '../../common/region.js';
import type { AuthRepo, RegionUser } from '../store/auth-repo.js';
import type { Scope } from '../store/live-repo.js';
import type { LoginLimit } from '../store/login-limit.js';
import { RegionError } from './errors.js';

const SESSION_MS = 12 * 3600_000;

export const scopeOf = (u: RegionUser): Scope => (u.role === 'admin' ? { all: true } : { all: false, areas: u.areas, hallIds: u.hallIds });

export class RegionAuth {
  constructor(
    private repo: AuthRepo,
    private limit: LoginLimit,
  ) {}

  /** Creates `admin` with this password when no such user exists yet. */
  async ensureAdmin(password: string): Promise<void> {
    if (await this.repo.userByName('admin')) return;
    await this.repo.createUser({ username: 'admin', passwordHash: await hashPassword(password), role: 'admin', areas: [], hallIds: [] });
  }

  async login(username: string, password: string, address: string): Promise<{ token: string; role: RegionRole }> {
    const key = `${username}|${address}`;
    if (await this.limit.blocked(key)) throw new RegionError(429, 'TOO_MANY_ATTEMPTS', 'Too many failed sign-ins; try again in 15 minutes');
    const u = await this.repo.userByName(username);
    if (!u || !(await verifyPassword(password, u.passwordHash))) {
      await this.limit.fail(key);
      throw new RegionError(401, 'INVALID_CREDENTIALS', 'Wrong user name or password');
    }
    await this.limit.succeed(key);
    const token = newToken('rs');
    await this.repo.addSession(hashToken(token), u.id, new Date(Date.now() + SESSION_MS));
    return { token, role: u.role };
  }

  async logout(token: string): Promise<void> {
    await this.repo.endSession(hashToken(token));
  }

  async user(token: string | null): Promise<RegionUser | null> {
    return token ? this.repo.userOfSession(hashToken(token)) : null;
  }

  /** The hall a token may append to; refuses a token of another hall or a revoked one. */
  async hallOf(token: string | null, hallId: string): Promise<void> {
    const own = token ? await this.repo.hallOfToken(hashToken(token)) : null;
    if (!own) throw new RegionError(401, 'UNAUTHENTICATED', 'A valid hall token is required');
    if (own !== hallId) throw new RegionError(403, 'FORBIDDEN', 'This token may only append to its own hall');
  }
}
