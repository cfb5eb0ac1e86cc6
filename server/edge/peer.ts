import type { IncomingHttpHeaders } from 'node:http';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from './settings.js';

export type TrustFn = (addr: string, hop: number) => boolean;

/** express's own compilation of `trust proxy`, so HTTP (req.ip) and sockets agree on who the caller is. */
export function compileTrust(v: TrustProxy): TrustFn {
  if (v === true) return () => true;
  if (v === false) return proxyaddr.compile([]);
  if (typeof v === 'number') return (_a, i) => i < v;
  return proxyaddr.compile(v.split(',').map((s) => s.trim()).filter(Boolean));
}

/** The caller as the hall sees it: its address (per TRUST_PROXY) and whether a proxy stood in between. */
export interface Peer {
  address: string;
  /** The request carried X-Forwarded-For, Forwarded or X-Real-IP: someone else's request relayed. */
  proxied: boolean;
}

const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

export function hasProxyHeaders(headers: IncomingHttpHeaders): boolean {
  return PROXY_HEADERS.some((h) => headers[h] !== undefined);
}

export function peerOf(remoteAddress: string | undefined, headers: IncomingHttpHeaders, trust: TrustFn): Peer {
  const raw = remoteAddress ?? '';
  let address = raw;
  try {
    address = proxyaddr({ headers, socket: { remoteAddress: raw }, connection: { remoteAddress: raw } }, trust);
  } catch {
    // a malformed X-Forwarded-For: the socket peer it is
  }
  return { address: normalise(address), proxied: hasProxyHeaders(headers) };
}

/** `::ffff:10.0.0.5` and `10.0.0.5` are one caller. */
export function normalise(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
