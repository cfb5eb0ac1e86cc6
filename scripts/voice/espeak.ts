import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * eSpeak NG compiled to WebAssembly (npm `espeak-ng`, GPL-3.0-or-later), run as
 * its command line inside this process: no system package, works offline
 * straight after `npm ci`. The WASM is compiled once; each call gets a fresh
 * instance (the program's main() runs once per instance).
 */
type Factory = (o: Record<string, unknown>) => Promise<{ FS: { readFile(p: string): Uint8Array } }>;

const require = createRequire(import.meta.url);
let ready: Promise<{ factory: Factory; module: WebAssembly.Module; version: string }> | null = null;

function load() {
  ready ??= (async () => {
    const pkgJson = require.resolve('espeak-ng/package.json');
    const dir = dirname(pkgJson);
    const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
    const factory = (await import(join(dir, 'dist/espeak-ng.js'))).default as Factory;
    const module = await WebAssembly.compile(readFileSync(join(dir, 'dist/espeak-ng.wasm')));
    return { factory, module, version };
  })();
  return ready;
}

export async function espeakVersion(): Promise<string> {
  return `eSpeak NG (npm espeak-ng ${(await load()).version})`;
}

/** Speaks SSML with an eSpeak NG voice; returns the WAV file (16-bit mono, 22,050 Hz). */
export async function synthesize(voice: string, ssml: string, wordsPerMinute: number): Promise<Uint8Array> {
  const { factory, module } = await load();
  const errors: string[] = [];
  const es = await factory({
    arguments: ['-m', '-v', voice, '-s', String(wordsPerMinute), '-w', '/out.wav', ssml],
    instantiateWasm: (imports: WebAssembly.Imports, ok: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) => {
      void WebAssembly.instantiate(module, imports).then((inst) => ok(inst, module));
      return {};
    },
    print: () => undefined,
    printErr: (s: string) => errors.push(s),
  });
  try {
    return es.FS.readFile('/out.wav');
  } catch {
    throw new Error(`eSpeak NG wrote no sound for voice ${voice}: ${errors.join(' ').slice(0, 300)}`);
  }
}
