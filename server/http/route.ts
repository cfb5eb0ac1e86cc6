import type { Request } from 'express';
import type { output, ZodType } from 'zod';
import type { Capability, Principal } from '../auth/principal.js';

export interface RouteRequest<B = unknown, Q = unknown> {
  params: Record<string, string>;
  body: B;
  query: Q;
  principal: Principal;
  headers: Request['headers'];
  ip: string;
  lang: 'zh-CN' | 'zh-TW' | 'en';
}

/** A JSON reply with a status other than the route's usual one (e.g. 200 for an idempotent replay). */
export interface Reply<T = unknown> {
  status: number;
  body: T;
}

/** What a handler may answer: its reply body, the body with a status, or a download. */
export type HandlerOut<R> = R | Reply<R> | FileReply;

/**
 * One route, described once: the router, the permission check and the OpenAPI
 * document are all made from this.
 */
export interface RouteDef<B = any, Q = any, S extends ZodType = ZodType<any>> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** public: anyone; a capability: checked against the principal (and the :id window for window.operate). */
  auth: 'public' | 'user' | Capability;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  /** Extra documented headers, e.g. Idempotency-Key. */
  headers?: { name: string; required: boolean; description: string; schema?: ZodType }[];
  /** The JSON success reply, one of common/wire/replies.ts: the handler is checked against it and the document shows it (none: a download only). */
  reply?: S;
  /** The usual success status (default 200). */
  status?: number;
  /** Other success statuses it answers with the same reply (e.g. 200 for an idempotent replay of a 201). */
  alsoStatus?: number[];
  /** Content types of downloads it may answer instead (CSV, XLSX). */
  files?: string[];
  handler: (req: RouteRequest<B, Q>) => HandlerOut<output<S>> | Promise<HandlerOut<output<S>>>;
}

export const reply = <T>(status: number, body: T): Reply<T> => ({ status, body });

/**
 * One route, typed: `route(replies.X)({ method, path, body, handler, … })`. The
 * handler's answer is checked against the reply schema, and req.body / req.query
 * take their types from the body and query schemas. (Two steps, so the reply type
 * is fixed before the handler is read: TypeScript then keeps `ok: true` literal.)
 */
export function route<S extends ZodType>(replySchema: S) {
  return <B = undefined, Q = undefined>(def: Omit<RouteDef<B, Q, S>, 'reply'>): RouteDef => ({ ...def, reply: replySchema });
}

/** A route that answers only with a download of one of `files` (no JSON reply). */
export function download<B = undefined, Q = undefined>(def: Omit<RouteDef<B, Q, ZodType<never>>, 'reply' | 'handler'> & { files: string[]; handler: (req: RouteRequest<B, Q>) => FileReply | Promise<FileReply> }): RouteDef {
  return def;
}

/** A download (CSV, XLSX…) instead of JSON. */
export interface FileReply {
  file: { contentType: string; filename: string; body: string | Buffer };
}
export const fileReply = (contentType: string, filename: string, body: string | Buffer): FileReply => ({ file: { contentType, filename, body } });
export const isFileReply = (v: unknown): v is FileReply => typeof v === 'object' && v !== null && 'file' in v && Object.keys(v).length === 1;
export const isReply = (v: unknown): v is Reply =>
  typeof v === 'object' && v !== null && 'status' in v && 'body' in v && Object.keys(v).length === 2;

export function defineRoutes(routes: RouteDef[]): RouteDef[] {
  return routes;
}
