import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { HttpError } from '../edge/errors.js';

/** Shared request pieces. Limits keep a fuzzer's huge strings out of the database. */
export const id = z.string().min(1).max(100);

export const localized = z.object({
  'zh-CN': z.string().min(1).max(200),
  'zh-TW': z.string().max(200).optional(),
  en: z.string().max(200).optional(),
});

export const priority = z.enum(['normal', 'priority', 'green', 'appointment']);

export const idCard = z.object({
  name: z.string().min(1).max(60),
  idNumber: z.string().min(15).max(18),
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
    .optional(),
});

/** The Idempotency-Key header: 8–128 of A-Z a-z 0-9 _ . : - (a retry with the same key gets the same result). */
const IDEMPOTENCY_KEY_PATTERN = /^[\w.:-]{8,128}$/;
const IDEMPOTENCY_KEY_RULE = 'Idempotency-Key must be 8–128 characters of letters, digits, _ . : -';
export const idempotencyKey = z.string().min(8).max(128).regex(IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_KEY_RULE);

/** The request's Idempotency-Key (undefined when absent); a malformed one is refused with 400 INVALID_IDEMPOTENCY_KEY. */
export function idempotencyKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const key = headers['idempotency-key'];
  if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key))) {
    throw new HttpError(400, 'INVALID_IDEMPOTENCY_KEY', IDEMPOTENCY_KEY_RULE, 'Idempotency-Key');
  }
  return key;
}
