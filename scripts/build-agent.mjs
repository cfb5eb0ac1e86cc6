// `npm run build:agent`: the kiosk agent as one folder an installer can carry
// to a kiosk PC and run with a stock Node 20 — no repository, no npm ci:
//   dist/agent/agent.mjs         agent/main.ts and everything it imports, bundled by esbuild
//   dist/agent/node_modules/     only the native device packages (serialport, usb, node-hid)
//                                and what they need at run time, with the prebuilt bindings
//                                their npm packages ship for linux-x64 and win32-x64
//   dist/agent/README.txt        how to run it and install it as a service
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const out = process.argv[2] ? resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2]) : join(root, 'dist/agent');
/** Loaded at run time by name (drivers/transport/base.ts loadNative), so they stay files, not bundle. */
const NATIVE = ['serialport', '@serialport/stream', 'usb', 'node-hid'];
const PLATFORMS = ['linux-x64', 'win32-x64'];
/** Sources and local builds of the native packages: the agent uses their prebuilds only. */
const PRUNE = { usb: ['libusb', 'libusb_config', 'src', 'test', 'build'], 'node-hid': ['hidapi', 'src', 'build'], '@serialport/bindings-cpp': ['src', 'build'] };

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(root, 'agent/main.ts')],
  outfile: join(out, 'agent.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [...NATIVE, '@serialport/*'],
  // CommonJS packages inside an ES module bundle still call require().
  banner: { js: "import { createRequire as __onestopRequire } from 'node:module'; const require = __onestopRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});

/** The folder of package `name` as Node would resolve it from `fromDir`. */
function resolvePackage(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
  }
}

/** Every package the native ones need at run time (dependencies and optionalDependencies). */
const packages = new Set();
function visit(pkgDir) {
  if (packages.has(pkgDir)) return;
  packages.add(pkgDir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
    if (dep.startsWith('@types/') || dep === 'node-addon-api') continue; // types and C++ headers: build time only
    const found = resolvePackage(dep, pkgDir);
    if (!found) throw new Error(`${dep} (needed by ${pkg.name}) is not installed: run npm ci`);
    visit(found);
  }
}
for (const name of NATIVE) {
  const dir = resolvePackage(name, root);
  if (!dir) throw new Error(`${name} is not installed: run npm ci`);
  visit(dir);
}

const copied = [];
for (const pkgDir of packages) {
  const rel = relative(join(root, 'node_modules'), pkgDir);
  const dest = join(out, 'node_modules', rel);
  // Copy the package without its nested node_modules (those are visited on their own if needed).
  cpSync(pkgDir, dest, { recursive: true, filter: (src) => !relative(pkgDir, src).split('/').includes('node_modules') });
  const name = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).name;
  for (const sub of PRUNE[name] ?? []) rmSync(join(dest, sub), { recursive: true, force: true });
  const prebuilds = join(dest, 'prebuilds');
  if (existsSync(prebuilds)) {
    for (const p of readdirSync(prebuilds)) if (!PLATFORMS.some((plat) => p.endsWith(plat) || p.includes(`${plat}-`) || p.endsWith(`${plat}-musl`))) rmSync(join(prebuilds, p), { recursive: true, force: true });
    const kept = readdirSync(prebuilds);
    for (const plat of PLATFORMS) if (!kept.some((p) => p.includes(plat))) throw new Error(`${name} ships no prebuilt binding for ${plat}`);
  }
  copied.push(rel);
}

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
writeFileSync(join(out, 'package.json'), JSON.stringify({ name: 'onestop-agent', version, private: true, type: 'module', main: 'agent.mjs', engines: { node: '>=20.6' } }, null, 2) + '\n');
writeFileSync(
  join(out, 'README.txt'),
  `Onestop kiosk agent ${version}: hosts this kiosk PC's ticket printer and ID-card reader for the hall server.
Needs Node.js 20 (https://nodejs.org); nothing else. Runs on Linux x64 and Windows x64.

  node agent.mjs --server http://HALL-SERVER:3000 --token <kiosk token> --printer serial:/dev/ttyUSB0?baud=9600 --reader serial:/dev/ttyUSB1?baud=115200

Windows: --printer serial:COM3?baud=9600 --reader serial:COM4?baud=115200
The kiosk token is issued in the hall's admin UI (Kiosks and displays -> issue token).
Installing as a service (Linux systemd, Windows NSSM or sc.exe): see "Installing in a hall" in the Onestop README.
`,
);
const size = (p) => (statSync(p).isDirectory() ? readdirSync(p).reduce((n, f) => n + size(join(p, f)), 0) : statSync(p).size);
process.stdout.write(`kiosk agent built: ${out} (${(size(out) / 2 ** 20).toFixed(1)} MB; native packages: ${copied.join(', ')})\n`);
