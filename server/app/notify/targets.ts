import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { DomainError } from '../../domain/errors.js';

/** The env var listing networks a webhook or callback may reach although they are internal (CIDR, comma-separated). */
export const ALLOWED_NETWORKS_ENV = 'ONESTOP_NOTIFY_ALLOWED_NETWORKS';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** IPv6 global unicast: the only IPv6 space a notification may go to. */
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];
/** NAT64's well-known prefix (RFC 6052): the last 32 bits are the IPv4 address reached. */
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96') as [ipaddr.IPv6, number];

/** ipaddr.js's range names, as people read them. */
const RANGE_NAMES: Record<string, string> = {
  linkLocal: 'link-local', carrierGradeNat: 'carrier-grade NAT', uniqueLocal: 'private (unique-local)', ipv4Mapped: 'IPv4-mapped',
  rfc6145: 'IPv4-translated', rfc6052: 'NAT64', '6to4': '6to4', teredo: 'Teredo', benchmarking: 'benchmarking (198.18.0.0/15)',
  deprecatedSiteLocal: 'site-local (deprecated)', discard: 'discard-only', reserved: 'reserved', amt: 'AMT', as112: 'AS112', orchid2: 'ORCHIDv2', droneRemoteIdProtocolEntityTags: 'reserved',
};

/** A literal IP in brackets or not, IPv4-mapped IPv6 read as the IPv4 it carries. */
function parseIp(host: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const h = host.replace(/^\[|\]$/g, '');
  if (!isIP(h)) return null;
  const ip = ipaddr.parse(h);
  return ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : ip;
}

/**
 * Where outbound notifications may go (SSRF guard), one policy for the hall's
 * webhook and booking platforms' callback URLs, checked when the URL is saved
 * and again at send time on the address the name resolved to. Only public
 * unicast addresses are reachable, unless an installer lists an internal
 * network (the hall's SMS gateway on the intranet) in ONESTOP_NOTIFY_ALLOWED_NETWORKS.
 */
export class NotifyTargets {
  private allowed: Range[];

  constructor(readonly allowedNetworks: readonly string[] = []) {
    this.allowed = allowedNetworks.map((n) => {
      try {
        if (n.includes('/')) {
          const [ip, bits] = ipaddr.parseCIDR(n);
          const v4 = ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress();
          return (v4 ? [(ip as ipaddr.IPv6).toIPv4Address(), bits - 96] : [ip, bits]) as Range;
        }
        const ip = parseIp(n);
        if (!ip) throw new Error('not an address');
        return [ip, ip.kind() === 'ipv4' ? 32 : 128] as Range;
      } catch {
        throw new Error(`${ALLOWED_NETWORKS_ENV}: "${n}" is not an address or a subnet (give e.g. 10.20.0.0/16, 192.168.1.5)`);
      }
    });
  }

  /**
   * Why an address may not be reached (null: it may). IPv4: only what ipaddr.js
   * calls `unicast` (loopback, link-local with 169.254.169.254 the cloud metadata
   * service, unspecified, multicast, broadcast, private, carrier-grade NAT,
   * benchmarking 198.18/15 and reserved ranges are refused). IPv6: only global
   * unicast (2000::/3) that is `unicast` to ipaddr.js (so not documentation,
   * 6to4, Teredo …); site-local fec0::/10, discard 100::/64, IPv4-compatible
   * ::a.b.c.d and local-use NAT64 64:ff9b:1::/48 are outside it. NAT64's
   * well-known prefix 64:ff9b::/96 (DNS64 networks) is judged by the IPv4 address
   * it embeds. An allowed network wins over all of this.
   */
  refusal(address: string): string | null {
    const ip = parseIp(address);
    if (!ip) return `"${address}" is not an IP address`;
    if (this.isAllowed(ip)) return null;
    const hint = `(list its network in ${ALLOWED_NETWORKS_ENV} to allow it)`;
    if (ip.kind() === 'ipv6') {
      const v6 = ip as ipaddr.IPv6;
      if (v6.match(NAT64)) {
        const v4 = ipaddr.fromByteArray(v6.toByteArray().slice(12)) as ipaddr.IPv4;
        if (this.isAllowed(v4)) return null;
        const range = v4.range();
        return range === 'unicast' ? null : `${ip.toString()} is NAT64 for a ${RANGE_NAMES[range] ?? range} IPv4 address ${hint}`;
      }
      if (!v6.match(GLOBAL_UNICAST)) return `${ip.toString()} is not a global unicast IPv6 address ${hint}`;
    }
    const range = ip.range();
    return range === 'unicast' ? null : `${ip.toString()} is a ${RANGE_NAMES[range] ?? range} address ${hint}`;
  }

  private isAllowed(ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
    return this.allowed.some(([net, bits]) => net.kind() === ip.kind() && (ip as ipaddr.IPv4).match(net as ipaddr.IPv4, bits));
  }

  /**
   * A URL a notification may be sent to: http(s), no user name or password in it,
   * and a host that is not a refused address (a literal IP, or `localhost`). A name
   * is checked again at send time, on every address it resolves to.
   * Throws NOTIFY_URL_REFUSED (HTTP 400) naming `field`.
   */
  check(raw: unknown, field: string): string {
    const refuse = (why: string): never => {
      throw new DomainError('NOTIFY_URL_REFUSED', `${field}: ${why}`, field);
    };
    if (typeof raw !== 'string' || raw.length > 500) return refuse('a URL of at most 500 characters');
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return refuse('not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') refuse('only http and https URLs are allowed');
    if (url.username || url.password) refuse('no user name or password in the URL (give the receiver a key in a header or the path instead)');
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    if (host === 'localhost' || host.endsWith('.localhost')) {
      const why = this.refusal('127.0.0.1');
      if (why) refuse(why);
    } else if (parseIp(host)) {
      const why = this.refusal(host);
      if (why) refuse(why);
    }
    return raw;
  }
}

export function notifyTargetsFromEnv(env: NodeJS.ProcessEnv = process.env): NotifyTargets {
  const list = (env[ALLOWED_NETWORKS_ENV] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return new NotifyTargets(list);
}
