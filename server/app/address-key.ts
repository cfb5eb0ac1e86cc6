import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The key a per-address cap counts by. An IPv4 address is one key; an IPv6
 * client normally owns a whole /64 (SLAAC, privacy addresses), so IPv6 is keyed
 * on its /64 — otherwise 2001:db8:1:2::1, ::2, ::3 … would each get their own
 * cap. An IPv4-mapped IPv6 address (::ffff:a.b.c.d, how a dual-stack socket
 * reports IPv4 peers) is its IPv4 address. Anything else is kept as given.
 */
export function addressCapKey(address: string): string {
  const a = address.trim();
  if (!isIP(a)) return a;
  const ip = ipaddr.process(a);
  if (ip.kind() === 'ipv4') return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}
