import type { Role } from '../../common/types.js';
import type { AuthService } from '../auth/auth-service.js';
import type { StaffUser } from '../domain/model.js';
import type { ClientRecord } from '../store/auth-repo.js';
import type { Actor } from '../store/event-log.js';
import { audit } from './audit.js';
import type { AppContext } from './context.js';

/** Staff accounts and device tokens, as administrators change them: each change and its audit event in one transaction. */
export class Accounts {
  constructor(
    private ctx: AppContext,
    private auth: AuthService,
  ) {}

  users(): StaffUser[] {
    return this.auth.users();
  }

  clients(): ClientRecord[] {
    return this.auth.clients();
  }

  createUser(input: { username: string; name: string; role: Role; password: string }, actor: Actor): Promise<StaffUser> {
    return this.auth.createUser(input, (u) => audit(this.ctx, 'config.user.created', actor, { id: u.id, username: u.username, role: u.role }));
  }

  updateUser(id: string, patch: { name?: string; role?: Role; active?: boolean; password?: string }, actor: Actor): Promise<StaffUser> {
    const { password, ...audited } = patch;
    return this.auth.updateUser(id, patch, (u) => audit(this.ctx, 'config.user.updated', actor, { id: u.id, ...audited, passwordChanged: !!password }));
  }

  issueClientToken(clientId: string, actor: Actor): { token: string; client: ClientRecord } {
    return this.auth.issueClientToken(clientId, (c) => audit(this.ctx, 'config.client.token_issued', actor, { id: c.id }));
  }

  revokeClient(clientId: string, actor: Actor): ClientRecord {
    return this.auth.revokeClient(clientId, (c) => audit(this.ctx, 'config.client.revoked', actor, { id: c.id, kind: c.kind }));
  }
}
