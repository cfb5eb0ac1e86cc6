import { z } from 'zod';
import type { RouteDef } from './route.js';

const errorSchema = {
  type: 'object',
  required: ['ok', 'error'],
  properties: {
    ok: { const: false },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): unknown {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  } catch {
    return { type: 'object' };
  }
}

/** The OpenAPI 3.1 document, made from the same route definitions the router uses. */
export function openApiDocument(routes: RouteDef[], version: string): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const headerParams = (r.headers ?? []).map((h) => ({
      name: h.name,
      in: 'header',
      required: h.required,
      description: h.description,
      schema: { type: 'string' },
    }));
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: [r.tag],
      'x-onestop-auth': r.auth,
      parameters: [...params, ...headerParams],
      responses: {
        [String(r.status ?? 200)]: { description: 'OK' },
        '4XX': { description: 'Refused', content: { 'application/json': { schema: errorSchema } } },
      },
    };
    if (r.auth !== 'public') op.security = [{ bearer: [] }];
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } };
    if (r.query) {
      const q = jsonSchema(r.query) as { properties?: Record<string, unknown> };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        (op.parameters as unknown[]).push({ name, in: 'query', required: false, schema });
      }
    }
    paths[path] = { ...(paths[path] ?? {}), [r.method]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Onestop hall server',
      version,
      description:
        'Queue ticketing for one-stop government service halls. Errors always have the shape {ok:false, error:{code, message}}. Socket.IO namespaces: /display, /counter, /kiosk, /admin (see README).',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Staff session token or device token' } },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
