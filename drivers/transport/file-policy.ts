import { existsSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DeviceError } from './types.js';
import { parseUri } from './uri.js';

/**
 * Which paths a `file:` device URI may name. A file URI opens its path for
 * writing, so without a rule it could append to (or create) any file the hall's
 * user can write. Allowed are only:
 *  - device nodes of printers and serial/HID adapters: a character device whose
 *    real path is /dev/usb/lpN, /dev/lpN, /dev/usb/hiddevN, /dev/hidrawN,
 *    /dev/rfcommN or /dev/ttyUSBN, ttyACMN, ttySN, ttyAMAN, ttyXRUSBN, ttyGSN;
 *  - plain files and character-device nodes inside the device-file folder
 *    (captures and nodes made with mknod, for tests and installers): `ONESTOP_DEVICE_FILE_DIR`, default `DATA_DIR/device-files`
 *    (`DATA_DIR` default `./data`). A relative path is taken inside that folder.
 * Nothing is ever created outside that folder; symbolic links count by their target.
 */
const DEVICE_NODE = /^\/dev\/(usb\/lp\d+|lp\d+|usb\/hiddev\d+|hidraw\d+|rfcomm\d+|tty(USB|ACM|S|AMA|XRUSB|GS)\d+)$/;

export function deviceFileDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.ONESTOP_DEVICE_FILE_DIR || join(env.DATA_DIR || './data', 'device-files'));
}

export interface AllowedFile {
  /** A device node (opened as it is) or a capture file (created owner-only, appended to). */
  kind: 'device' | 'capture';
  /** The path to open: a device node's real path, or the capture file inside the folder. */
  path: string;
}

function refuse(path: string, why: string, dir: string): never {
  throw new DeviceError(
    'FILE_NOT_ALLOWED',
    `file:${path} is not allowed: ${why}. A file: URI may name a printer or serial device node (e.g. /dev/usb/lp0, /dev/ttyUSB0) or a file inside ${dir} (set ONESTOP_DEVICE_FILE_DIR to choose that folder)`,
  );
}

const inside = (child: string, parent: string) => {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r) && r.split(sep)[0] !== '..');
};

/** Decides whether `path` may be opened; throws DeviceError FILE_NOT_ALLOWED with a reason otherwise. */
export function checkDeviceFile(path: string, dir = deviceFileDir()): AllowedFile {
  const wanted = isAbsolute(path) ? resolve(path) : resolve(dir, path);
  if (existsSync(wanted)) {
    const real = realpathSync(wanted);
    const st = statSync(real);
    if (st.isCharacterDevice()) {
      // A node an installer made inside the folder on purpose (mknod) counts as a device too.
      if (DEVICE_NODE.test(real) || inside(real, existsSync(dir) ? realpathSync(dir) : dir)) return { kind: 'device', path: real };
      return refuse(path, `${real} is not a printer or serial device node`, dir);
    }
    if (!st.isFile()) return refuse(path, 'it is neither a device node nor a plain file', dir);
    const realDir = existsSync(dir) ? realpathSync(dir) : dir;
    if (!inside(real, realDir)) return refuse(path, `${real} is outside the device-file folder`, dir);
    return { kind: 'capture', path: real };
  }
  if (wanted.startsWith('/dev/')) throw new DeviceError('DEVICE_NOT_FOUND', `cannot open ${path}: no such device (is it plugged in and its driver loaded?)`);
  // A new capture file: its folder must be (inside) the device-file folder, after links are resolved.
  const realDir = existsSync(dir) ? realpathSync(dir) : dir;
  const parent = existsSync(dirname(wanted)) ? realpathSync(dirname(wanted)) : dirname(wanted);
  if (!inside(parent, realDir)) return refuse(path, 'it does not exist and would be created outside the device-file folder', dir);
  if (!existsSync(parent) && parent !== realDir) return refuse(path, `its folder ${parent} does not exist`, dir);
  return { kind: 'capture', path: join(parent, wanted.slice(dirname(wanted).length + 1)) };
}

/** Creates the device-file folder (owner-only) when a capture file is about to be written in it. */
export function ensureDeviceFileDir(dir = deviceFileDir()): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * A URI as saved by an admin or given to `npm run devices`: syntax (parseUri,
 * BAD_URI) and, for `file:`, the path rule above (FILE_NOT_ALLOWED). A device
 * node that is not plugged in yet is fine here: the URI is valid, the device absent.
 */
export function checkDeviceUri(uri: string, dir = deviceFileDir()): void {
  const cfg = parseUri(uri);
  if (cfg.scheme !== 'file') return;
  try {
    checkDeviceFile(cfg.path, dir);
  } catch (err) {
    if (err instanceof DeviceError && err.code === 'DEVICE_NOT_FOUND') {
      if (DEVICE_NODE.test(resolve(cfg.path))) return;
      return refuse(cfg.path, 'it is not a printer or serial device node', dir);
    }
    throw err;
  }
}
