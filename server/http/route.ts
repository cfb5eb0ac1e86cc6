import type { Request } from 'express';
import type { ZodType } from 'zod';
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

export interface Reply {
  status: number;
  body: unknown;
}

/**
 * One route, described once: the router, the permission check and the OpenAPI
 * document are all made from this.
 */
export interface RouteDef<B = any, Q = any> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** public: anyone; a capability: checked against the principal (and the :id window for window.operate). */
  auth: 'public' | 'user' | Capability;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  /** Extra documented headers, e.g. Idempotency-Key. */
  headers?: { name: string; required: boolean; description: string }[];
  status?: number;
  handler: (req: RouteRequest<B, Q>) => unknown | Reply | Promise<unknown | Reply>;
}

export const reply = (status: number, body: unknown): Reply => ({ status, body });

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
