// Generates the built-in voice pack (dist/voice/<lang>/) when it is missing or older than
// what makes it, so `npm start` on a fresh clone gives screens that speak (about 10 s, once).
// A failure is reported and the hall starts anyway: screens then use a hall pack or chime.
import { existsSync, statSync } from 'node:fs';
import { newest } from './newest.mjs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const out = process.env.ONESTOP_VOICE_DIR ?? join(root, 'dist/voice');
const stamp = join(out, 'stamp.json');
const sources = ['scripts/build-voice.ts', 'scripts/voice', 'display-ui/spoken.ts', 'display-ui/voice-pack.ts', 'server/domain/settings.ts', 'node_modules/espeak-ng/package.json'];

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (built === 0 || Math.max(...sources.map((s) => newest(join(root, s)))) > built) {
  console.log(built === 0 ? 'Generating the built-in voice (first start)…' : 'Voice sources changed: regenerating the built-in voice…');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build-voice.ts'), out], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.error('The built-in voice was not generated; screens will use a hall pack in DATA_DIR/voice or a chime.');
}
