import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rule, checked on the sources: the edges (HTTP routes, sockets) call
 * app use cases and never the store; sockets do not depend on the HTTP layer.
 */
const root = resolve(__dirname, '../..');

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every module a file imports or re-exports, resolved to a path from the repository root. */
export function importsOf(file: string, source = readFileSync(join(root, file), 'utf8')): string[] {
  const specs = [...source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
  return specs.filter((s) => s.startsWith('.')).map((s) => relative(root, resolve(root, dirname(file), s)));
}

/** Lines that reach the store through the app context (`ctx.store`, `deps.ctx.store`, `{ store } = …ctx`). */
function storeUses(source: string): string[] {
  return source.split('\n').filter((l) => /\bctx\.store\b|\{\s*store\s*\}\s*=|\.store\./.test(l));
}

describe('layering', () => {
  it('finds imports the way the rule needs (the check itself works)', () => {
    const src = "import type { Actor } from '../../store/event-log.js';\nexport { x } from '../../http/errors.js';\nconst m = await import('../y.js');";
    expect(importsOf('server/http/routes/a.ts', src)).toEqual(['server/store/event-log.js', 'server/http/errors.js', 'server/http/y.js']);
    expect(storeUses('const { store } = deps.ctx;\nconst a = deps.hall.view();\nx = deps.ctx.store.tickets;')).toHaveLength(2);
  });

  const routes = tsFiles('server/http/routes');
  it.each(routes)('%s neither imports server/store nor touches ctx.store', (file) => {
    expect(importsOf(file).filter((p) => p.startsWith('server/store/'))).toEqual([]);
    expect(storeUses(readFileSync(join(root, file), 'utf8'))).toEqual([]);
  });

  const sockets = tsFiles('server/realtime');
  it.each(sockets)('%s does not import server/http', (file) => {
    expect(importsOf(file).filter((p) => p.startsWith('server/http/'))).toEqual([]);
  });

  // What users run (the hall, the agent, drivers, `npm run region`, `npm run region:trial`) never loads test code.
  const shipped = ['server', 'region', 'common', 'agent', 'drivers'].flatMap((d) => tsFiles(d));
  it.each(shipped)('%s does not import test/', (file) => {
    expect(importsOf(file).filter((p) => p.startsWith('test/'))).toEqual([]);
  });

  it('has route and socket files to check', () => {
    expect(routes.length).toBeGreaterThan(5);
    expect(sockets.length).toBeGreaterThan(3);
  });
});
