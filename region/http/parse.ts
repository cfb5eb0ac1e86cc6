/**
 * The uplink batch, checked cheaply: a batch of 500 events through zod costs more node
 * CPU than its whole projection. The hand check below accepts only what the zod schema
 * (schemas.ts, the reference) accepts; anything it does not accept is handed to zod,
 * so a bad batch gets exactly zod's error. test/region/parse.test.ts compares
 * both on every field's edge cases.
 *
 * A batch of the right shape is then checked for what PostgreSQL can store (region/domain/
 * storable.ts: text without NUL or lone surrogates, times in timestamptz's range, `data` not
 * nested too deep), on either path: a batch the store would refuse on every resend gets
 * 400 INVALID_BATCH naming the event and what is wrong, not a 503 the hall retries for ever.
 */
import type { ZodType } from 'zod';
import type { UplinkBatch, UplinkHead } from '../../common/region.js';
import { UPLINK_MAX_BATCH } from '../../common/region.js';
import { RegionError } from '../app/errors.js';
import * as S from './schemas.js';
import { ISO_PATTERN as ISO, MAX_DATA_DEPTH, TEXT_PROBLEM, textProblem, textProblemPath, timeInRange, valueProblem, type ValueProblem } from '../domain/storable.js';
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
  if (!fast) return storable(parse(S.uplinkBatch, body));
  const batch: UplinkBatch = { after: after as number, events: events as UplinkBatch['events'] };
  if (head !== undefined) batch.head = { seq: (head as UplinkHead).seq, at: (head as UplinkHead).at };
  if (config === undefined) return storable(batch);
  // the configuration snapshot is small: zod checks it (and the whole batch, for zod's own error, when it fails)
  const c = S.configSnapshot.safeParse(config);
  return storable(c.success ? { ...batch, config: c.data } : parse(S.uplinkBatch, body));
}

/** A path for a message: its keys, with what cannot be shown replaced. */
const where = (path: (string | number)[]) => path.map((k) => String(k).replace(/[\u0000\ud800-\udfff]/g, '\ufffd')).join('.');

function refuse(seq: number | null, what: string): never {
  const whose = seq === null ? 'The batch' : `Event ${seq}`;
  throw new RegionError(400, 'INVALID_BATCH', `${whose}: ${what}, which the region cannot store: fix it at the hall`, seq === null ? {} : { seq });
}

function refuseValue(seq: number | null, base: (string | number)[], v: unknown, problem: ValueProblem): never {
  const path = problem === 'depth' ? base : [...base, ...(textProblemPath(v, MAX_DATA_DEPTH + 1) ?? [])];
  return refuse(seq, `${where(path)} ${TEXT_PROBLEM[problem]}`);
}

/** The batch, if PostgreSQL can store all of it (region/domain/storable.ts); else 400 INVALID_BATCH naming the event and the field. */
export function storable(batch: UplinkBatch): UplinkBatch {
  for (const e of batch.events) {
    if (!timeInRange(e.at)) refuse(e.seq, `at ${e.at} is out of PostgreSQL's range (a UTC offset beyond ±15:59, or year 0000)`);
    const t = textProblem(e.type) ?? (e.windowId === null ? null : textProblem(e.windowId)) ?? (e.ticketId === null ? null : textProblem(e.ticketId));
    if (t) {
      const field = textProblem(e.type) ? 'type' : e.windowId !== null && textProblem(e.windowId) ? 'windowId' : 'ticketId';
      refuse(e.seq, `${field} ${TEXT_PROBLEM[t]}`);
    }
    const d = valueProblem(e.data);
    if (d) refuseValue(e.seq, ['data'], e.data, d);
  }
  if (batch.head?.at && !timeInRange(batch.head.at)) refuse(null, `head.at ${batch.head.at} is out of PostgreSQL's range (a UTC offset beyond ±15:59, or year 0000)`);
  if (batch.config) {
    const c = valueProblem(batch.config);
    if (c) refuseValue(null, ['config'], batch.config, c);
  }
  return batch;
}
