import type { ApiError } from '../common/types.js';
import { fixtureMode, deviceToken } from './env.js';
import { Observable } from './store.js';

/** An API call that failed, with the server's code (or NETWORK / TIMEOUT / HTTP_<status>). */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
  get isNetwork(): boolean {
    return this.code === 'NETWORK' || this.code === 'TIMEOUT';
  }
}

export interface CallOptions {
  /** Staff token; when absent the page's device token (if any) is sent. */
  token?: string | null;
  idempotencyKey?: string;
  /** Retries on network errors only. Only safe for GET or with an idempotency key. */
  retries?: number;
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  body: unknown;
}

/** Set when a call came back 401: the counter and admin UIs go back to their login. */
export const unauthorized = new Observable(0);

async function send(method: string, path: string, body: unknown, o: CallOptions): Promise<RawResponse> {
  if (fixtureMode) {
    const fx = await import('./fixture/http.js');
    return fx.handle(method, path, body, o);
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = o.token ?? deviceToken;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (o.idempotencyKey) headers['Idempotency-Key'] = o.idempotencyKey;
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), o.timeoutMs ?? 10_000);
  try {
    const res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: ctrl.signal,
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed };
  } catch (e) {
    if (ctrl.signal.aborted) throw new ApiFailure('TIMEOUT', 'The hall server did not answer in time');
    throw new ApiFailure('NETWORK', (e as Error).message || 'Network error');
  } finally {
    clearTimeout(timer);
  }
}

function isApiError(b: unknown): b is ApiError {
  return typeof b === 'object' && b !== null && (b as { ok?: unknown }).ok === false;
}

/**
 * One API call. Resolves with the body (`{ok:true, …}` or a bare value);
 * rejects with ApiFailure carrying the server's `{code, message}`.
 */
export async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, o: CallOptions = {}): Promise<T> {
  let attempt = 0;
  for (;;) {
    try {
      const res = await send(method, path, body, o);
      if (isApiError(res.body)) {
        if (res.status === 401) unauthorized.set((n) => n + 1);
        const e = res.body.error ?? { code: 'UNKNOWN', message: '' };
        throw new ApiFailure(e.code, e.message, res.status, e.field);
      }
      if (res.status >= 400) {
        if (res.status === 401) unauthorized.set((n) => n + 1);
        throw new ApiFailure(`HTTP_${res.status}`, `The server answered ${res.status}`, res.status);
      }
      return res.body as T;
    } catch (e) {
      const f = e instanceof ApiFailure ? e : new ApiFailure('NETWORK', String(e));
      if (!f.isNetwork || attempt >= (o.retries ?? 0)) throw f;
      attempt++;
      await new Promise((r) => setTimeout(r, Math.min(4000, 400 * 2 ** attempt)));
    }
  }
}

export const get = <T = Record<string, unknown>>(path: string, o?: CallOptions) => call<T>('GET', path, undefined, { retries: 2, ...o });
export const post = <T = Record<string, unknown>>(path: string, body?: unknown, o?: CallOptions) => call<T>('POST', path, body ?? {}, o);

/**
 * Ends a staff session on the server (not only in this browser): the token stops working at
 * once, and a window its holder left open is closed there. Never fails: the page forgets the
 * session either way.
 */
export async function endSession(token: string | null | undefined): Promise<void> {
  if (!token) return;
  await call('POST', '/api/v1/auth/logout', {}, { token }).catch(() => undefined);
}

export function newIdempotencyKey(): string {
  // randomUUID needs a secure context; kiosks on the hall LAN use plain http.
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
