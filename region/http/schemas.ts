/** Zod schemas of what the region accepts (the types are in common/region.ts). */
import { z } from 'zod';
import { HALL_ID, UPLINK_MAX_BATCH } from '../../common/region.js';
import { Lang } from '../../common/wire/base.js';
import { timeInRange } from '../domain/storable.js';

const id = z.string().min(1).max(100);
export const iso = z.iso.datetime({ offset: true });

export const uplinkEvent = z.strictObject({
  seq: z.number().int().positive(),
  at: iso,
  type: z.string().min(1).max(100),
  windowId: id.nullable(),
  ticketId: id.nullable(),
  data: z.record(z.string(), z.unknown()),
});

/** A name in the hall's three languages (zh-CN always). */
const names = z.strictObject({ 'zh-CN': z.string().max(200), 'zh-TW': z.string().max(200).optional(), en: z.string().max(200).optional() });
/** A service's fee text (收费标准) in the hall's three languages. */
const fees = z.strictObject({ 'zh-CN': z.string().max(1000), 'zh-TW': z.string().max(1000).optional(), en: z.string().max(1000).optional() });

export const configSnapshot = z.strictObject({
  hallName: z.string().max(200),
  hallNames: names.optional(),
  timeZone: z.string().max(100),
  resetHour: z.number().int().min(0).max(23),
  departments: z.array(z.strictObject({ id, name: z.string().max(200), names: names.optional() })).max(1000),
  services: z
    .array(
      z.strictObject({
        id,
        name: z.string().max(200),
        names: names.optional(),
        fees: fees.optional(),
        departmentId: id,
        prefix: z.string().max(10),
        promisedMinutes: z.number().int().min(0),
        catalogueCode: z.string().max(64).nullable(),
      }),
    )
    .max(1000),
  windows: z.array(z.strictObject({ id, number: z.number().int(), name: z.string().max(200), departmentId: id })).max(5000),
});

/** Where the hall's log ends (seq 0 and no time: an empty log). */
export const uplinkHead = z.strictObject({ seq: z.number().int().min(0), at: iso.nullable() });

export const uplinkBatch = z.strictObject({
  after: z.number().int().min(0),
  events: z.array(uplinkEvent).max(UPLINK_MAX_BATCH),
  head: uplinkHead.optional(),
  config: configSnapshot.optional(),
});

/** An ISO time PostgreSQL's timestamptz holds (the batch's times are checked so in parse.ts `storable`). */
const storableIso = iso.refine(timeInRange, 'a time PostgreSQL can hold (a UTC offset within ±15:59, a year after 0000)');

export const positionQuery = z.strictObject({ head: z.coerce.number().int().min(0).optional(), headAt: storableIso.optional() });

export const headsQuery = z.strictObject({
  seqs: z
    .string()
    .regex(/^\d+(,\d+){0,99}$/, 'up to 100 seqs separated by commas')
    .transform((s) => s.split(',').map(Number)),
});

export const startEpoch = z.strictObject({ commonPoint: z.number().int().min(0) });

export const login = z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

export { HALL_ID };
export const createHall = z.strictObject({ id: z.string().regex(HALL_ID), name: z.string().min(1).max(200), area: z.string().max(100).default('') });

const areas = z.array(z.string().max(100)).max(1000);
const hallIds = z.array(id).max(10000);
const password = z.string().min(8).max(200);

export const createUser = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  password,
  role: z.enum(['admin', 'viewer']),
  areas: areas.default([]),
  hallIds: hallIds.default([]),
});

export const patchUser = z
  .strictObject({ active: z.boolean().optional(), areas: areas.optional(), hallIds: hallIds.optional(), password: password.optional() })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');

export const userId = z.coerce.number().int().positive();

export const auditQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(200) });

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const format = z.enum(['json', 'csv', 'xlsx']).default('json');
/** The viewer's language for labels and headings (the languages of the live view); keys and figures never change with it. */
const lang = Lang.default('zh-CN');

export const reportQuery = z.strictObject({
  from: day,
  to: day,
  by: z.enum(['hall', 'catalogue', 'department', 'service']).default('hall'),
  period: z.enum(['day', 'week', 'month']).default('day'),
  format,
  lang,
});

export const feedQuery = z.strictObject({
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  lang,
});

export const ratingsExportQuery = z.strictObject({ from: day, to: day, format, lang });
