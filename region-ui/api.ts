/** The region API from the browser: JSON with the session's bearer token; errors carry the API's code and message. */
import { REGION_API } from '../common/region.js';
import { saveResponse } from '../ui-shared/download.js';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The request, or an `UNREACHABLE` ApiError when no region node answered at all. */
async function send(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(REGION_API + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError('UNREACHABLE', String((e as Error)?.message ?? e));
  }
}

/** The API's `{ok:false,error:{code,message}}` as an ApiError (HTTP_<status> when the reply is not the API's). */
const refusal = (res: Response, json: any) => new ApiError(json?.error?.code ?? `HTTP_${res.status}`, json?.error?.message ?? res.statusText);

export async function call<T = any>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(token, method, path, body);
  const json = await res.json().catch(() => null);
  if (!res.ok || !json?.ok) throw refusal(res, json);
  return json as T;
}

/** A CSV/XLSX file of the API saved under the server's file name (a plain link could not send the token). */
export async function download(token: string, path: string, fallbackName: string): Promise<void> {
  const res = await send(token, 'GET', path);
  if (!res.ok) throw refusal(res, await res.json().catch(() => null));
  await saveResponse(res, fallbackName);
}

/** "a, b ,c" → ['a', 'b', 'c'] */
export const listOf = (text: string) => text.split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean);
