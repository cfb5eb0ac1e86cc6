/** The region API from the browser: JSON with the session's bearer token; errors carry the API's code and message. */
import { REGION_API } from '../common/region.js';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function call<T = any>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(REGION_API + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok || !json?.ok) throw new ApiError(json?.error?.code ?? `HTTP_${res.status}`, json?.error?.message ?? res.statusText);
  return json as T;
}

/** "a, b ,c" → ['a', 'b', 'c'] */
export const listOf = (text: string) => text.split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean);
