import { randomUUID } from 'node:crypto';
import type { Role } from '../../common/types.js';
import { DomainError } from '../domain/errors.js';
import type { StaffUser } from '../domain/model.js';
import type { ClientRecord, UserWithHash } from '../store/auth-repo.js';
import type { HallDatabase } from '../store/store.js';
import type { Actor } from '../store/event-log.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { LoginRateLimiter } from './rate-limit.js';
import { hashToken, newToken } from './tokens.js';

export const SESSION_HOURS = 12;

export class AuthError extends DomainError {}

/** At most one audit row per key per `everyMs`; counts the ones it held back (bounded map, oldest forgotten first). */
class AuditThrottle {
  private last = new Map<string, { at: number; held: number }>();
  constructor(private everyMs: number) {}

  /** null: do not write now (counted); a number: write now, with that many held back since the last row. */
  skip(key: string, now: number): number | null {
    const e = this.last.get(key);
    if (e && now - e.at < this.everyMs) {
      e.held++;
      return null;
    }
    this.last.delete(key);
    this.last.set(key, { at: now, held: 0 });
    if (this.last.size > 10_000) this.last.delete(this.last.keys().next().value!);
    return e?.held ?? 0;
  }
}

function tooMany(waitMs: number): AuthError {
  const n = waitMs >= 60_000 ? Math.ceil(waitMs / 60_000) : Math.ceil(waitMs / 1000);
  const wait = `${n} ${waitMs >= 60_000 ? 'minute' : 'second'}${n === 1 ? '' : 's'}`;
  return new AuthError('TOO_MANY_ATTEMPTS', `Too many failed log-ins; try again in ${wait}`);
}

/** Staff log-in, sessions and device tokens. */
export class AuthService {
  readonly limiter = new LoginRateLimiter();

  private rightsListeners = new Set<() => void>();
  private failedAudit = new AuditThrottle(60_000);

  constructor(
    private store: HallDatabase,
    private now: () => Date,
    private sessionMs = SESSION_HOURS * 3_600_000,
  ) {}

  /** Told after anything that can take rights away (logout, account change, token reissue or revoke, window binding). */
  onRightsChanged(fn: () => void): () => void {
    this.rightsListeners.add(fn);
    return () => this.rightsListeners.delete(fn);
  }

  private rightsChanged(): void {
    for (const fn of this.rightsListeners) fn();
  }

