import { DeviceError } from './types.js';

/**
 * The user-facing device address forms (see DESIGN.md, "Device transports").
 * Parsing is strict on purpose: a typo in the admin UI should be reported when
 * the device is saved, not discovered as a silent wrong baud rate at 8 a.m.
 */
export type Parity = 'none' | 'even' | 'odd' | 'mark' | 'space';

export interface SerialUri {
  scheme: 'serial';
  path: string;
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: Parity;
  stopBits: 1 | 1.5 | 2;
  /** RS-485 direction control requested; most USB-485 adapters switch by themselves. */
  rs485: boolean;
}
export interface TcpUri { scheme: 'tcp'; host: string; port: number }
export interface UsbUri { scheme: 'usb'; vendorId: number; productId: number; interface?: number }
export interface FileUri { scheme: 'file'; path: string; read: boolean }
export interface HidUri { scheme: 'hid'; vendorId: number; productId: number }
export interface SimUri { scheme: 'sim'; name: string; params: Record<string, string> }

export type TransportUri = SerialUri | TcpUri | UsbUri | FileUri | HidUri | SimUri;

export class UriError extends DeviceError {
  constructor(uri: string, problem: string) {
    super('BAD_URI', `Invalid device URI "${uri}": ${problem}`);
    this.name = 'UriError';
  }
}

const BAUDS = [300, 600, 1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200, 230400, 460800, 921600];

export function parseUri(uri: string): TransportUri {
  if (typeof uri !== 'string' || uri.trim() === '') throw new UriError(String(uri), 'empty');
  const m = /^([a-z]+):(.*)$/i.exec(uri.trim());
  if (!m) throw new UriError(uri, 'expected "scheme:address", e.g. serial:/dev/ttyUSB0?baud=9600');
  const scheme = m[1].toLowerCase();
  const [address, query = ''] = splitQuery(m[2]);
  const params = parseQuery(uri, query);
  switch (scheme) {
    case 'serial':
      return parseSerial(uri, address, params);
    case 'tcp':
      onlyKeys(uri, params, []);
      return parseTcp(uri, address);
    case 'usb': {
      onlyKeys(uri, params, ['interface']);
      const ids = parseIds(uri, address);
      const iface = params.interface === undefined ? undefined : int(uri, 'interface', params.interface, 0, 255);
      return { scheme: 'usb', ...ids, ...(iface === undefined ? {} : { interface: iface }) };
    }
    case 'file':
      onlyKeys(uri, params, ['read']);
      if (!address) throw new UriError(uri, 'missing file path, e.g. file:/dev/usb/lp0');
      return { scheme: 'file', path: address, read: bool(uri, 'read', params.read ?? '1') };
    case 'hid':
      onlyKeys(uri, params, []);
      return { scheme: 'hid', ...parseIds(uri, address) };
    case 'sim':
      if (!/^[a-z][a-z0-9-]*$/i.test(address)) throw new UriError(uri, 'simulator name expected, e.g. sim:led');
      return { scheme: 'sim', name: address.toLowerCase(), params };
    default:
      throw new UriError(uri, `unknown scheme "${scheme}" (use serial, tcp, usb, file, hid or sim)`);
  }
}

function splitQuery(rest: string): [string, string?] {
  const i = rest.indexOf('?');
  return i < 0 ? [rest] : [rest.slice(0, i), rest.slice(i + 1)];
}

function parseQuery(uri: string, query: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!query) return out;
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq)).trim();
    const value = eq < 0 ? '1' : decodeURIComponent(part.slice(eq + 1)).trim();
    if (!key) throw new UriError(uri, `empty option name in "${part}"`);
    if (key in out) throw new UriError(uri, `option "${key}" given twice`);
    out[key] = value;
  }
  return out;
}

function onlyKeys(uri: string, params: Record<string, string>, allowed: string[]): void {
  for (const k of Object.keys(params)) {
    if (!allowed.includes(k)) {
      throw new UriError(uri, `unknown option "${k}"${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`);
    }
  }
}

function parseSerial(uri: string, path: string, p: Record<string, string>): SerialUri {
  onlyKeys(uri, p, ['baud', 'baudRate', 'parity', 'dataBits', 'stopBits', 'rs485']);
  if (!path) throw new UriError(uri, 'missing port path, e.g. serial:/dev/ttyUSB0 or serial:COM3');
  if (p.baud && p.baudRate) throw new UriError(uri, 'give either baud or baudRate, not both');
  const baudText = p.baud ?? p.baudRate ?? '9600';
  const baudRate = int(uri, 'baud', baudText, 50, 4_000_000);
  if (!BAUDS.includes(baudRate)) {
    // custom rates exist, but a typo like 11520 is far more likely than a real 11520-baud board
    throw new UriError(uri, `unusual baud rate ${baudRate} (expected one of ${BAUDS.join(', ')})`);
  }
  const parity = (p.parity ?? 'none').toLowerCase();
  if (!['none', 'even', 'odd', 'mark', 'space'].includes(parity)) {
    throw new UriError(uri, `parity must be none, even, odd, mark or space, not "${p.parity}"`);
  }
  const dataBits = int(uri, 'dataBits', p.dataBits ?? '8', 5, 8) as SerialUri['dataBits'];
  const stopText = p.stopBits ?? '1';
  if (!['1', '1.5', '2'].includes(stopText)) throw new UriError(uri, `stopBits must be 1, 1.5 or 2, not "${stopText}"`);
  return {
    scheme: 'serial',
    path,
    baudRate,
    dataBits,
    parity: parity as Parity,
    stopBits: Number(stopText) as SerialUri['stopBits'],
    rs485: bool(uri, 'rs485', p.rs485 ?? '0'),
  };
}

function parseTcp(uri: string, address: string): TcpUri {
  // [v6]:port or host:port; the port is required because 9100 is a printer habit, not a rule
  const m = /^(?:\[([^\]]+)\]|([^:/?#\s]+)):(\d+)$/.exec(address.replace(/^\/\//, ''));
  if (!m) throw new UriError(uri, 'expected tcp:host:port, e.g. tcp:192.168.1.50:9100');
  const port = int(uri, 'port', m[3], 1, 65535);
  return { scheme: 'tcp', host: m[1] ?? m[2], port };
}

function parseIds(uri: string, address: string): { vendorId: number; productId: number } {
  const m = /^(0x[0-9a-f]{1,4}|[0-9a-f]{4}):(0x[0-9a-f]{1,4}|[0-9a-f]{4})$/i.exec(address);
  if (!m) throw new UriError(uri, 'expected vendor:product ids in hex, e.g. 0x0483:0x5743');
  return { vendorId: parseInt(m[1], 16), productId: parseInt(m[2], 16) };
}

function int(uri: string, name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text)) throw new UriError(uri, `${name} must be a whole number, not "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new UriError(uri, `${name} ${n} out of range ${min}..${max}`);
  return n;
}

function bool(uri: string, name: string, text: string): boolean {
  if (['1', 'true', 'yes', 'on'].includes(text.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(text.toLowerCase())) return false;
  throw new UriError(uri, `${name} must be 1/0 or true/false, not "${text}"`);
}

/** Format vendor/product ids the way the URI form spells them. */
export function hexId(n: number): string {
  return `0x${n.toString(16).padStart(4, '0')}`;
}
