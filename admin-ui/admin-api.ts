import { call } from '../ui-shared/api.js';
import { saveResponse } from '../ui-shared/download.js';
import { sessionStore } from '../ui-shared/session.js';
import { Observable } from '../ui-shared/store.js';

/** The admin's login (sessionStorage: survives a reload, not closing the browser). */
export const session = sessionStore('admin');
const token = () => session.get()?.token ?? null;

export const A = '/api/v1/admin';
export const adminGet = <T = Record<string, unknown>>(path: string) => call<T>('GET', A + path, undefined, { token: token(), retries: 1 });
export const adminSend = <T = Record<string, unknown>>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
  call<T>(method, A + path, body ?? (method === 'DELETE' ? undefined : {}), { token: token() });
/** A list reply `{ok, <key>: […]}` (the one shape of admin lists, see common/wire/replies.ts). */
export async function adminList<T>(path: string, key: string): Promise<T[]> {
  return (await adminGet<Record<string, T[]>>(path))[key]!;
}

/** Only admins change configuration; supervisors see the same pages read-only. */
export const canEdit = () => session.get()?.user.role === 'admin';

/**
 * Bumped after every change this admin makes and on every `monitor` push, so
 * open lists re-read what the server now has (changes apply live, no reload).
 */
export const changes = new Observable(0);
export const bump = () => changes.set((n) => n + 1);

/** A file download that needs the bearer token (CSV/XLSX reports). */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${token() ?? ''}` } });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  await saveResponse(res, fallbackName);
}
