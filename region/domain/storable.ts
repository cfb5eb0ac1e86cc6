/**
 * What PostgreSQL can store of what a hall sends, checked before the batch reaches it: a
 * batch that passes the schema but holds something the store refuses would be refused on
 * every resend (the hall would retry it for ever). Pure and cheap: the uplink batch check
 * (region/http/parse.ts) runs it on every event, on the ingest's hot path.
 *
 * - Text: no NUL (U+0000: neither `text` nor `jsonb` holds one) and well-formed UTF-16 (a lone
 *   surrogate cannot be encoded in UTF-8: refused, or turned into U+FFFD by COPY).
 * - Times: an ISO date-time PostgreSQL's timestamptz holds (a UTC offset within ±15:59, a year
 *   after 0000); the projection takes a hall-given time only when it is one.
 * - Nesting: `data` at most MAX_DATA_DEPTH levels deep (deeper, JSON.stringify overflows its stack).
 */
import { z } from 'zod';

declare global {
  interface String {
    /** ES2024 (Node 20): false when the string holds a lone surrogate. */
    isWellFormed(): boolean;
  }
}

/** How deep an event's `data` may nest (objects and arrays; a hall's events nest 3 levels). */
export const MAX_DATA_DEPTH = 64;

/** The ISO date-time with an offset that zod checks (region/http/schemas.ts `iso`). */
export const ISO_PATTERN: RegExp = (z.iso.datetime({ offset: true }) as unknown as { _zod: { pattern: RegExp } })._zod.pattern;

/** Why a string cannot be stored, or null. */
export type TextProblem = 'nul' | 'surrogate';
export function textProblem(s: string): TextProblem | null {
  if (s.indexOf('\u0000') !== -1) return 'nul';
  return s.isWellFormed() ? null : 'surrogate';
}

/** Of a string the ISO pattern accepts: whether timestamptz holds it (offset within ±15:59, year not 0000). */
export function timeInRange(s: string): boolean {
  if (s.charCodeAt(0) === 48 && s.startsWith('0000')) return false;
  const n = s.length;
  if (s.charCodeAt(n - 1) === 90 /* Z */) return true;
  // ±HH:MM at the end (the pattern takes no other form of offset)
  const h = (s.charCodeAt(n - 5) - 48) * 10 + (s.charCodeAt(n - 4) - 48);
  return h <= 15;
}

/** A time a hall gave that PostgreSQL can hold and JS can read back (the pattern of `at`, in range). */
export function storableTime(v: unknown): v is string {
  return typeof v === 'string' && ISO_PATTERN.test(v) && timeInRange(v);
}

/** What is wrong with a value's text or nesting. */
export type ValueProblem = TextProblem | 'depth';

// the walk's stack, reused by every call (one batch is checked at a time: the walk never awaits)
const stack: unknown[] = [];
const depths: number[] = [];

/**
 * The first problem found in `root` (its strings and keys at any depth, its nesting), or
 * null. Iterative (a value nested 50,000 deep overflows no stack) and allocation-free on
 * the usual path: the stack arrays are reused and only objects and arrays go on them.
 */
export function valueProblem(root: unknown, maxDepth = MAX_DATA_DEPTH): ValueProblem | null {
  if (typeof root === 'string') return textProblem(root);
  if (typeof root !== 'object' || root === null) return null;
  let top = 0;
  stack[top] = root;
  depths[top++] = 1;
  let found: ValueProblem | null = null;
  walk: while (top > 0) {
    const v = stack[--top] as Record<string, unknown> | unknown[];
    stack[top] = undefined;
    const d = depths[top];
    if (d > maxDepth) {
      found = 'depth';
      break;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (typeof x === 'string') {
          if ((found = textProblem(x))) break walk;
        } else if (typeof x === 'object' && x !== null) {
          stack[top] = x;
          depths[top++] = d + 1;
        }
      }
    } else {
      for (const k in v) {
        if ((found = textProblem(k))) break walk;
        const x = v[k];
        if (typeof x === 'string') {
          if ((found = textProblem(x))) break walk;
        } else if (typeof x === 'object' && x !== null) {
          stack[top] = x;
          depths[top++] = d + 1;
        }
      }
    }
  }
  for (let i = 0; i < top; i++) stack[i] = undefined;
  return found;
}

/** Where in `v` the first string or key with a text problem is (a path of keys), for the error message; null if none. */
export function textProblemPath(v: unknown, maxDepth = MAX_DATA_DEPTH): string[] | null {
  if (typeof v === 'string') return textProblem(v) ? [] : null;
  if (typeof v !== 'object' || v === null || maxDepth <= 0) return null;
  for (const k in v) {
    if (textProblem(k)) return [k];
    const sub = textProblemPath((v as Record<string, unknown>)[k], maxDepth - 1);
    if (sub) return [k, ...sub];
  }
  return null;
}

export const TEXT_PROBLEM: Record<ValueProblem, string> = {
  nul: 'holds a NUL character (U+0000)',
  surrogate: 'holds a lone UTF-16 surrogate (not well-formed Unicode)',
  depth: `nests deeper than ${MAX_DATA_DEPTH} levels`,
};
