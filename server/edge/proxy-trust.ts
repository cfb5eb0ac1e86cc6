import type { TrustProxy } from './settings.js';

/**
 * What TRUST_PROXY means for addresses the hall pins or caps. `true` (trust
 * every hop) or a hop count lets any client write the address the hall sees in
 * X-Forwarded-For: a kiosk agent could claim to be on the kiosk network
 * (ONESTOP_AGENT_NETWORKS) and a phone could pick a new address for every online
 * take (the per-address cap). Only TRUST_PROXY naming the proxies (addresses,
 * subnets, `loopback`…) makes the forwarded address the proxy's word.
 *
 * Returns the start-up problem: `error` (refuse to start) or `warning` (log it).
 */
export function proxyTrustProblem(trustProxy: TrustProxy, agentNetworks: readonly string[]): { error?: string; warning?: string } {
  const loose = trustProxy === true || typeof trustProxy === 'number';
  if (!loose) return {};
  const what = trustProxy === true ? 'TRUST_PROXY=true trusts every hop' : `TRUST_PROXY=${trustProxy} trusts the last ${trustProxy} hop(s) whoever they are`;
  if (agentNetworks.length > 0) {
    return {
      error:
        `${what}, so a client can choose the address the hall sees (X-Forwarded-For) and pass ONESTOP_AGENT_NETWORKS from anywhere. ` +
        'Set TRUST_PROXY to the reverse proxy\u2019s own address or subnet (e.g. TRUST_PROXY=10.0.0.2 or loopback), or leave it unset without a proxy.',
    };
  }
  return {
    warning:
      `${what}: a client can choose the address the hall sees (X-Forwarded-For), which defeats per-address limits (the online-number cap, ` +
      'the anonymous rate limit). Set TRUST_PROXY to the reverse proxy\u2019s own address or subnet instead.',
  };
}
