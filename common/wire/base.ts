/**
 * The wire contract, defined once in zod: the server's replies and events, the
 * UIs' types (z.infer, imported as types only, so zod stays out of the UI
 * bundles) and the OpenAPI document (z.toJSONSchema) all come from here.
 */
import { z } from 'zod';

/** Every schema with a name here becomes `#/components/schemas/<id>` in the OpenAPI document. */
export const wire = z.registry<{ id: string; description?: string }>();

/** Names a schema in the document (and returns it, typed as before). */
export function named<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  wire.add(schema, description ? { id, description } : { id });
  return schema;
}

export const Lang = z.enum(['zh-CN', 'zh-TW', 'en']);
export type Lang = z.infer<typeof Lang>;

/** Text in every language; zh-CN is always present and is the fallback. */
export const LocalizedText = named('LocalizedText', z.object({ 'zh-CN': z.string(), 'zh-TW': z.string().optional(), en: z.string().optional() }));
export type LocalizedText = z.infer<typeof LocalizedText>;

/** remote: taken from a phone (线上取号), not yet arrived, never called until it arrives; expired: a remote ticket that did not arrive in time (final). */
export const TicketStatus = z.enum(['waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'cancelled', 'remote', 'expired']);
export type TicketStatus = z.infer<typeof TicketStatus>;
/** Priority classes, highest first: green channel, priority group, appointment, normal. */
export const PriorityClass = z.enum(['green', 'priority', 'appointment', 'normal']);
export type PriorityClass = z.infer<typeof PriorityClass>;
export const WindowStatus = z.enum(['closed', 'open', 'paused']);
export type WindowStatus = z.infer<typeof WindowStatus>;
export const SelectionPolicy = z.enum(['strict', 'oldest', 'weighted']);
export type SelectionPolicy = z.infer<typeof SelectionPolicy>;
export const Role = z.enum(['admin', 'supervisor', 'clerk']);
export type Role = z.infer<typeof Role>;

/** The one error shape of every refusal. */
export const ApiError = named(
  'Error',
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) }),
  'Every refusal: a stable code, a message for people, and the field at fault when there is one',
);
export type ApiError = z.infer<typeof ApiError>;

/** `{ok: true, ...shape}`: the envelope of every JSON success reply. */
export const ok = <S extends z.ZodRawShape>(shape: S) => z.object({ ok: z.literal(true), ...shape });

/** A free-form JSON object (device options, a client's settings, an audit event's data). */
export const JsonObject = z.record(z.string(), z.unknown());
