import type { Role } from '../common/types.js';
import type { Reply } from '../common/wire/replies.js';
import { post, unauthorized } from './api.js';
import { Observable } from './store.js';

export interface Session {
  token: string;
  user: { id: string; name: string; role: Role };
}

/**
 * A staff login kept in sessionStorage: it survives a reload (the clerk does
 * not lose the window) but not closing the browser on a shared PC.
 */
export function sessionStore(app: string): Observable<Session | null> {
  const key = `onestop.${app}.session`;
  let initial: Session | null = null;
  try {
    initial = JSON.parse(sessionStorage.getItem(key) ?? 'null') as Session | null;
  } catch {
    initial = null;
  }
  const s = new Observable<Session | null>(initial);
  s.subscribe((v) => {
    try {
      if (v) sessionStorage.setItem(key, JSON.stringify(v));
      else sessionStorage.removeItem(key);
    } catch {
      /* ignore */
    }
  });
  unauthorized.subscribe(() => s.set(null));
  return s;
}

export async function login(username: string, password: string): Promise<Session> {
  const r = await post<Reply<'Login'>>('/api/v1/auth/login', { username, password });
  return { token: r.token, user: r.user };
}
