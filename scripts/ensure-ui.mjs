// Builds the browser apps when dist/ui is missing or older than their sources,
// so `npm start` on a fresh clone serves working pages without a separate step.
import { existsSync, statSync } from 'node:fs';
import { newest } from './newest.mjs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist/ui/kiosk-ui/index.html');
const sources = ['kiosk-ui', 'counter-ui', 'display-ui', 'admin-ui', 'track-ui', 'region-ui', 'ui-shared', 'common', 'vite.config.ts'];

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...sources.map((s) => newest(join(root, s))));
if (built === 0 || changed > built) {
  console.log(built === 0 ? 'Building the browser apps (first start)…' : 'Browser app sources changed: rebuilding…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('The browser apps did not build; the API still starts, and / says what is missing.');
  }
}

// The built-in voice pack the displays fall back to (dist/voice, beside dist/ui).
await import('./ensure-voice.mjs');
