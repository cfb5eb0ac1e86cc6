/** Any thrown thing → the one error shape `{ok:false,error:{code,message}}` and an HTTP status; used by HTTP and sockets alike. */
import { ZodError } from 'zod';
import type { ApiError } from '../../common/types.js';
import { DomainError } from '../domain/errors.js';

/** An error with its HTTP status; sockets send the same `{ok:false,error}` shape without the status. */
export class HttpError extends DomainError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    field?: string,
  ) {
    super(code, message, field);
  }
}

const STATUS_BY_CODE: [RegExp, number][] = [
  [/_NOT_FOUND$/, 404],
  [/^(INVALID_CREDENTIALS|UNAUTHENTICATED)$/, 401],
  [/^(FORBIDDEN|PRIORITY_NOT_ALLOWED)$/, 403],
  [/^TOO_MANY_(ATTEMPTS|REQUESTS)$/, 429],
  [/^(VALIDATION|INVALID_.*|TRANSFER_TARGET_MISSING|TRANSFER_TO_SELF|NOTIFY_URL_REFUSED)$/, 400],
  [/^(PRINTER_.*|DEVICE_.*|KIOSK_AGENT_OFFLINE|STORAGE_UNAVAILABLE|REPORT_BUSY)$/, 503],
  [/^REPORT_TOO_LARGE$/, 422],
];

export function statusOf(code: string): number {
  for (const [re, status] of STATUS_BY_CODE) if (re.test(code)) return status;
  return 409;
}

export function errorBody(code: string, message: string, field?: string): ApiError {
  return { ok: false, error: field ? { code, message, field } : { code, message } };
}

/** The first problem, naming the field, so a person can fix the request. */
export function fromZod(err: ZodError): ApiError {
  const issue = err.issues[0];
  const field = issue.path.map(String).join('.');
  const message = field ? `${field}: ${issue.message}` : issue.message;
  return errorBody('VALIDATION', message, field || undefined);
}

const STORAGE_CODES = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|CORRUPT|NOTADB|BUSY|LOCKED)/;

/** Any thrown thing → status + the one error shape. */
export function toApiError(err: unknown): { status: number; body: ApiError; unexpected: boolean } {
  if (err instanceof ZodError) return { status: 400, body: fromZod(err), unexpected: false };
  if (err instanceof HttpError) return { status: err.status, body: errorBody(err.code, err.message, err.field), unexpected: false };
  if (err instanceof DomainError) return { status: statusOf(err.code), body: errorBody(err.code, err.message, err.field), unexpected: false };
  const e = err as { code?: string; type?: string; status?: number; message?: string };
  if (typeof e?.code === 'string' && STORAGE_CODES.test(e.code)) {
    return {
      status: 503,
      body: errorBody('STORAGE_UNAVAILABLE', 'The hall server cannot save right now, so nothing was recorded. Please go to the help desk.'),
      unexpected: true,
    };
  }
  if (e?.type === 'entity.parse.failed') {
    return { status: 400, body: errorBody('INVALID_JSON', 'The request body is not valid JSON'), unexpected: false };
  }
  if (e?.type === 'entity.too.large') {
    return { status: 413, body: errorBody('BODY_TOO_LARGE', 'The request body is too large'), unexpected: false };
  }
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return { status: 415, body: errorBody('UNSUPPORTED_ENCODING', 'Send JSON in UTF-8'), unexpected: false };
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return { status: e.status, body: errorBody('BAD_REQUEST', e.message ?? 'Bad request'), unexpected: false };
  }
  return { status: 500, body: errorBody('INTERNAL', 'Something went wrong on the hall server; it has been logged'), unexpected: true };
}
