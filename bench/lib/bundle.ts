import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './proc.js';

/**
 * The server bundled into one ESM file (esbuild, already installed with Vite),
 * run by plain node without the tsx loader: what a production start would run.
 * It sits in bench/.build/server/store/ beside a copy of the migrations, because
 * the store finds its migrations next to its own module. Never committed.
 */
export function buildServerBundle(): string {
  const dir = join(ROOT, 'bench/.build/server/store');
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'server/store/migrations'), join(dir, 'migrations'), { recursive: true });
  const out = join(dir, 'server.mjs');
  execFileSync(
    join(ROOT, 'node_modules/.bin/esbuild'),
    [
      'server=bench/server-main.ts',
      // The report process's entry, beside the server as in dist/server.
      'report-worker=server/app/report-worker.ts',
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--target=node20',
      `--outdir=${dir}`,
      '--out-extension:.js=.mjs',
      ...['better-sqlite3', 'serialport', '@serialport/*', 'usb', 'node-hid'].map((m) => `--external:${m}`),
      "--banner:js=import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      '--log-level=warning',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  return out;
}
