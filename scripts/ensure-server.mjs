// Bundles the hall server (TypeScript sources → one ES module, node_modules left
// external) when dist/server is missing or older than its sources, so `npm start`
// runs plain node: the transpile-on-load of tsx costs over a second at every start.
import { existsSync, statSync } from 'node:fs';
import { newest } from './newest.mjs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist/server/main.mjs');
const sources = ['server', 'drivers', 'common', 'ui-shared/routes.ts', 'package-lock.json'];

// Reports run in their own process (server/app/report-worker.ts), from their own file beside main.mjs.
const worker = join(root, 'dist/server/report-worker.mjs');
// Backups are verified in their own process too (server/ops/verify-worker.ts).
const verifier = join(root, 'dist/server/verify-worker.mjs');
const built = [out, worker, verifier].every(existsSync) ? Math.min(...[out, worker, verifier].map((f) => statSync(f).mtimeMs)) : 0;
if (built === 0 || Math.max(...sources.map((s) => newest(join(root, s)))) > built) {
  await build({
    entryPoints: { main: join(root, 'server/main.ts'), 'report-worker': join(root, 'server/app/report-worker.ts'), 'verify-worker': join(root, 'server/ops/verify-worker.ts') },
    outdir: join(root, 'dist/server'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}
