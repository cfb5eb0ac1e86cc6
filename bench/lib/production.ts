import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildServerBundle } from './bundle.js';
import { ROOT, startServer, type ServerProc } from './proc.js';

export interface Launch {
  /** Environment variables `npm start` sets for the server process. */
  env: Record<string, string>;
  /** Node flags `npm start` gives the server process. */
  execArgv: string[];
}

/**
 * How `npm start` launches the server: read from package.json's `start` script
 * (its last command, `VAR=value … node --flag … dist/server/main.mjs`), so the
 * benchmark runs the server exactly as a hall does and cannot drift from it.
 */
export function productionLaunch(): Launch {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const last = pkg.scripts.start.split('&&').at(-1)!.trim().split(/\s+/);
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < last.length && /^[A-Z_][A-Z0-9_]*=/.test(last[i]); i++) {
    const eq = last[i].indexOf('=');
    env[last[i].slice(0, eq)] = last[i].slice(eq + 1);
  }
  if (last[i] !== 'node') throw new Error(`package.json start: expected "node" after the environment, got "${last[i]}"`);
  const execArgv = last.slice(i + 1).filter((t) => t.startsWith('--'));
  return { env, execArgv };
}

let bundle: string | null = null;

/**
 * The hall server started the way `npm start` starts it: the esbuild bundle run by
 * plain node with the start script's flags and environment (built once per run).
 */
export function startProductionServer(dataDir: string, opts: { env?: NodeJS.ProcessEnv; port?: number } = {}): Promise<ServerProc> {
  bundle ??= buildServerBundle();
  const launch = productionLaunch();
  return startServer(dataDir, { script: bundle, execArgv: launch.execArgv, env: { ...launch.env, ...opts.env }, port: opts.port });
}