  async login(username: string, password: string, address: string): Promise<{ token: string; user: StaffUser; expiresAt: string }> {
    const now = this.now().getTime();
    const key = `${username.toLowerCase()}|${address}`;
    // Reserve before the slow check: guesses sent in parallel count while they are being checked.
    const wait = this.limiter.reserve(key, now);
    if (wait > 0) throw tooMany(wait);
    let ok = false;
    let user: UserWithHash | null = null;
    try {
      user = this.store.auth.userByUsername(username);
      // Verify against a dummy hash when the user is unknown so timing does not reveal usernames.
      ok = user ? await verifyPassword(password, user.passwordHash) : await verifyPassword(password, DUMMY_HASH);
    } catch (err) {
      this.limiter.release(key);
      throw err;
    }
    if (!user || !ok || !user.active) {
      this.limiter.fail(key, now);
      // Who was tried, only when that account exists: a typed name that is no account may be a password typed in the wrong field.
      // The event log is permanent: failures from one address are written at most once a minute, the
      // next one carrying how many were not (a guesser changing names each time cannot grow it without bound).
      const skipped = this.failedAudit.skip(address, now);
      if (skipped !== null) {
        this.audit('auth.login_failed', user ? { kind: 'user', id: user.id } : { kind: 'system', id: null }, {
          userId: user?.id ?? null,
          reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive',
          address,
          ...(skipped > 0 ? { notRecordedBefore: skipped } : {}),
        });
      }
      throw new AuthError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    this.limiter.succeed(key);
    const token = newToken('st');
    const expiresAt = now + this.sessionMs;
    this.store.auth.purgeExpiredSessions(now);
    this.store.auth.createSession(hashToken(token), user.id, now, expiresAt);
    this.audit('auth.login', { kind: 'user', id: user.id }, { userId: user.id, address });
    const { passwordHash: _h, ...pub } = user;
    return { token, user: pub, expiresAt: new Date(expiresAt).toISOString() };
  }

  logout(token: string): void {
    const s = this.store.auth.session(hashToken(token));
    this.store.auth.deleteSession(hashToken(token));
    if (s) this.audit('auth.logout', { kind: 'user', id: s.userId }, { userId: s.userId });
    this.rightsChanged();
  }

  /** Log-ins, failed log-ins and log-outs go to the audit log (never a password, nor a name that is no account). */
  private audit(type: string, actor: Actor, data: object): void {
    this.store.events.append({ type, at: this.now().toISOString() }, actor, data);
  }

  /** Staff session or device token → principal; anything else is anonymous. */
  authenticate(token: string | undefined | null): Principal {
    if (!token) return { kind: 'anonymous' };
    const tokenHash = hashToken(token);
    if (token.startsWith('st_')) {
      const s = this.store.auth.session(tokenHash);
      if (!s || s.expiresAt <= this.now().getTime()) return { kind: 'anonymous' };
      const user = this.store.auth.user(s.userId);
      if (!user || !user.active) return { kind: 'anonymous' };
      return { kind: 'user', userId: user.id, name: user.name, role: user.role, windowId: s.windowId, tokenHash };
    }
    const client = this.store.auth.clientByTokenHash(tokenHash);
    return client ? { kind: 'device', client } : { kind: 'anonymous' };
  }

  /** Binds a staff session to the window it signed in to (one clerk per window). */
  bindWindow(p: Principal, windowId: string | null): void {
    if (p.kind !== 'user') return;
    this.store.tx(() => {
      if (windowId) this.store.auth.clearWindowSessions(windowId);
      this.store.auth.setSessionWindow(p.tokenHash, windowId);
    });
    this.rightsChanged();
  }

  /** Users (ids) whose live sessions are signed in to the window. */
  windowHolders(windowId: string): string[] {
    return this.store.auth.windowHolders(windowId, this.now().getTime());
  }

  /** Windows the user's live sessions are signed in to. */
  userWindows(userId: string): string[] {
    return this.store.auth.userWindows(userId, this.now().getTime());
  }

  /** Whether the user is signed in anywhere (a session that has not expired). */
  hasLiveSession(userId: string): boolean {
    return this.store.auth.hasLiveSession(userId, this.now().getTime());
  }

  /** Signs the user's sessions out of one window. */
  releaseWindow(userId: string, windowId: string): void {
    this.store.auth.clearUserWindow(userId, windowId);
    this.rightsChanged();
  }

  /** `alsoInTx` runs in the same transaction as the write (its audit event): both commit or neither. */
  async createUser(input: { username: string; name: string; role: Role; password: string }, alsoInTx?: (u: StaffUser) => void): Promise<StaffUser> {
    if (this.store.auth.userByUsername(input.username)) {
      throw new DomainError('USERNAME_TAKEN', `The username "${input.username}" is already in use`, 'username');
    }
    const user: StaffUser = { id: randomUUID(), username: input.username, name: input.name, role: input.role, active: true };
    const hash = await hashPassword(input.password);
    this.store.tx(() => {
      this.store.auth.saveUser(user, hash, this.now().toISOString());
      alsoInTx?.(user);
    });
    return user;
  }

  async updateUser(id: string, patch: { name?: string; role?: Role; active?: boolean; password?: string }, alsoInTx?: (u: StaffUser) => void): Promise<StaffUser> {
    if (!this.store.auth.user(id)) throw new DomainError('USER_NOT_FOUND', `There is no user "${id}"`, 'id');
    const hash = patch.password ? await hashPassword(patch.password) : null;
    // Read again after the slow hash: another change may have landed meanwhile.
    const existing = this.store.auth.user(id);
    if (!existing) throw new DomainError('USER_NOT_FOUND', `There is no user "${id}"`, 'id');
    const { passwordHash: _h, ...pub } = existing;
    const next: StaffUser = { ...pub, ...definedOnly({ name: patch.name, role: patch.role, active: patch.active }) };
    const endSessions = patch.active === false || !!patch.password || (!!patch.role && patch.role !== existing.role);
    this.store.tx(() => {
      this.store.auth.saveUser(next, hash, this.now().toISOString());
      if (endSessions) this.store.auth.deleteUserSessions(id);
      alsoInTx?.(next);
    });
    if (endSessions) this.rightsChanged();
    return next;
  }

  /** Issues (or re-issues) a device token; only its hash is kept. */
  issueClientToken(clientId: string, alsoInTx?: (c: ClientRecord) => void): { token: string; client: ClientRecord } {
    const client = this.store.auth.client(clientId);
    if (!client) throw new DomainError('CLIENT_NOT_FOUND', `There is no kiosk or display "${clientId}"`, 'id');
    const token = newToken(client.kind === 'kiosk' ? 'ki' : client.kind === 'platform' ? 'pl' : 'di');
    this.store.tx(() => {
      this.store.auth.setClientToken(clientId, hashToken(token));
      alsoInTx?.(client);
    });
    this.rightsChanged();
    return { token, client: this.store.auth.client(clientId)! };
  }

  /** Revokes a device client: its token stops working at once (401) until a new one is issued. */
  revokeClient(clientId: string, alsoInTx?: (c: ClientRecord) => void): ClientRecord {
    const client = this.store.auth.client(clientId);
    if (!client) throw new DomainError('CLIENT_NOT_FOUND', `There is no kiosk, display or platform "${clientId}"`, 'id');
    this.store.tx(() => {
      this.store.auth.revokeClient(clientId);
      alsoInTx?.(client);
    });
    this.rightsChanged();
    return this.store.auth.client(clientId)!;
  }

  /** A kiosk or display by id (the demo hall's loopback kiosk). */
  client(clientId: string): ClientRecord | null {
    return this.store.auth.client(clientId);
  }

  users(): StaffUser[] {
    return this.store.auth.users();
  }

  clients(): ClientRecord[] {
    return this.store.auth.clients();
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// scrypt hash of a random string, used only to spend the same time on unknown users.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
