/**
 * The uplink batch, checked cheaply: a batch of 500 events through zod costs more node
 * CPU than its whole projection. The hand check below accepts only what the zod schema
 * (schemas.ts, the reference) accepts; anything it does not accept is handed to zod,
 * so a bad batch gets exactly zod's error. test/region/parse.test.ts compares
 * both on every field's edge cases.
 */
import type { ZodType } from 'zod';
import type { UplinkBatch, UplinkHead } from '../../common/region.js';
import { UPLINK_MAX_BATCH } from '../../common/region.js';
import { RegionError } from '../app/errors.js';
import * as S from './schemas.js';

/** The ISO date-time pattern zod itself checks `at` against (with an offset, any precision). */
const ISO = (S.iso as unknown as { _zod: { pattern: RegExp } })._zod.pattern;
const EVENT_KEYS = ['seq', 'at', 'type', 'windowId', 'ticketId', 'data'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const isId = (v: unknown) => v === null || (typeof v === 'string' && v.length >= 1 && v.length <= 100);

function eventOk(e: unknown): boolean {
  if (!isObject(e)) return false;
  let n = 0;
  for (const k in e) {
    if (!Object.hasOwn(e, k)) continue;
    if (!(EVENT_KEYS as readonly string[]).includes(k)) return false;
    n++;
  }
  return (
    n === EVENT_KEYS.length &&
    Number.isSafeInteger(e.seq) &&
    (e.seq as number) > 0 &&
    typeof e.at === 'string' &&
    ISO.test(e.at) &&
    typeof e.type === 'string' &&
    e.type.length >= 1 &&
    e.type.length <= 100 &&
    isId(e.windowId) &&
    isId(e.ticketId) &&
    isObject(e.data) &&
    // zod's record turns an own "__proto__" key into the prototype: such data takes zod's path
    !Object.hasOwn(e.data, '__proto__')
  );
}

/** The body checked by a zod schema (every region route), or a 400 VALIDATION naming the first issue. */
export function parse<T>(schema: ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new RegionError(400, 'VALIDATION', `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`);
}

const headOk = (h: unknown) =>
  h === undefined || (isObject(h) && Object.keys(h).length === 2 && Number.isSafeInteger(h.seq) && (h.seq as number) >= 0 && (h.at === null || (typeof h.at === 'string' && ISO.test(h.at))));

/** The batch as the zod schema would return it, or the zod error (thrown by `parse`) when the hand check does not accept it. */
export function parseUplinkBatch(body: unknown): UplinkBatch {
  if (!isObject(body)) return parse(S.uplinkBatch, body);
  const { after, events, head, config } = body;
  const keysOk = Object.keys(body).every((k) => k === 'after' || k === 'events' || k === 'head' || k === 'config');
  const fast =
    keysOk && Number.isSafeInteger(after) && (after as number) >= 0 && Array.isArray(events) && events.length <= UPLINK_MAX_BATCH && events.every(eventOk) && headOk(head);
  if (!fast) return parse(S.uplinkBatch, body);
  const batch: UplinkBatch = { after: after as number, events: events as UplinkBatch['events'] };
  if (head !== undefined) batch.head = { seq: (head as UplinkHead).seq, at: (head as UplinkHead).at };
  if (config === undefined) return batch;
  // the configuration snapshot is small: zod checks it (and the whole batch, for zod's own error, when it fails)
  const c = S.configSnapshot.safeParse(config);
  return c.success ? { ...batch, config: c.data } : parse(S.uplinkBatch, body);
}
