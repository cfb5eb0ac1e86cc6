/**
 * CPU profile of the hall under the issue case's 32-kiosk load: starts the server
 * as `npm start` runs it (bundled, same flags) plus --cpu-prof, loads it for 6 s,
 * stops it and says where the .cpuprofile is (open it in Chrome DevTools → Performance).
 *   npx tsx bench/profile-issue.ts [outDir]
 */
import { kioskLoad } from './cases/issue.js';
import { buildServerBundle } from './lib/bundle.js';
import { admin, kioskTokens, OPEN_SERVICES } from './lib/hall-setup.js';
import { removeDir, startServer, tempDir } from './lib/proc.js';
import { productionLaunch } from './lib/production.js';

const outDir = process.argv[2] ?? tempDir('onestop-prof-');
const dir = tempDir();
const launch = productionLaunch();
const server = await startServer(dir, { script: buildServerBundle(), execArgv: [...launch.execArgv, '--cpu-prof', `--cpu-prof-dir=${outDir}`], env: launch.env });
try {
  const tokens = await kioskTokens(await admin(server.url), 32);
  const r = await kioskLoad({ base: server.url, tokens, services: OPEN_SERVICES, durationMs: 6000, keyPrefix: 'prof' });
  process.stdout.write(`${r.created} tickets, ${((r.created * 1000) / r.elapsedMs).toFixed(0)}/s; profile in ${outDir}\n`);
} finally {
  await server.kill();
  removeDir(dir);
}
