import type { RouteDef } from './route.js';

/**
 * Which route answers a request: the route table compiled once, matched the way
 * express's router matched it before (so no URL changes meaning): paths ignore
 * case, one trailing slash is allowed, a `:name` segment takes any non-empty
 * segment (percent-decoded), literal segments compare undecoded, HEAD is
 * answered by the GET route, and the first declared route that matches wins.
 * Pure: no I/O, nothing of node's HTTP.
 */
export interface RouteMatch {
  route: RouteDef;
  params: Record<string, string>;
}

/** A parameter that is not valid percent-encoding (express answered 400 too). */
export class ParamDecodeError extends Error {
  readonly status = 400;
  constructor(segment: string) {
    super(`Failed to decode param '${segment.slice(0, 100)}'`);
  }
}

interface Compiled {
  route: RouteDef;
  /** Lower-cased literal, or null for a parameter (its name in `names`). */
  literals: (string | null)[];
  names: (string | null)[];
}

export class RouteTable {
  /** method → segment count → routes in declaration order. */
  private byShape = new Map<string, Map<number, Compiled[]>>();

  constructor(routes: readonly RouteDef[]) {
    for (const route of routes) {
      const segments = route.path.split('/').slice(1);
      const compiled: Compiled = {
        route,
        literals: segments.map((s) => (s.startsWith(':') ? null : s.toLowerCase())),
        names: segments.map((s) => (s.startsWith(':') ? s.slice(1) : null)),
      };
      let shapes = this.byShape.get(route.method);
      if (!shapes) this.byShape.set(route.method, (shapes = new Map()));
      const list = shapes.get(segments.length) ?? [];
      list.push(compiled);
      shapes.set(segments.length, list);
    }
  }

  /** The route for `method` (upper-case, as node gives it) and an undecoded `pathname`, or null. */
  match(method: string, pathname: string): RouteMatch | null {
    const m = method === 'HEAD' ? 'get' : method.toLowerCase();
    const segments = split(pathname);
    if (!segments) return null;
    const candidates = this.byShape.get(m)?.get(segments.length);
    if (!candidates) return null;
    const lower = segments.map((s) => s.toLowerCase());
    for (const c of candidates) {
      if (!c.literals.every((l, i) => l === null || l === lower[i])) continue;
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => {
        if (name !== null) params[name] = decode(segments[i]);
      });
      return { route: c.route, params };
    }
    return null;
  }

  /** The methods any route answers at this path (for OPTIONS), HEAD with GET. */
  methodsAt(pathname: string): string[] {
    const segments = split(pathname);
    if (!segments) return [];
    const lower = segments.map((s) => s.toLowerCase());
    const found = new Set<string>();
    for (const [method, shapes] of this.byShape) {
      for (const c of shapes.get(segments.length) ?? []) {
        if (c.literals.every((l, i) => l === null || l === lower[i])) {
          found.add(method.toUpperCase());
          if (method === 'get') found.add('HEAD');
        }
      }
    }
    return [...found].sort();
  }
}

/** `/a/b/` → ['a','b']; null where a segment is empty (`/a//b`), which no route has. */
function split(pathname: string): string[] | null {
  if (!pathname.startsWith('/')) return null;
  const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(1, -1) : pathname.slice(1);
  const segments = trimmed.split('/');
  return segments.some((s) => s.length === 0) ? null : segments;
}

function decode(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ParamDecodeError(segment);
  }
}
