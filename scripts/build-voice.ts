/**
 * Generates the built-in voice pack: dist/voice/<lang>/*.wav + manifest.json for
 * zh-CN, zh-TW and en, with eSpeak NG (WebAssembly, from npm). Run by
 * scripts/ensure-voice.mjs on `npm start` when missing or stale; never committed.
 *   tsx scripts/build-voice.ts [outDir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { espeakVersion } from './voice/espeak.js';
import { buildPack } from './voice/build-pack.js';
import { PACK_LANGS } from './voice/inventory.js';

const root = new URL('..', import.meta.url).pathname;
const out = resolve(process.argv[2] ?? process.env.ONESTOP_VOICE_DIR ?? join(root, 'dist/voice'));
mkdirSync(out, { recursive: true });
const engine = await espeakVersion();
const t0 = Date.now();
for (const lang of PACK_LANGS) {
  const m = await buildPack(lang, join(out, lang), engine);
  console.log(`voice: ${lang} ${new Set(Object.values(m.clips)).size} clips`);
}
writeFileSync(join(out, 'stamp.json'), JSON.stringify({ engine, builtAt: new Date().toISOString() }));
console.log(`voice: built-in pack ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${out})`);
