import { z } from 'zod';
import { wire } from '../../common/wire/base.js';
import '../../common/wire/replies.js';
import type { RouteDef } from './route.js';

const SCHEMAS = '#/components/schemas/';
const RESPONSES = '#/components/responses/';

const TAGS: Record<string, string> = {
  hall: 'What anyone on the hall LAN may read: health, services, the queue, a ticket’s live page',
  auth: 'Staff log-in and sessions',
  tickets: 'Issuing, reading, restoring and cancelling tickets',
  windows: 'Window operations (a clerk only on the window signed in to)',
  admin: 'Hall configuration, staff, device clients, the audit log, backups and the region uplink',
  devices: 'Device bindings, health and the demo simulators',
  ratings: '好差评: rating requests, ratings and their export',
  supervision: 'Supervision alerts and data retention',
  reports: 'Assessment reports replayed from the event log',
  priority: 'Priority categories (green channel, elderly, …)',
  appointments: 'Appointment slots, bookings and check-in',
  voice: 'The voices of the hall’s screens',
};

/** Refusals, each the one Error shape. */
const ERROR_RESPONSES: Record<string, string> = {
  BadRequest: 'The request is malformed or a field is invalid (VALIDATION names the field)',
  Unauthenticated: 'No valid token (UNAUTHENTICATED)',
  Forbidden: 'The token may not do this (FORBIDDEN)',
  NotFound: 'The thing named in the path does not exist (…_NOT_FOUND)',
  TooManyRequests: 'Too many requests from this address or too many wrong attempts (TOO_MANY_REQUESTS, TOO_MANY_ATTEMPTS); see Retry-After',
  Refused: 'Refused by the hall’s rules (409 with a domain code), or the server could not do it now (503: storage, printer, device; 500)',
};

/** The request schema as JSON Schema (what a client may send). */
function inputSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** Every named wire schema as a component, referring to each other by $ref. */
function wireComponents(): Record<string, unknown> {
  const all = z.toJSONSchema(wire, { io: 'output', unrepresentable: 'any', uri: (id) => SCHEMAS + id }) as { schemas: Record<string, Record<string, unknown>> };
  const out: Record<string, unknown> = {};
  for (const [id, s] of Object.entries(all.schemas)) {
    const { $schema: _s, $id: _i, ...rest } = s;
    out[id] = rest;
  }
  return out;
}

function replyRef(r: RouteDef): { $ref: string } | null {
  if (!r.reply) {
    if (!r.files?.length) throw new Error(`${r.method} ${r.path}: give it a reply schema (route(replies.X)) or files (download)`);
    return null;
  }
  const id = wire.get(r.reply)?.id;
  if (!id) throw new Error(`${r.method} ${r.path}: its reply schema has no name in common/wire (named(...))`);
  return { $ref: SCHEMAS + id };
}

/** getTicketsById, postWindowsByIdCallNext: method and path, so every operation has a stable id. */
export function operationIdOf(r: Pick<RouteDef, 'method' | 'path'>): string {
  const words = r.path
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .flatMap((seg) => (seg.startsWith(':') ? ['by', seg.slice(1)] : seg.split(/[-.]/)));
  return r.method + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function responsesOf(r: RouteDef, hasInput: boolean, hasPathParams: boolean): Record<string, unknown> {
  const ref = replyRef(r);
  const json = ref ? { 'application/json': { schema: ref } } : {};
  const files = Object.fromEntries((r.files ?? []).map((type) => [type.split(';')[0], { schema: { type: 'string', format: 'binary' } }]));
  const responses: Record<string, unknown> = {};
  // Reads carry a weak ETag and answer 304 to a caller whose If-None-Match has it (server/http/reply-writer.ts).
  const read = r.method === 'get';
  const etag = { ETag: { description: 'A weak tag of this body: send it back in If-None-Match to get 304 while the body is unchanged', schema: { type: 'string' } } };
  for (const status of [r.status ?? 200, ...(r.alsoStatus ?? [])].sort()) {
    const first = status === (r.status ?? 200);
    responses[String(status)] = {
      description: first ? 'Done' : 'The same result again (an idempotent replay)',
      ...(read ? { headers: etag } : {}),
      content: r.files && !first ? json : { ...json, ...files },
    };
  }
  if (read) responses['304'] = { description: 'Not modified: If-None-Match named the current ETag (no body)', headers: etag };
  const refused = (name: string) => ({ $ref: RESPONSES + name });
  if (hasInput) responses['400'] = refused('BadRequest');
  if (r.auth !== 'public') Object.assign(responses, { '401': refused('Unauthenticated'), '403': refused('Forbidden') });
  if (hasPathParams) responses['404'] = refused('NotFound');
  responses['429'] = refused('TooManyRequests');
  responses.default = refused('Refused');
  return responses;
}

/** The OpenAPI 3.1 document, made from the same route definitions and wire schemas the router and UIs use. */
export function openApiDocument(routes: RouteDef[], version: string): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const parameters: Record<string, unknown>[] = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    for (const h of r.headers ?? []) {
      parameters.push({ name: h.name, in: 'header', required: h.required, description: h.description, schema: h.schema ? inputSchema(h.schema) : { type: 'string' } });
    }
    if (r.query) {
      const q = inputSchema(r.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        parameters.push({ name, in: 'query', required: (q.required ?? []).includes(name), schema });
      }
    }
    const op: Record<string, unknown> = {
      operationId: operationIdOf(r),
      summary: r.summary,
      tags: [r.tag],
      'x-onestop-auth': r.auth,
      security: r.auth === 'public' ? [] : [{ bearer: [] }],
      parameters,
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: inputSchema(r.body) } } };
    op.responses = responsesOf(r, !!(r.body || r.query || r.headers?.length || parameters.length), /:\w+/.test(r.path));
    paths[path] = { ...(paths[path] ?? {}), [r.method]: op };
  }
  const usedTags = [...new Set(routes.map((r) => r.tag))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Onestop hall server',
      version,
      license: { name: 'MIT', identifier: 'MIT' },
      description:
        'Queue ticketing for one-stop government service halls. Every refusal has the shape {ok:false, error:{code, message, field?}} (the Error schema). Socket.IO namespaces: /display, /counter, /kiosk, /admin (see README).',
    },
    servers: [{ url: '/', description: 'This hall server' }],
    security: [{ bearer: [] }],
    tags: usedTags.map((name) => ({ name, description: TAGS[name] ?? name })),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Staff session token or device token' } },
      schemas: wireComponents(),
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([name, description]) => [
          name,
          {
            description,
            ...(name === 'TooManyRequests' ? { headers: { 'Retry-After': { description: 'Seconds to wait before asking again', schema: { type: 'integer', minimum: 1 } } } } : {}),
            content: { 'application/json': { schema: { $ref: SCHEMAS + 'Error' } } },
          },
        ]),
      ),
    },
    paths,
  };
}
