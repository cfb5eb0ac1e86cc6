import { describe, expect, it } from 'vitest';
import { NotifyTargets } from '../../../server/app/notify/targets.js';

/** The address policy of outbound notifications (review 13: gaps of ipaddr.js 1.9 and a NAT64 prefix refused whole). */
describe('notification target policy: which addresses a webhook may reach', () => {
  const policy = new NotifyTargets();

  it('refuses benchmarking, site-local, local-use NAT64, IPv4-compatible, discard-only and everything outside 2000::/3', () => {
    for (const a of ['198.18.0.1', '198.19.255.254', 'fec0::1', '64:ff9b:1::8.8.8.8', '::7f00:1', '100::1', '2001:db8::1', '2002:7f00:1::1', 'fc00::1', 'fe80::1', 'ff02::1', '::1', '::']) {
      expect(policy.refusal(a), a).not.toBeNull();
    }
  });

  it('allows global unicast IPv6 and public IPv4, and judges NAT64 (64:ff9b::/96) by the IPv4 address it embeds', () => {
    for (const a of ['2606:4700:4700::1111', '2400:3200::1', '8.8.8.8', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', '64:ff9b::808:808']) {
      expect(policy.refusal(a), a).toBeNull();
    }
    for (const a of ['64:ff9b::127.0.0.1', '64:ff9b::10.1.2.3', '64:ff9b::169.254.169.254', '64:ff9b::198.18.0.1']) {
      expect(policy.refusal(a), a).toMatch(/NAT64/);
    }
    // An allowed IPv4 network covers its NAT64 form too.
    expect(new NotifyTargets(['10.20.0.0/16']).refusal('64:ff9b::10.20.1.2')).toBeNull();
    expect(new NotifyTargets(['10.20.0.0/16']).refusal('64:ff9b::10.21.1.2')).not.toBeNull();
  });
});
